import "server-only";
import Stripe from "stripe";
import { env, stripeEmulatorApiKey } from "@/lib/env";

/** The API version Lantern is written against (the one stripe@23.1.0's types describe). */
export const STRIPE_API_VERSION = "2026-10-28.endive" as const satisfies Stripe.LatestApiVersion;

/** Where the bundled emulator lives under the app's origin (see lib/stripe-emulator). */
export const STRIPE_EMULATOR_PATH = "/stripe-emulator";

const APP_INFO = { name: "Lantern", version: "0.1.0" };

type HttpClient = NonNullable<Stripe.StripeConfig["httpClient"]>;

/** Where a failed request went, kept on the low-level error the SDK wraps (`StripeConnectionError.detail`). */
const TRIED_URL = Symbol.for("lantern.stripe.tried-url");

/**
 * Every request goes through this wrapper. The SDK has host/port/protocol options but no base
 * path, so for the emulator it puts `/stripe-emulator` in front of every `/v1/...` path; and
 * it records the URL a failed request tried, because the SDK's own message says only
 * "Request was retried 2 times".
 */
function wrapHttpClient(inner: HttpClient, prefix = ""): HttpClient {
  return {
    getClientName: () => inner.getClientName(),
    makeRequest: async (host, port, path, method, headers, requestData, protocol, timeout) => {
      const fullPath = `${prefix}${path}`;
      try {
        return await inner.makeRequest(host, port, fullPath, method, headers, requestData, protocol, timeout);
      } catch (error) {
        if (error && typeof error === "object") {
          const shownPort = port && String(port) !== (protocol === "https" ? "443" : "80") ? `:${port}` : "";
          Object.defineProperty(error, TRIED_URL, { value: `${method} ${protocol}://${host}${shownPort}${fullPath.split("?")[0]}`, configurable: true });
        }
        throw error;
      }
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
  const config: Stripe.StripeConfig = {
    apiVersion: STRIPE_API_VERSION,
    maxNetworkRetries: 2,
    appInfo: APP_INFO,
    httpClient: wrapHttpClient(Stripe.createNodeHttpClient()),
  };
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
    httpClient: wrapHttpClient(Stripe.createNodeHttpClient(), prefix),
    telemetry: false,
  });
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
