import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import { STRIPE_API_VERSION } from "./api-version";
import { emulatorConnection } from "./client";
import { createEmulator, type EmulatorOptions, type StripeEmulator } from "./emulator";

/**
 * Test harness: the emulator behind a real HTTP server on 127.0.0.1, a real SDK pointed at it,
 * a webhook receiver that verifies signatures, and helpers for the hosted pages.
 */

/**
 * The one key `startEmulator`'s emulator accepts, and the signing secret it and
 * `startWebhookReceiver` use unless told otherwise: generated per test run, never a constant.
 */
export const TEST_API_KEY = `sk_test_${randomBytes(16).toString("hex")}`;
export const TEST_WEBHOOK_SECRET = `whsec_${randomBytes(24).toString("base64")}`;
/** Headers that authenticate a plain `fetch` (e.g. to the test helpers) to `startEmulator`'s emulator. */
export const TEST_AUTH = { Authorization: `Bearer ${TEST_API_KEY}` };

/** A real SDK instance whose every call goes to `${origin}/stripe-emulator/v1/...`. */
export function stripeClientFor(origin: string, apiKey = TEST_API_KEY): Stripe {
  return new Stripe(apiKey, { apiVersion: STRIPE_API_VERSION, maxNetworkRetries: 2, ...emulatorConnection(origin) });
}

/** A throwaway HTTP server on 127.0.0.1 and a random port (also used by the app's chaos run). */
export async function listenOnLoopback(handler: (request: Request) => Promise<Response>): Promise<{ origin: string; close(): Promise<void> }> {
  const server = http.createServer(async (req, res) => {
    try {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const body = Buffer.concat(chunks);
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        if (Array.isArray(value)) value.forEach((item) => headers.append(name, item));
        else if (value !== undefined) headers.set(name, value);
      }
      const request = new Request(`http://${req.headers.host}${req.url}`, {
        method: req.method,
        headers,
        body: req.method === "GET" || req.method === "HEAD" ? undefined : body,
      });
      const response = await handler(request);
      res.writeHead(response.status, Object.fromEntries(response.headers.entries()));
      res.end(Buffer.from(await response.arrayBuffer()));
    } catch (error) {
      res.writeHead(500, { "Content-Type": "text/plain" });
      res.end(String(error));
    }
  });
  // Many short requests from a few senders: keep their connections open between requests.
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface Delivery {
  headers: Headers;
  body: string;
  event: Stripe.Event | null;
  verified: boolean;
  status: number;
}

/** Records webhook deliveries and verifies each signature the way the app will. */
export async function startWebhookReceiver(options: { statusFor?: (index: number, body: string) => number; secret?: string } = {}) {
  const secret = options.secret ?? TEST_WEBHOOK_SECRET;
  const verifier = new Stripe(TEST_API_KEY);
  const deliveries: Delivery[] = [];
  const server = await listenOnLoopback(async (request) => {
    const body = await request.text();
    const status = options.statusFor?.(deliveries.length, body) ?? 200;
    let event: Stripe.Event | null = null;
    try {
      event = await verifier.webhooks.constructEventAsync(body, request.headers.get("stripe-signature") ?? "", secret);
    } catch {
      event = null;
    }
    deliveries.push({ headers: request.headers, body, event, verified: event !== null, status });
    return new Response(status < 300 ? "ok" : "fail", { status });
  });
  return {
    url: `${server.origin}/api/webhooks/stripe`,
    deliveries,
    /** Successfully received events, in arrival order. */
    received: () => deliveries.filter((delivery) => delivery.status < 300).map((delivery) => delivery.event as Stripe.Event),
    close: server.close,
  };
}

export interface Harness {
  emulator: StripeEmulator;
  origin: string;
  stripe: Stripe;
  close(): Promise<void>;
}

/** The emulator behind a real HTTP server, and a real SDK instance pointed at it. */
export async function startEmulator(options: EmulatorOptions & { stripeClient?: (origin: string) => Stripe } = {}): Promise<Harness> {
  const { stripeClient = stripeClientFor, ...emulatorOptions } = options;
  const emulator = createEmulator({
    webhookSecret: TEST_WEBHOOK_SECRET,
    apiKey: TEST_API_KEY,
    logger: { warn: () => undefined, error: console.error },
    ...emulatorOptions,
  });
  const server = await listenOnLoopback((request) => emulator.handle(request));
  return {
    emulator,
    origin: server.origin,
    stripe: stripeClient(server.origin),
    async close() {
      await emulator.close();
      await server.close();
    },
  };
}

/** Submits a hosted-page form the way a browser would, without following the redirect. */
export async function submitForm(url: string, fields: Record<string, string>): Promise<Response> {
  return fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
    redirect: "manual",
  });
}

/** Creates a checkout session for a one-off gift. */
export function createPaymentSession(stripe: Stripe, overrides: Partial<Stripe.Checkout.SessionCreateParams> = {}, options?: Stripe.RequestOptions) {
  return stripe.checkout.sessions.create(
    {
      mode: "payment",
      submit_type: "donate",
      line_items: [
        {
          quantity: 1,
          price_data: {
            currency: "usd",
            unit_amount: 2500,
            product_data: { name: "Gift to Free the Press", description: "One-off gift" },
          },
        },
      ],
      customer_email: "ada@example.org",
      metadata: { campaign: "free-the-press" },
      payment_intent_data: { metadata: { campaign: "free-the-press", fee_covered: "true" }, description: "Gift to Free the Press" },
      success_url: "https://lantern.example/donate/thank-you?session_id={CHECKOUT_SESSION_ID}",
      cancel_url: "https://lantern.example/campaigns/free-the-press",
      ...overrides,
    },
    options,
  );
}

/** Creates a checkout session for a monthly gift. */
export function createSubscriptionSession(stripe: Stripe, overrides: Partial<Stripe.Checkout.SessionCreateParams> = {}) {
  return stripe.checkout.sessions.create({
    mode: "subscription",
    line_items: [
      {
        quantity: 1,
        price_data: {
          currency: "usd",
          unit_amount: 1000,
          recurring: { interval: "month" },
          product_data: { name: "Monthly gift to Lantern" },
        },
      },
    ],
    customer_email: "grace@example.org",
    metadata: { campaign: "free-the-press", frequency: "monthly" },
    subscription_data: { metadata: { campaign: "free-the-press" }, description: "Monthly gift" },
    success_url: "https://lantern.example/donate/thank-you?session_id={CHECKOUT_SESSION_ID}",
    cancel_url: "https://lantern.example/campaigns/free-the-press",
    ...overrides,
  });
}

/** Pays a session on the hosted page with a test card; returns the page's response. */
export function pay(session: Stripe.Checkout.Session, card = "4242 4242 4242 4242", email = "ada@example.org", name = "Ada Lovelace") {
  if (!session.url) throw new Error("session has no url");
  return submitForm(session.url, { email, card_number: card, name });
}
