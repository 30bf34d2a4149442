import Stripe from "stripe";

/**
 * What an app needs to point the real `stripe` SDK at an emulator, without loading the emulator
 * itself (this module is safe to import from production code).
 */
export { STRIPE_API_VERSION } from "./api-version";

/** Every emulator URL lives under this path of the serving origin. */
export const EMULATOR_PATH_PREFIX = "/stripe-emulator";

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

/** SDK options that send every call to `${origin}/stripe-emulator/v1/...` (through `inner`, Node's HTTP client by default). */
export function emulatorConnection(
  origin: string,
  inner: HttpClient = Stripe.createNodeHttpClient(),
): Pick<Stripe.StripeConfig, "host" | "port" | "protocol" | "httpClient" | "telemetry"> {
  const base = new URL(origin);
  const protocol = base.protocol === "https:" ? "https" : "http";
  const prefix = `${base.pathname.replace(/\/$/, "")}${EMULATOR_PATH_PREFIX}`;
  return {
    host: base.hostname,
    port: base.port || (protocol === "https" ? 443 : 80),
    protocol,
    // Node's http client, not fetch: Next.js patches fetch, and these calls must stay plain HTTP.
    httpClient: withPathPrefix(inner, prefix),
    telemetry: false,
  };
}
