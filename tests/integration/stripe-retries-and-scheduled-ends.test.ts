/**
 * Lantern's Stripe client against Stripe's 429s, and the "Keep my gift" path against a scheduled
 * end (`cancel_at`) set at Stripe. A rate limit and a lock timeout are retried by the SDK's own
 * retries (lib/payments/stripe-client.ts), under the same idempotency key, so the object is made
 * once; "Keep my gift" clears `cancel_at` with Stripe's empty value.
 */
import { eq } from "drizzle-orm";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { campaigns, recurringGifts } from "@/db/schema";
import { keepMonthlyGift } from "@/lib/donors/cancel-monthly-gift";
import type { GiftCampaign } from "@/lib/donations/gift-campaign";
import { createDonationCheckout } from "@/lib/payments/create-checkout";
import { processStripeEvent } from "@/lib/payments/webhooks/process-stripe-event";
import { pay, startEmulator, type Harness } from "../support/stripe-emulator";
import { describeEachDatabase } from "../support/test-database";

describe("Lantern's Stripe client and Stripe's 429s", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startEmulator({ webhookUrl: null });
  });
  afterAll(() => h.close());

  it("retries a rate limit and a lock timeout with the SDK's own retries, making the object once", async () => {
    for (const kind of ["rate_limit", "lock_timeout"] as const) {
      const email = `retry-${kind}@example.org`;
      h.emulator.failNextRequests({ count: 2, method: "POST", path: "/v1/customers", kind });
      await expect(h.stripe.customers.create({ email }, { idempotencyKey: `retry-${kind}` })).resolves.toMatchObject({ email });
      expect(Object.values(h.emulator.state.customers).filter((customer) => customer.email === email)).toHaveLength(1);
    }
  });

  it("gives up after its retries, with Stripe's rate-limit error", async () => {
    h.emulator.failNextRequests({ count: 3, method: "GET", path: "/v1/customers", kind: "rate_limit" });
    const error = await h.stripe.customers.list({ limit: 1 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Stripe.errors.StripeRateLimitError);
    expect(error).toMatchObject({ code: "rate_limit", statusCode: 429 });
    await expect(h.stripe.customers.list({ limit: 1 })).resolves.toMatchObject({ object: "list" });
  });
});

describeEachDatabase(
  "Keep my gift with a scheduled end",
  (db) => {
    let h: Harness;
    const seen = new Set<string>();
    async function deliverNewEvents() {
      const fresh = (await h.stripe.events.list({ limit: 100 })).data.filter((event) => !seen.has(event.id)).reverse();
      for (const event of fresh) {
        seen.add(event.id);
        await processStripeEvent(db(), h.stripe, event);
      }
    }
    beforeAll(async () => {
      h = await startEmulator({ webhookUrl: null });
    });
    afterAll(() => h.close());

    it("shows a cancel_at set at Stripe as ending, and Keep my gift clears it with cancel_at=''", async () => {
      const [row] = await db().select().from(campaigns).where(eq(campaigns.slug, "inside-north-korea-pandemic-era-controls"));
      const campaign: GiftCampaign = { ...row!, status: "active" };
      const { sessionId, url } = await createDonationCheckout(h.stripe, {
        campaign,
        donation: { frequency: "monthly", giftAmount: 1500, feeCoveredAmount: 0, anonymous: false, dedication: null, submissionId: "scheduled-end-000001" },
        clientKey: "test",
        appUrl: "http://localhost:3000",
        organisationName: "Lantern",
      });
      expect((await pay({ url } as Stripe.Checkout.Session, "4242 4242 4242 4242", "scheduled-end@example.org", "Ines")).status).toBe(303);
      await deliverNewEvents();
      const subscriptionId = String((await h.stripe.checkout.sessions.retrieve(sessionId)).subscription);
      const subscription = await h.stripe.subscriptions.retrieve(subscriptionId);
      // An end date set at Stripe (the dashboard, or another tool): not a period-end cancellation.
      const endsAt = subscription.items.data[0]!.current_period_end + 45 * 86_400;
      await h.stripe.subscriptions.update(subscriptionId, { cancel_at: endsAt });
      await deliverNewEvents();
      const [ending] = await db().select().from(recurringGifts).where(eq(recurringGifts.stripeSubscriptionId, subscriptionId));
      expect(ending).toMatchObject({ cancelAtPeriodEnd: false, cancelAt: new Date(endsAt * 1000) });

      const kept = await keepMonthlyGift(ending!.id, { db: db(), stripe: h.stripe, requestId: "keep-scheduled-end-1" });
      expect(kept).toMatchObject({ ok: true, changed: true, gift: { cancelAtPeriodEnd: false, endsAt: null } });
      expect(await h.stripe.subscriptions.retrieve(subscriptionId)).toMatchObject({ cancel_at: null, cancel_at_period_end: false });
      await deliverNewEvents();
      const [goingOn] = await db().select().from(recurringGifts).where(eq(recurringGifts.stripeSubscriptionId, subscriptionId));
      expect(goingOn).toMatchObject({ cancelAtPeriodEnd: false, cancelAt: null });
    });
  },
  { seed: true },
);
