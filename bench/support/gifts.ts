/**
 * Gifts paid the way a donor pays them in test mode: a Checkout Session created on the app's
 * Stripe emulator (the metadata Lantern's checkout writes), then the emulator's hosted checkout
 * page submitted with a test card. The emulator then sends its signed webhooks to the app's real
 * webhook route, which records the gift and expires the campaign's cache tags.
 */
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { encodeGiftMetadata } from "../../lib/payments/gift-metadata";

/** Each instance's emulator accepts only its own installation key (generated into its data folder). */
const emulatorKeys = new Map<string, string>();

/**
 * Tells payGift which key the emulator at `origin` accepts. The instance generates it on the
 * emulator's first use, so one unauthenticated call (answered 401) makes it exist first.
 */
export async function rememberEmulatorKeyOf(origin: string, dataDir: string): Promise<void> {
  const file = path.join(dataDir, "stripe-emulator-key");
  if (!fs.existsSync(file)) await fetch(`${origin}/stripe-emulator/v1/customers`);
  for (let waited = 0; !fs.existsSync(file); waited += 100) {
    if (waited > 10_000) throw new Error(`${origin} wrote no emulator key into ${file}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  emulatorKeys.set(origin, fs.readFileSync(file, "utf8").trim());
}

function form(values: Record<string, string>): URLSearchParams {
  return new URLSearchParams(values);
}

/** Pays one gift of `amount` cents to `campaignId` through `origin`; resolves when Stripe (the emulator) has taken the payment. */
export async function payGift(origin: string, campaignId: string, amount: number): Promise<void> {
  const metadata = encodeGiftMetadata({ campaignId, frequency: "once", giftAmount: amount, feeCoveredAmount: 0, anonymous: false, dedication: null });
  const params: Record<string, string> = {
    mode: "payment",
    submit_type: "donate",
    customer_creation: "always",
    "line_items[0][quantity]": "1",
    "line_items[0][price_data][currency]": "usd",
    "line_items[0][price_data][unit_amount]": String(amount),
    "line_items[0][price_data][product_data][name]": "Bench gift",
    success_url: `${origin}/donate/thank-you?session_id={CHECKOUT_SESSION_ID}`,
    cancel_url: `${origin}/`,
  };
  for (const [key, value] of Object.entries(metadata)) {
    params[`metadata[${key}]`] = value;
    params[`payment_intent_data[metadata][${key}]`] = value;
  }
  const key = emulatorKeys.get(origin);
  if (!key) throw new Error(`no emulator key known for ${origin} (call rememberEmulatorKeyOf first)`);
  const created = await fetch(`${origin}/stripe-emulator/v1/checkout/sessions`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "idempotency-key": randomUUID() },
    body: form(params),
  });
  if (!created.ok) throw new Error(`checkout session: ${created.status} ${await created.text()}`);
  const session = (await created.json()) as { id: string };
  const paid = await fetch(`${origin}/stripe-emulator/checkout/${session.id}`, {
    method: "POST",
    body: form({ email: `bench-${randomUUID()}@donor.test`, card_number: "4242 4242 4242 4242" }),
    redirect: "manual",
  });
  if (paid.status !== 303) throw new Error(`checkout payment: ${paid.status}`);
}

/** Pays gifts at `perSecond` until `stop()`; returns how many were paid and how many failed. */
export function payGiftsAtRate(origin: string, campaignId: string, perSecond: number): { stop: () => Promise<{ paid: number; failed: number }> } {
  let paid = 0;
  let failed = 0;
  const pending = new Set<Promise<void>>();
  const timer = setInterval(() => {
    const gift = payGift(origin, campaignId, 100).then(
      () => void paid++,
      () => void failed++,
    );
    pending.add(gift);
    void gift.finally(() => pending.delete(gift));
  }, 1000 / perSecond);
  return {
    stop: async () => {
      clearInterval(timer);
      await Promise.all(pending);
      return { paid, failed };
    },
  };
}

/** The raised amount a campaign page shows (text of the "raised" figure), or null. */
export function raisedOn(html: string): string | null {
  return /data-testid="raised"[^>]*>([^<]+)</.exec(html)?.[1] ?? null;
}

export function centsOf(raised: string): number {
  return Math.round(Number(raised.replace(/[^\d.]/g, "")) * 100);
}
