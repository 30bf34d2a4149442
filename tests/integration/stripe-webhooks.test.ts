import { count, eq, type SQL } from "drizzle-orm";
import { afterEach, beforeAll, expect, it, vi } from "vitest";
import { campaigns, donations, donors, processedStripeEvents, recurringGifts, sentEmails } from "@/db/schema";
import * as outbox from "@/lib/email/outbox";
import { upsertRecurringGift } from "@/lib/donations/recurring-gifts";
import { encodeGiftMetadata, type GiftMetadata } from "@/lib/payments/gift-metadata";
import { processStripeEvent } from "@/lib/payments/webhooks/process-stripe-event";
import { FakeStripe } from "../support/fake-stripe";
import { describeEachDatabase } from "../support/test-database";

const CAMPAIGN_SLUG = "foreign-media-in-north-korea";

describeEachDatabase(
  "Stripe webhook handlers",
  (db) => {
    let campaignId = "";
    let stripe: FakeStripe;
    let emailCounter = 0;
    const freshEmail = () => `donor${++emailCounter}-${Date.now()}@example.org`;

    beforeAll(async () => {
      const [campaign] = await db().select().from(campaigns).where(eq(campaigns.slug, CAMPAIGN_SLUG));
      campaignId = campaign!.id;
      stripe = new FakeStripe();
    });
    afterEach(() => vi.restoreAllMocks());

    const gift = (overrides: Partial<GiftMetadata> = {}): Record<string, string> =>
      encodeGiftMetadata({
        campaignId,
        frequency: "once",
        giftAmount: 2500,
        feeCoveredAmount: 106,
        anonymous: false,
        dedication: { kind: "in_memory", name: "Grandma Kim" },
        ...overrides,
      });
    const process = (event: Parameters<typeof processStripeEvent>[2]) => processStripeEvent(db(), stripe.client, event);
    const donationsFor = (where: SQL) => db().select().from(donations).where(where);
    const processedCount = async (eventId: string) =>
      (await db().select({ n: count() }).from(processedStripeEvents).where(eq(processedStripeEvents.eventId, eventId)))[0]!.n;

    it("records a paid one-off checkout once, with its donor, fee cover, dedication and receipt", async () => {
      const email = freshEmail();
      const session = stripe.paidOneOff({ metadata: gift(), amount: 2606, email: email.toUpperCase(), name: "Min-ji" });
      const event = stripe.event("checkout.session.completed", session);
      const outcome = await process(event);

      expect(outcome).toEqual({ status: "processed", campaignIds: [campaignId], emailKeys: [`receipt:${session.id}`] });
      const rows = await donationsFor(eq(donations.stripeCheckoutSessionId, session.id));
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        campaignId,
        kind: "one_off",
        amount: 2606,
        feeCoveredAmount: 106,
        currency: "USD",
        anonymous: false,
        dedicationKind: "in_memory",
        dedicationName: "Grandma Kim",
        stripePaymentIntentId: session.payment_intent,
        recurringGiftId: null,
      });
      const [donor] = await db().select().from(donors).where(eq(donors.id, rows[0]!.donorId));
      expect(donor).toMatchObject({ email, name: "Min-ji", stripeCustomerId: session.customer });
      const [receipt] = await db().select().from(sentEmails).where(eq(sentEmails.idempotencyKey, `receipt:${session.id}`));
      expect(receipt).toMatchObject({ template: "one-off-receipt", toAddress: email, status: "pending" });
      expect(receipt!.props).toMatchObject({ amount: "$26.06", feeCovered: "$1.06", dedication: "In memory of Grandma Kim" });
      expect(await processedCount(event.id)).toBe(1);
    });

    it("answers a redelivered event as a duplicate and changes nothing", async () => {
      const session = stripe.paidOneOff({ metadata: gift(), amount: 2606, email: freshEmail() });
      const event = stripe.event("checkout.session.completed", session);
      expect((await process(event)).status).toBe("processed");
      expect(await process(event)).toEqual({ status: "duplicate", campaignIds: [], emailKeys: [] });
      expect(await donationsFor(eq(donations.stripeCheckoutSessionId, session.id))).toHaveLength(1);
      expect(await processedCount(event.id)).toBe(1);
    });

    it("records one gift when the same event is delivered 20 times at once", async () => {
      const session = stripe.paidOneOff({ metadata: gift(), amount: 2606, email: freshEmail() });
      const event = stripe.event("checkout.session.completed", session);
      const outcomes = await Promise.all(Array.from({ length: 20 }, () => process(event)));
      expect(outcomes.filter((o) => o.status === "processed")).toHaveLength(1);
      expect(outcomes.filter((o) => o.status === "duplicate")).toHaveLength(19);
      expect(await donationsFor(eq(donations.stripeCheckoutSessionId, session.id))).toHaveLength(1);
      expect(await db().select().from(sentEmails).where(eq(sentEmails.idempotencyKey, `receipt:${session.id}`))).toHaveLength(1);
      expect(await processedCount(event.id)).toBe(1);
    });

    it("records one gift when completed and async_payment_succeeded both report the same paid session", async () => {
      const session = stripe.paidOneOff({ metadata: gift(), amount: 2606, email: freshEmail() });
      const outcomes = await Promise.all([
        process(stripe.event("checkout.session.completed", session)),
        process(stripe.event("checkout.session.async_payment_succeeded", session)),
      ]);
      expect(outcomes.map((o) => o.status).sort()).toEqual(["processed", "processed"]);
      expect(outcomes.flatMap((o) => o.emailKeys)).toEqual([`receipt:${session.id}`]);
      expect(await donationsFor(eq(donations.stripeCheckoutSessionId, session.id))).toHaveLength(1);
    });

    it("waits for a delayed payment: nothing while unpaid, the gift once it succeeds", async () => {
      const session = stripe.paidOneOff({ metadata: gift(), amount: 2606, email: freshEmail() });
      session.payment_status = "unpaid";
      const completed = stripe.event("checkout.session.completed", session);
      expect((await process(completed)).status).toBe("processed");
      expect(await donationsFor(eq(donations.stripeCheckoutSessionId, session.id))).toHaveLength(0);

      session.payment_status = "paid";
      expect((await process(stripe.event("checkout.session.async_payment_succeeded", session))).emailKeys).toEqual([`receipt:${session.id}`]);
      expect(await donationsFor(eq(donations.stripeCheckoutSessionId, session.id))).toHaveLength(1);
    });

    it("trusts Stripe's current state over an old payload", async () => {
      const session = stripe.paidOneOff({ metadata: gift(), amount: 2606, email: freshEmail() });
      const stalePayload = stripe.event("checkout.session.completed", { ...session, payment_status: "unpaid" as const });
      expect((await process(stalePayload)).status).toBe("processed");
      expect(await donationsFor(eq(donations.stripeCheckoutSessionId, session.id))).toHaveLength(1);
    });

    it("records nothing for a failed delayed payment", async () => {
      const session = stripe.paidOneOff({ metadata: gift(), amount: 2606, email: freshEmail() });
      session.payment_status = "unpaid";
      const event = stripe.event("checkout.session.async_payment_failed", session);
      expect((await process(event)).status).toBe("processed");
      expect(await donationsFor(eq(donations.stripeCheckoutSessionId, session.id))).toHaveLength(0);
    });

    it("rolls back a handler that fails half-way, then records the gift once when Stripe redelivers", async () => {
      const session = stripe.paidOneOff({ metadata: gift(), amount: 2606, email: freshEmail() });
      const event = stripe.event("checkout.session.completed", session);
      vi.spyOn(outbox, "queueEmail").mockRejectedValueOnce(new Error("disk full half-way"));
      await expect(process(event)).rejects.toThrow("disk full half-way");
      expect(await donationsFor(eq(donations.stripeCheckoutSessionId, session.id))).toHaveLength(0);
      expect(await processedCount(event.id)).toBe(0);

      expect((await process(event)).status).toBe("processed");
      expect(await donationsFor(eq(donations.stripeCheckoutSessionId, session.id))).toHaveLength(1);
      expect(await db().select().from(sentEmails).where(eq(sentEmails.idempotencyKey, `receipt:${session.id}`))).toHaveLength(1);
    });

    it("fails (so Stripe retries) when Stripe cannot be read, writing nothing", async () => {
      const session = stripe.paidOneOff({ metadata: gift(), amount: 2606, email: freshEmail() });
      const event = stripe.event("checkout.session.completed", session);
      stripe.failRequests = true;
      try {
        await expect(process(event)).rejects.toThrow();
      } finally {
        stripe.failRequests = false;
      }
      expect(await processedCount(event.id)).toBe(0);
      expect((await process(event)).status).toBe("processed");
    });

    it("keeps one donor per email across Stripe customers", async () => {
      const email = freshEmail();
      for (const amount of [1000, 2000]) {
        await process(stripe.event("checkout.session.completed", stripe.paidOneOff({ metadata: gift({ feeCoveredAmount: 0, dedication: null }), amount, email })));
      }
      const rows = await db().select().from(donors).where(eq(donors.email, email));
      expect(rows).toHaveLength(1);
      expect(await db().select().from(donations).where(eq(donations.donorId, rows[0]!.id))).toHaveLength(2);
    });

    it("ignores checkouts that are not Lantern's, and event types it does not handle", async () => {
      const foreign = stripe.paidOneOff({ metadata: { order: "t-shirt-42" }, amount: 2000, email: freshEmail() });
      const event = stripe.event("checkout.session.completed", foreign);
      expect((await process(event)).status).toBe("processed");
      expect(await donationsFor(eq(donations.stripeCheckoutSessionId, foreign.id))).toHaveLength(0);

      const unhandled = stripe.event("customer.created", stripe.customer({ email: freshEmail() }));
      expect(await process(unhandled)).toEqual({ status: "ignored", campaignIds: [], emailKeys: [] });
      expect(await processedCount(unhandled.id)).toBe(0);
    });

    it("records a gift for a campaign that no longer exists in the general fund", async () => {
      const session = stripe.paidOneOff({ metadata: gift({ campaignId: "00000000-0000-4000-8000-000000000000" }), amount: 2606, email: freshEmail() });
      await process(stripe.event("checkout.session.completed", session));
      const [row] = await donationsFor(eq(donations.stripeCheckoutSessionId, session.id));
      const [fund] = await db().select().from(campaigns).where(eq(campaigns.id, row!.campaignId));
      expect(fund?.kind).toBe("general_fund");
    });

    it("records monthly giving from invoice.paid even when it arrives before the checkout and subscription events", async () => {
      const email = freshEmail();
      const metadata = gift({ frequency: "monthly", giftAmount: 1000, feeCoveredAmount: 0, dedication: null, anonymous: true });
      const { subscription, invoice, session } = stripe.startedMonthly({ metadata, amount: 1000, email, name: "Joon" });

      const first = await process(stripe.event("invoice.paid", invoice));
      expect(first).toEqual({ status: "processed", campaignIds: [campaignId], emailKeys: [`receipt:${invoice.id}`] });
      await process(stripe.event("checkout.session.completed", session));
      await process(stripe.event("customer.subscription.created", subscription));

      const [recurring] = await db().select().from(recurringGifts).where(eq(recurringGifts.stripeSubscriptionId, subscription.id));
      expect(recurring).toMatchObject({ campaignId, amount: 1000, currency: "USD", status: "active", anonymous: true });
      const gifts = await db().select().from(donations).where(eq(donations.recurringGiftId, recurring!.id));
      expect(gifts).toHaveLength(1);
      expect(gifts[0]).toMatchObject({ kind: "recurring", amount: 1000, stripeInvoiceId: invoice.id, anonymous: true });
      const [welcome] = await db().select().from(sentEmails).where(eq(sentEmails.idempotencyKey, `receipt:${invoice.id}`));
      expect(welcome).toMatchObject({ template: "monthly-welcome-receipt", toAddress: email });
      expect(String(welcome!.props.manageUrl)).toMatch(/\/donate\/manage\?token=cus_/);
      expect(await db().select().from(donors).where(eq(donors.email, email))).toHaveLength(1);

      // A month later Stripe charges again: a second gift and a plain monthly receipt.
      const renewal = stripe.invoice({ subscription, billingReason: "subscription_cycle", email });
      expect((await process(stripe.event("invoice.paid", renewal))).emailKeys).toEqual([`receipt:${renewal.id}`]);
      expect(await db().select().from(donations).where(eq(donations.recurringGiftId, recurring!.id))).toHaveLength(2);
      const [later] = await db().select().from(sentEmails).where(eq(sentEmails.idempotencyKey, `receipt:${renewal.id}`));
      expect(later?.template).toBe("monthly-receipt");
    });

    it("records a monthly payment once when its invoice.paid is delivered 20 times at once", async () => {
      const metadata = gift({ frequency: "monthly", giftAmount: 1000, feeCoveredAmount: 0, dedication: null });
      const { invoice, subscription } = stripe.startedMonthly({ metadata, amount: 1000, email: freshEmail() });
      const event = stripe.event("invoice.paid", invoice);
      const outcomes = await Promise.all(Array.from({ length: 20 }, () => process(event)));
      expect(outcomes.filter((o) => o.status === "processed")).toHaveLength(1);
      expect(await db().select().from(donations).where(eq(donations.stripeInvoiceId, invoice.id))).toHaveLength(1);
      expect(await db().select().from(recurringGifts).where(eq(recurringGifts.stripeSubscriptionId, subscription.id))).toHaveLength(1);
    });

    it("keeps the recurring gift's status and amount current, cancellation included", async () => {
      const metadata = gift({ frequency: "monthly", giftAmount: 1000, feeCoveredAmount: 59, dedication: null });
      const { subscription } = stripe.startedMonthly({ metadata, amount: 1059, email: freshEmail() });
      await process(stripe.event("customer.subscription.created", subscription));
      let [row] = await db().select().from(recurringGifts).where(eq(recurringGifts.stripeSubscriptionId, subscription.id));
      expect(row).toMatchObject({ status: "active", amount: 1059, feeCoveredAmount: 59 });

      // The donor raises the amount in the customer portal: the old fee split no longer applies.
      subscription.items.data[0]!.price.unit_amount = 2000;
      await process(stripe.event("customer.subscription.updated", subscription));
      [row] = await db().select().from(recurringGifts).where(eq(recurringGifts.stripeSubscriptionId, subscription.id));
      expect(row).toMatchObject({ amount: 2000, feeCoveredAmount: 0 });

      // An old "updated" payload delivered after the cancellation still leaves it canceled.
      const oldUpdate = stripe.event("customer.subscription.updated", subscription);
      subscription.status = "canceled";
      subscription.canceled_at = Math.floor(Date.now() / 1000);
      await process(stripe.event("customer.subscription.deleted", subscription));
      await process(oldUpdate);
      [row] = await db().select().from(recurringGifts).where(eq(recurringGifts.stripeSubscriptionId, subscription.id));
      expect(row?.status).toBe("canceled");
      expect(row?.canceledAt).toBeInstanceOf(Date);
    });

    it("follows refunds: partial then full, net of the refunded total whatever the delivery order", async () => {
      const session = stripe.paidOneOff({ metadata: gift(), amount: 2606, email: freshEmail() });
      const recorded = await process(stripe.event("checkout.session.completed", session));
      const charge = stripe.charge({ paymentIntent: String(session.payment_intent), amount: 2606, metadata: gift() });

      charge.amount_refunded = 1000;
      const partial = stripe.event("charge.refunded", charge);
      charge.amount_refunded = 2606;
      const full = stripe.event("charge.refunded", charge);
      // The full refund's event is handled first; the partial one, arriving late, changes nothing.
      expect(await process(full)).toEqual({ status: "processed", campaignIds: recorded.campaignIds, emailKeys: [] });
      charge.amount_refunded = 1000; // what Stripe would have said at the time of the partial refund, if read then
      await process(partial);
      const [row] = await donationsFor(eq(donations.stripeCheckoutSessionId, session.id));
      expect(row).toMatchObject({ refundedAmount: 2606, stripeChargeId: charge.id });
    });

    it("retries a refund that arrives before its gift, and ignores refunds of other payments", async () => {
      const session = stripe.paidOneOff({ metadata: gift(), amount: 2606, email: freshEmail() });
      const charge = stripe.charge({ paymentIntent: String(session.payment_intent), amount: 2606, amountRefunded: 500, metadata: gift() });
      const early = stripe.event("charge.refunded", charge);
      await expect(process(early)).rejects.toThrow("before its gift was recorded");
      expect(await processedCount(early.id)).toBe(0);
      await process(stripe.event("checkout.session.completed", session));
      expect((await process(early)).status).toBe("processed");
      expect((await donationsFor(eq(donations.stripeCheckoutSessionId, session.id)))[0]?.refundedAmount).toBe(500);

      const shop = stripe.charge({ paymentIntent: "pi_not_a_gift", amount: 900, amountRefunded: 900, metadata: { order: "mug" } });
      expect(await process(stripe.event("charge.refunded", shop))).toEqual({ status: "processed", campaignIds: [], emailKeys: [] });
    });

    it("keeps a disputed gift's current dispute status", async () => {
      const session = stripe.paidOneOff({ metadata: gift(), amount: 2606, email: freshEmail() });
      await process(stripe.event("checkout.session.completed", session));
      const charge = stripe.charge({ paymentIntent: String(session.payment_intent), amount: 2606, metadata: gift() });
      const dispute = stripe.dispute({ charge, status: "needs_response" });
      const created = stripe.event("charge.dispute.created", dispute);
      dispute.status = "won";
      await process(stripe.event("charge.dispute.closed", dispute));
      await process(created); // late, but Stripe now says "won"
      const [row] = await donationsFor(eq(donations.stripeCheckoutSessionId, session.id));
      expect(row?.disputeStatus).toBe("won");
    });

    it("emails the donor once when a monthly payment fails, and records no gift", async () => {
      const email = freshEmail();
      const metadata = gift({ frequency: "monthly", giftAmount: 1000, feeCoveredAmount: 0, dedication: null });
      const { subscription } = stripe.startedMonthly({ metadata, amount: 1000, email, name: "Joon" });
      subscription.status = "past_due";
      const failed = stripe.invoice({ subscription, billingReason: "subscription_cycle", email, name: "Joon" });
      Object.assign(failed, { status: "open", amount_paid: 0, amount_remaining: 1000, attempt_count: 1, next_payment_attempt: Math.floor(Date.now() / 1000) + 3 * 86_400 });
      expect(await process(stripe.event("invoice.payment_failed", failed))).toEqual({ status: "processed", campaignIds: [], emailKeys: [`payment-failed:${failed.id}`] });
      failed.attempt_count = 2;
      expect((await process(stripe.event("invoice.payment_failed", failed))).emailKeys).toEqual([]);

      const emails = await db().select().from(sentEmails).where(eq(sentEmails.toAddress, email));
      expect(emails.map((row) => row.template)).toEqual(["monthly-payment-failed"]);
      expect(emails[0]!.props).toMatchObject({ amount: "$10.00", donorName: "Joon", manageUrl: expect.stringContaining("/donate/manage?token=cus_") });
      expect(await db().select().from(donations).where(eq(donations.stripeInvoiceId, failed.id))).toHaveLength(0);
      const [recurring] = await db().select().from(recurringGifts).where(eq(recurringGifts.stripeSubscriptionId, subscription.id));
      expect(recurring?.status).toBe("past_due");
    });

    it("never lets an older read of a subscription overwrite a newer one", async () => {
      const metadata = gift({ frequency: "monthly", giftAmount: 1000, feeCoveredAmount: 0, dedication: null });
      const { subscription } = stripe.startedMonthly({ metadata, amount: 1000, email: freshEmail() });
      await process(stripe.event("customer.subscription.created", subscription));
      const [row] = await db().select().from(recurringGifts).where(eq(recurringGifts.stripeSubscriptionId, subscription.id));
      const base = { ...row!, dedication: null, observedAt: 0 };
      await upsertRecurringGift(db(), { ...base, status: "canceled", observedAt: row!.stripeUpdatedAt + 10 });
      await upsertRecurringGift(db(), { ...base, status: "active", observedAt: row!.stripeUpdatedAt + 5 });
      const [after] = await db().select().from(recurringGifts).where(eq(recurringGifts.stripeSubscriptionId, subscription.id));
      expect(after?.status).toBe("canceled");
    });
  },
  { seed: true },
);
