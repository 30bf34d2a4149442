import "server-only";
import path from "node:path";
import Stripe from "stripe";
import { emulatorConnection, EMULATOR_PATH_PREFIX, STRIPE_API_VERSION } from "@lantern/stripe-emulator/client";
import { env, stripeWebhookSecret } from "@/lib/env";

/**
 * The one place the app meets Stripe's SDK and, in test mode, the bundled emulator
 * (packages/stripe-emulator). Nothing else in the app imports the emulator package.
 */

/** The API version Lantern is written against; the emulator speaks the same one. */
export { STRIPE_API_VERSION };

/** Any `sk_test_` key works against the emulator; this one says where it comes from. */
export const TEST_MODE_API_KEY = "sk_test_lantern_emulator";

/** Where the bundled emulator lives under the app's origin. */
export const STRIPE_EMULATOR_PATH = EMULATOR_PATH_PREFIX;

const APP_INFO = { name: "Lantern", version: "0.1.0" };

/**
 * A configured SDK instance. With `emulatorOrigin` (e.g. the app's own URL, or a test server)
 * every call goes to `${emulatorOrigin}/stripe-emulator/v1/...`; without it, to Stripe.
 */
export function createStripeClient({ apiKey, emulatorOrigin }: { apiKey: string; emulatorOrigin?: string | null }): Stripe {
  const config: Stripe.StripeConfig = { apiVersion: STRIPE_API_VERSION, maxNetworkRetries: 2, appInfo: APP_INFO };
  if (!emulatorOrigin) return new Stripe(apiKey, config);
  return new Stripe(apiKey, { ...config, ...emulatorConnection(emulatorOrigin) });
}

let client: Stripe | undefined;

/**
 * The app's Stripe client. With STRIPE_SECRET_KEY it talks to Stripe; without it (test mode)
 * to the emulator inside this same server, at `${APP_URL}/stripe-emulator`.
 */
export function stripe(): Stripe {
  if (!client) {
    const { STRIPE_SECRET_KEY, APP_URL } = env();
    client = STRIPE_SECRET_KEY
      ? createStripeClient({ apiKey: STRIPE_SECRET_KEY })
      : createStripeClient({ apiKey: TEST_MODE_API_KEY, emulatorOrigin: APP_URL });
  }
  return client;
}

/**
 * Test mode: answers a request under /stripe-emulator with the server's one emulator (state
 * saved under LANTERN_DATA_DIR, webhooks signed with the test-mode secret and sent to APP_URL).
 * The emulator is loaded on first use, so a server with a real Stripe key never loads it.
 */
export async function handleEmulatorRequest(request: Request): Promise<Response> {
  const { getEmulator } = await import("@lantern/stripe-emulator");
  const emulator = getEmulator(() => {
    const config = env();
    const appUrl = config.APP_URL.replace(/\/$/, "");
    return {
      persistPath: path.resolve(config.LANTERN_DATA_DIR, "stripe-emulator.json"),
      webhookUrl: `${appUrl}/api/webhooks/stripe`,
      webhookSecret: () => stripeWebhookSecret(),
      publicOrigin: new URL(appUrl).origin,
      businessName: config.ORG_NAME,
    };
  });
  return emulator.handle(request);
}
