/**
 * An admin's refund request against the Stripe emulator: Lantern asks Stripe (idempotently),
 * refuses more than is left, and records nothing itself; the gift and the campaign's total
 * change only when Stripe's charge.refunded event is processed.
 */
import { eq } from "drizzle-orm";
import type Stripe from "stripe";
import { afterAll, beforeAll, expect, it } from "vitest";
import { campaigns, donations } from "@/db/schema";
import type { GiftCampaign } from "@/lib/donations/gift-campaign";
import { createDonationCheckout } from "@/lib/payments/create-checkout";
import { requestGiftRefund, type GiftRefundRequest } from "@/lib/payments/refund-gift";
import { processStripeEvent } from "@/lib/payments/webhooks/process-stripe-event";
import { findPublicCampaign } from "@/lib/campaigns/campaign-queries";
import { pay, startEmulator, type Harness } from "../support/stripe-emulator";
import { describeEachDatabase } from "../support/test-database";

describeEachDatabase(
  "admin refunds through Stripe",
  (db) => {
    let h: Harness;
    let campaign: GiftCampaign;
    let giftId: string;
    let seenEvents = new Set<string>();

    async function newEvents(): Promise<Stripe.Event[]> {
      const { data } = await h.stripe.events.list({ limit: 100 });
      const fresh = data.filter((event) => !seenEvents.has(event.id));
      seenEvents = new Set([...seenEvents, ...fresh.map((event) => event.id)]);
      return fresh.reverse();
    }
    async function deliverNewEvents(): Promise<Stripe.Event[]> {
      const events = await newEvents();
      for (const event of events) await processStripeEvent(db(), h.stripe, event);
      return events;
    }
    const gift = async () => (await db().select().from(donations).where(eq(donations.id, giftId)))[0]!;
    const request = (overrides: Partial<GiftRefundRequest>): GiftRefundRequest => ({
      giftId,
      amount: 1_000,
      reason: "requested_by_customer",
      note: "Donor asked by phone",
      requestKey: "form-1",
      requestedBy: "admin@lantern.test",
      ...overrides,
    });

    beforeAll(async () => {
      h = await startEmulator({ webhookUrl: null });
      const [row] = await db().select().from(campaigns).where(eq(campaigns.slug, "inside-north-korea-pandemic-era-controls"));
      campaign = { ...row!, status: "active" };
      const { sessionId, url } = await createDonationCheckout(h.stripe, {
        campaign,
        donation: { frequency: "once", giftAmount: 5_000, feeCoveredAmount: 0, anonymous: false, dedication: null, submissionId: "refund-test-0001" },
        clientKey: "test",
        appUrl: "http://localhost:3000",
        organisationName: "Lantern",
      });
      expect((await pay({ url } as Stripe.Checkout.Session, "4242 4242 4242 4242", "refund-me@emulator.test", "Ada")).status).toBe(303);
      await deliverNewEvents();
      const [recorded] = await db().select().from(donations).where(eq(donations.stripeCheckoutSessionId, sessionId));
      giftId = recorded!.id;
    });
    afterAll(async () => h.close());

    it("asks Stripe for a partial refund with the reason and note, and records nothing until the webhook", async () => {
      const before = (await findPublicCampaign(db(), campaign.slug))!.raisedAmount;
      const outcome = await requestGiftRefund(db(), h.stripe, request({}));
      expect(outcome).toMatchObject({ ok: true, amount: 1_000, currency: "USD" });
      expect((await gift()).refundedAmount).toBe(0);

      const refund = await h.stripe.refunds.retrieve((outcome as { refundId: string }).refundId);
      expect(refund).toMatchObject({
        amount: 1_000,
        reason: "requested_by_customer",
        metadata: { lantern_gift_id: giftId, internal_note: "Donor asked by phone", requested_by: "admin@lantern.test" },
      });

      const events = await deliverNewEvents();
      expect(events.map((event) => event.type)).toContain("charge.refunded");
      expect((await gift()).refundedAmount).toBe(1_000);
      // The public page's "raised" falls by exactly the refund.
      expect((await findPublicCampaign(db(), campaign.slug))!.raisedAmount).toBe(before - 1_000);
    });

    it("refunds once when the same form is sent twice, even at once", async () => {
      const [first, second] = await Promise.all([
        requestGiftRefund(db(), h.stripe, request({ amount: 500, requestKey: "form-2" })),
        requestGiftRefund(db(), h.stripe, request({ amount: 500, requestKey: "form-2" })),
      ]);
      expect(first.ok && second.ok).toBe(true);
      expect((first as { refundId: string }).refundId).toBe((second as { refundId: string }).refundId);
      const again = await requestGiftRefund(db(), h.stripe, request({ amount: 500, requestKey: "form-2" }));
      expect((again as { refundId: string }).refundId).toBe((first as { refundId: string }).refundId);
      const payment = (await gift()).stripePaymentIntentId!;
      expect((await h.stripe.refunds.list({ payment_intent: payment })).data.map((refund) => refund.amount)).toEqual([500, 1_000]);
      await deliverNewEvents();
      expect((await gift()).refundedAmount).toBe(1_500);
    });

    it("refuses more than what is left, counting refunds Stripe has but the webhook has not recorded", async () => {
      const pending = await requestGiftRefund(db(), h.stripe, request({ amount: 2_000, requestKey: "form-3" }));
      expect(pending.ok).toBe(true);
      // Not delivered yet: the gift still says 1,500 refunded, Stripe says 3,500.
      expect((await gift()).refundedAmount).toBe(1_500);
      const tooMuch = await requestGiftRefund(db(), h.stripe, request({ amount: 1_501, requestKey: "form-4" }));
      expect(tooMuch).toEqual({
        ok: false,
        field: "amount",
        message: "You can refund at most $15.00: $35.00 of this $50.00 gift has already been refunded or requested.",
      });
      const payment = (await gift()).stripePaymentIntentId!;
      expect((await h.stripe.refunds.list({ payment_intent: payment })).data).toHaveLength(3);
    });

    it("refunds whatever is left when no amount is given, then refuses any more", async () => {
      const rest = await requestGiftRefund(db(), h.stripe, request({ amount: null, requestKey: "form-5", reason: "duplicate" }));
      expect(rest).toMatchObject({ ok: true, amount: 1_500 });
      await deliverNewEvents();
      expect((await gift()).refundedAmount).toBe(5_000);
      expect(await requestGiftRefund(db(), h.stripe, request({ amount: 100, requestKey: "form-6" }))).toEqual({
        ok: false,
        field: "amount",
        message: "This gift has already been refunded in full.",
      });
    });

    it("refuses an unknown gift", async () => {
      expect(await requestGiftRefund(db(), h.stripe, request({ giftId: "00000000-0000-4000-8000-000000000000" }))).toMatchObject({ ok: false, field: "form" });
    });
  },
  { seed: true },
);
