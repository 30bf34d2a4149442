import "server-only";
import Stripe from "stripe";
import { env } from "@/lib/env";

/** The API version Lantern is written against (the one stripe@23.1.0's types describe). */
export const STRIPE_API_VERSION = "2026-10-28.endive" as const satisfies Stripe.LatestApiVersion;

/** Any `sk_test_` key works against the emulator; this one says where it comes from. */
export const TEST_MODE_API_KEY = "sk_test_lantern_emulator";

/** Where the bundled emulator lives under the app's origin (see lib/stripe-emulator). */
export const STRIPE_EMULATOR_PATH = "/stripe-emulator";

const APP_INFO = { name: "Lantern", version: "0.1.0" };

type HttpClient = NonNullable<Stripe.StripeConfig["httpClient"]>;

/**
 * The SDK has host/port/protocol options but no base path, so requests to the emulator go
 * through this wrapper, which puts `/stripe-emulator` in front of every `/v1/...` path.
 */
function withPathPrefix(inner: HttpClient, prefix: string): HttpClient {
  return {
    getClientName: () => inner.getClientName(),
    makeRequest: (host, port, path, method, headers, requestData, protocol, timeout) =>
      inner.makeRequest(host, port, `${prefix}${path}`, method, headers, requestData, protocol, timeout),
  };
}

/**
 * A configured SDK instance. With `emulatorOrigin` (e.g. the app's own URL, or a test server)
 * every call goes to `${emulatorOrigin}/stripe-emulator/v1/...`; without it, to Stripe.
 */
export function createStripeClient({ apiKey, emulatorOrigin }: { apiKey: string; emulatorOrigin?: string | null }): Stripe {
  const config: Stripe.StripeConfig = { apiVersion: STRIPE_API_VERSION, maxNetworkRetries: 2, appInfo: APP_INFO };
  if (!emulatorOrigin) return new Stripe(apiKey, config);
  const base = new URL(emulatorOrigin);
  const protocol = base.protocol === "https:" ? "https" : "http";
  const prefix = `${base.pathname.replace(/\/$/, "")}${STRIPE_EMULATOR_PATH}`;
  return new Stripe(apiKey, {
    ...config,
    host: base.hostname,
    port: base.port || (protocol === "https" ? 443 : 80),
    protocol,
    // Node's http client, not fetch: Next.js patches fetch, and these calls must stay plain HTTP.
    httpClient: withPathPrefix(Stripe.createNodeHttpClient(), prefix),
    telemetry: false,
  });
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
