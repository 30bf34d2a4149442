import "server-only";
import path from "node:path";
import Stripe from "stripe";
import { emulatorConnection, EMULATOR_PATH_PREFIX, STRIPE_API_VERSION } from "@lantern/stripe-emulator/client";
import { env, stripeEmulatorApiKey, stripeWebhookSecret } from "@/lib/env";

/**
 * The one place the app meets Stripe's SDK and, in test mode, the bundled emulator
 * (packages/stripe-emulator). Nothing else in the app imports the emulator package.
 */

/** The API version Lantern is written against; the emulator speaks the same one. */
export { STRIPE_API_VERSION };

/** Where the bundled emulator lives under the app's origin. */
export const STRIPE_EMULATOR_PATH = EMULATOR_PATH_PREFIX;

const APP_INFO = { name: "Lantern", version: "0.1.0" };

type HttpClient = NonNullable<Stripe.StripeConfig["httpClient"]>;

/** Where a failed request went, kept on the low-level error the SDK wraps (`StripeConnectionError.detail`). */
const TRIED_URL = Symbol.for("lantern.stripe.tried-url");

/**
 * Records the URL a failed request tried, because the SDK's own message says only "Request was
 * retried 2 times". The error object itself is passed on unchanged (the SDK reads its code).
 */
function recordingFailures(inner: HttpClient): HttpClient {
  return {
    getClientName: () => inner.getClientName(),
    makeRequest: async (host, port, path, method, headers, requestData, protocol, timeout) => {
      try {
        return await inner.makeRequest(host, port, path, method, headers, requestData, protocol, timeout);
      } catch (error) {
        if (error && typeof error === "object") {
          const shownPort = port && String(port) !== (protocol === "https" ? "443" : "80") ? `:${port}` : "";
          Object.defineProperty(error, TRIED_URL, { value: `${method} ${protocol}://${host}${shownPort}${path.split("?")[0]}`, configurable: true });
        }
        throw error;
      }
    },
  };
}

/**
 * Stripe answers 429 for two reasons. A `lock_timeout` (another request holds the object) comes
 * with `Stripe-Should-Retry: true`, and the SDK retries it by itself. A `rate_limit` comes without
 * it, and stripe-node retries nothing else in the 4xx range, so the call would fail at once. Both
 * are safe to try again (every POST carries an idempotency key), so a 429 without Stripe's advice
 * is marked retryable here, and the SDK's own retries (`maxNetworkRetries`, with its exponential
 * backoff and jitter) take it from there. Stripe's explicit `Stripe-Should-Retry: false` is kept.
 */
function retryingRateLimits(inner: HttpClient): HttpClient {
  return {
    getClientName: () => inner.getClientName(),
    makeRequest: async (...args) => {
      const response = await inner.makeRequest(...args);
      const headers = response.getHeaders() as Record<string, string | string[] | undefined>;
      if (response.getStatusCode() !== 429 || headers["stripe-should-retry"] !== undefined) return response;
      return Object.create(response, { getHeaders: { value: () => ({ ...headers, "stripe-should-retry": "true" }) } }) as typeof response;
    },
  };
}

/**
 * One line for the log about a failed Stripe call: the SDK's message, and for a connection
 * failure the URL it tried and the underlying cause (e.g. `connect ECONNREFUSED 127.0.0.1:3000`).
 */
export function describeStripeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const detail = (error as { detail?: unknown }).detail;
  if (!(detail instanceof Error)) return error.message;
  const tried = (detail as unknown as Record<symbol, string | undefined>)[TRIED_URL];
  const code = (detail as NodeJS.ErrnoException).code;
  const cause = detail.message || code || detail.name;
  return `${error.message} Tried ${tried ?? "an unknown URL"}: ${cause}${code && !cause.includes(code) ? ` (${code})` : ""}.`;
}

/**
 * A configured SDK instance. With `emulatorOrigin` (e.g. the app's own URL, or a test server)
 * every call goes to `${emulatorOrigin}/stripe-emulator/v1/...`; without it, to Stripe.
 */
export function createStripeClient({ apiKey, emulatorOrigin }: { apiKey: string; emulatorOrigin?: string | null }): Stripe {
  const config: Stripe.StripeConfig = { apiVersion: STRIPE_API_VERSION, maxNetworkRetries: 2, appInfo: APP_INFO };
  const httpClient = retryingRateLimits(recordingFailures(Stripe.createNodeHttpClient()));
  if (!emulatorOrigin) return new Stripe(apiKey, { ...config, httpClient });
  return new Stripe(apiKey, { ...config, ...emulatorConnection(emulatorOrigin, httpClient) });
}

let client: Stripe | undefined;
let clientOrigin: string | undefined;

/**
 * The app's Stripe client. With STRIPE_SECRET_KEY it talks to Stripe; without it (test mode)
 * to the emulator inside this same server, at `${APP_URL}/stripe-emulator` — APP_URL being,
 * when unset, the address this server listens on — with this installation's own emulator key.
 */
export function stripe(): Stripe {
  const { STRIPE_SECRET_KEY, APP_URL } = env();
  if (STRIPE_SECRET_KEY) {
    client ??= createStripeClient({ apiKey: STRIPE_SECRET_KEY });
    return client;
  }
  if (!client || clientOrigin !== APP_URL) {
    client = createStripeClient({ apiKey: stripeEmulatorApiKey(), emulatorOrigin: APP_URL });
    clientOrigin = APP_URL;
  }
  return client;
}

/**
 * Test mode: answers a request under /stripe-emulator with the server's one emulator (state
 * saved under LANTERN_DATA_DIR, webhooks signed with this installation's secret and sent to
 * APP_URL). It accepts only this installation's own API key, and its hosted pages send browsers
 * back to this app only. Created on the first request, when the server knows its address
 * (APP_URL, or where it listens); a server with a real Stripe key never loads it.
 */
export async function handleEmulatorRequest(request: Request): Promise<Response> {
  const [{ getEmulator }, { HANDLED_EVENT_TYPES }] = await Promise.all([import("@lantern/stripe-emulator"), import("./webhooks/handlers")]);
  const emulator = getEmulator(() => {
    const config = env();
    const appOrigin = new URL(config.APP_URL).origin;
    return {
      persistPath: path.resolve(config.LANTERN_DATA_DIR, "stripe-emulator.json"),
      // Each save writes the whole history (megabytes after a few hundred test gifts): while gifts
      // stream in, saving after every change took half of the server's CPU (bench/gift-cost.ts).
      persistIntervalMs: 1000,
      webhookUrl: new URL("/api/webhooks/stripe", appOrigin).toString(),
      // Like the endpoint docs/giving-and-stripe.md subscribes at Stripe: only the events Lantern acts on (a
      // one-off gift is 1 delivery instead of 4: customer, payment intent and charge events too).
      webhookEvents: HANDLED_EVENT_TYPES,
      webhookSecret: () => stripeWebhookSecret(),
      publicOrigin: appOrigin,
      businessName: config.ORG_NAME,
      apiKey: () => stripeEmulatorApiKey(),
      redirectOrigin: appOrigin,
      // A public demo shows nobody a dashboard of other visitors' gifts.
      dashboard: config.NODE_ENV !== "production",
      // What a real deployment saves once in Stripe's dashboard: without it Stripe refuses
      // portal sessions ("save your customer portal settings").
      portalSettings: { cancelMode: "at_period_end" },
    };
  });
  logDeliverySeed(emulator.deliverySeed);
  return emulator.handle(request);
}

const SEED_LOGGED = Symbol.for("lantern.stripe-emulator.seed-logged");

/**
 * Once per process: the emulator delivers webhooks like Stripe (concurrently, in no order, some
 * twice) from a seed; STRIPE_EMULATOR_SEED=<seed> at start replays the same choices.
 */
function logDeliverySeed(seed: number): void {
  const holder = globalThis as typeof globalThis & { [SEED_LOGGED]?: boolean };
  if (holder[SEED_LOGGED]) return;
  holder[SEED_LOGGED] = true;
  console.info(`[stripe-emulator] webhooks delivered like Stripe's (concurrent, unordered, some twice), seed ${seed}: STRIPE_EMULATOR_SEED=${seed} replays it`);
}
