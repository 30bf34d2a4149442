/**
 * Refunds that fail, end to end through the webhook handlers and the Stripe emulator: a refund
 * first counts as refunded, and when the bank cannot return the money (Stripe's 5126 test card,
 * or the emulator's fail helper) the amount counts again in the public total, the ledger and the
 * gift, and admins are emailed once. Events come from the emulator (`webhookUrl: null`) and are
 * fed redelivered, out of order and at once, as Stripe may send them; the emulator's clock is
 * held, so a 5126 refund fails only when a test moves the clock on.
 */
import { and, eq, inArray } from "drizzle-orm";
import type Stripe from "stripe";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { campaigns, donations, giftRefunds, sentEmails, users } from "@/db/schema";
import { findPublicCampaign } from "@/lib/campaigns/campaign-queries";
import { recordChargeRefunds, refundStatusText, type RefundState } from "@/lib/donations/gift-refunds";
import { adjustGifts } from "@/lib/donations/payment-adjustments";
import { readLedgerTotals } from "@/lib/ledger/ledger-totals";
import { verifyLedger } from "@/lib/ledger/verify-ledger";
import { encodeGiftMetadata } from "@/lib/payments/gift-metadata";
import { processStripeEvent } from "@/lib/payments/webhooks/process-stripe-event";
import { findAdminGift } from "@/lib/reports/admin-gift";
import { pay, startEmulator, TEST_AUTH, type Harness } from "../support/stripe-emulator";
import { describeEachDatabase } from "../support/test-database";

const CAMPAIGN_SLUG = "foreign-media-in-north-korea";
const RETURN_URLS = { success_url: "http://localhost:3000/donate/thank-you?session_id={CHECKOUT_SESSION_ID}", cancel_url: "http://localhost:3000/donate" };
const REFUND_FAILS = "4000 0000 0000 5126";
const ADMINS = ["boss@example.org", "refund-colleague@example.org"];

vi.stubEnv("ADMIN_EMAILS", "Boss@Example.org");

describeEachDatabase(
  "refund failures",
  (db) => {
    let campaignId = "";
    let campaignTitle = "";
    let h: Harness;
    let counter = 0;
    let now = Date.now();

    beforeAll(async () => {
      const [campaign] = await db().select().from(campaigns).where(eq(campaigns.slug, CAMPAIGN_SLUG));
      campaignId = campaign!.id;
      campaignTitle = campaign!.title;
      await db().insert(users).values({ email: ADMINS[1]!, role: "owner" });
      h = await startEmulator({ webhookUrl: null, clock: () => now });
    });
    afterAll(() => h.close());

    const process = (event: Stripe.Event) => processStripeEvent(db(), h.stripe, event);
    const metadata = () => encodeGiftMetadata({ campaignId, frequency: "once", giftAmount: 5000, feeCoveredAmount: 0, anonymous: false, dedication: null });
    /** Stripe's "some time later": the next request to the emulator fails the 5126 card's refunds that are due. */
    const later = async () => {
      now += 5_000;
      await h.stripe.events.list({ limit: 1 });
    };

    function eventOf(type: Stripe.Event.Type, objectId: string): Stripe.Event {
      const event = h.emulator.state.events.findLast((candidate) => candidate.type === type && (candidate.data.object as { id?: string }).id === objectId);
      if (!event) throw new Error(`the emulator emitted no ${type} for ${objectId}`);
      return structuredClone(event) as unknown as Stripe.Event;
    }
    const failedEvents = (refundId: string) => (["charge.refund.updated", "refund.updated", "refund.failed"] as const).map((type) => eventOf(type, refundId));

    async function failRefund(refundId: string, failureReason = "lost_or_stolen_card") {
      const response = await fetch(`${h.origin}/stripe-emulator/test-helpers/refunds/${refundId}/fail`, {
        method: "POST",
        headers: TEST_AUTH,
        body: new URLSearchParams({ failure_reason: failureReason }),
      });
      expect(response.status).toBe(200);
    }

    /** A paid one-off gift of 50.00, recorded by Lantern. */
    async function recordedGift(card = "4242 4242 4242 4242") {
      const email = `refunded${++counter}-${Date.now()}@example.org`;
      const session = await h.stripe.checkout.sessions.create({
        mode: "payment",
        customer_creation: "always",
        customer_email: email,
        metadata: metadata(),
        payment_intent_data: { metadata: metadata() },
        line_items: [{ quantity: 1, price_data: { currency: "usd", unit_amount: 5000, product_data: { name: "Gift" } } }],
        ...RETURN_URLS,
      });
      expect((await pay(session, card, email, "Ana")).status).toBe(303);
      await process(eventOf("checkout.session.completed", session.id));
      const [gift] = await db().select().from(donations).where(eq(donations.stripeCheckoutSessionId, session.id));
      const intent = await h.stripe.paymentIntents.retrieve(gift!.stripePaymentIntentId!);
      return { id: gift!.id, paymentIntentId: intent.id, chargeId: String(intent.latest_charge), email };
    }

    const refundedAmount = async (giftId: string) => (await db().select().from(donations).where(eq(donations.id, giftId)))[0]!.refundedAmount;
    const refundRows = async (giftId: string) =>
      (await db().select().from(giftRefunds).where(eq(giftRefunds.donationId, giftId)))
        .map((row) => ({ id: row.stripeRefundId, amount: row.amount, status: row.status, failureReason: row.failureReason }))
        .sort((a, b) => a.amount - b.amount);
    const ledger = async () => (await readLedgerTotals(db())).campaigns.find((row) => row.campaignId === campaignId && row.currency === "USD")!;
    const publicRaised = async () => (await findPublicCampaign(db(), CAMPAIGN_SLUG))!.raisedAmount;
    const failedEmails = async (refundId: string) =>
      db()
        .select()
        .from(sentEmails)
        .where(
          and(
            eq(sentEmails.template, "refund-failed"),
            inArray(
              sentEmails.idempotencyKey,
              ADMINS.map((admin) => `refund-failed:${refundId}:${admin}`),
            ),
          ),
        );

    it("a 5126 refund counts as refunded, then its failure puts the amount back in raised and the ledger, and emails each admin once", async () => {
      const gift = await recordedGift(REFUND_FAILS);
      const before = { raised: await publicRaised(), ledger: await ledger() };

      const refund = await h.stripe.refunds.create({ payment_intent: gift.paymentIntentId });
      expect(refund.status).toBe("succeeded");
      // The donor is told their money is on its way back.
      expect(await process(eventOf("charge.refunded", gift.chargeId))).toMatchObject({
        status: "processed",
        campaignIds: [campaignId],
        emailKeys: [`gift-refunded:${refund.id}`],
      });
      expect(await refundedAmount(gift.id)).toBe(5000);
      expect(await publicRaised()).toBe(before.raised - 5000);
      expect(await ledger()).toMatchObject({
        refundedAmount: before.ledger.refundedAmount + 5000,
        netAmount: before.ledger.netAmount - 5000,
        giftCount: before.ledger.giftCount - 1,
      });

      await later();
      const [updated, , failed] = failedEvents(refund.id);
      const outcome = await process(failed!);
      expect(outcome).toMatchObject({ status: "processed", campaignIds: [campaignId] });
      expect(outcome.emailKeys.sort()).toEqual(ADMINS.map((admin) => `refund-failed:${refund.id}:${admin}`));
      expect(await refundedAmount(gift.id)).toBe(0);
      expect(await refundRows(gift.id)).toEqual([{ id: refund.id, amount: 5000, status: "failed", failureReason: "expired_or_canceled_card" }]);
      expect(await publicRaised()).toBe(before.raised);
      expect(await ledger()).toMatchObject({
        refundedAmount: before.ledger.refundedAmount,
        netAmount: before.ledger.netAmount,
        giftCount: before.ledger.giftCount,
      });

      // The other two events of the failure, a redelivery, and a late charge.refunded: nothing moves, no second email.
      expect(await process(updated!)).toMatchObject({ status: "processed", emailKeys: [] });
      expect(await process(eventOf("refund.updated", refund.id))).toMatchObject({ status: "processed", emailKeys: [] });
      expect((await process(failed!)).status).toBe("duplicate");
      expect(await process({ ...eventOf("charge.refunded", gift.chargeId), id: `evt_late_${refund.id}` })).toMatchObject({
        status: "processed",
        emailKeys: [],
      });
      expect(await publicRaised()).toBe(before.raised);

      const emails = await failedEmails(refund.id);
      expect(emails.map((email) => email.toAddress).sort()).toEqual(ADMINS);
      expect(emails[0]!.props).toMatchObject({
        amount: "$50.00",
        gift: expect.stringContaining(`$50.00 to ${campaignTitle} from Ana <${gift.email}>`),
        campaignTitle,
        reason: "expired or canceled card",
        stillRefunded: "$0.00",
        giftUrl: expect.stringMatching(new RegExp(`/admin/gifts/${gift.id}$`)),
        stripeRefundId: refund.id,
      });
      expect(await verifyLedger(db())).toEqual([]);
    });

    it("a refund first heard of when it has already failed never counts, and the admins are still told", async () => {
      const gift = await recordedGift(REFUND_FAILS);
      const raised = await publicRaised();
      const refund = await h.stripe.refunds.create({ payment_intent: gift.paymentIntentId, amount: 2000 });
      await later();
      // refund.failed before charge.refunded (Stripe does not promise an order).
      expect((await process(eventOf("refund.failed", refund.id))).emailKeys).toHaveLength(2);
      expect(await publicRaised()).toBe(raised);
      expect((await process(eventOf("charge.refunded", gift.chargeId))).emailKeys).toEqual([]);
      expect(await refundedAmount(gift.id)).toBe(0);
      expect(await publicRaised()).toBe(raised);
      expect(await failedEmails(refund.id)).toHaveLength(2);
    });

    it("a stale read never brings a failed refund back, nor a succeeded one back to pending", async () => {
      const gift = await recordedGift();
      const ref = { chargeId: gift.chargeId, paymentIntentId: gift.paymentIntentId };
      const state = (id: string, amount: number, status: string) => ({
        stripeRefundId: id,
        amount,
        currency: "USD",
        status,
        failureReason: status === "failed" ? "declined" : null,
        createdAt: new Date(),
      });
      const record = (...refunds: RefundState[]) => db().transaction((tx) => recordChargeRefunds(tx, ref, refunds));
      const a = `re_stale_a_${gift.id}`;
      const b = `re_stale_b_${gift.id}`;

      await record(state(a, 1000, "pending"), state(b, 500, "succeeded"));
      expect(await refundedAmount(gift.id)).toBe(1500);
      const failed = await record(state(a, 1000, "failed"), state(b, 500, "succeeded"));
      expect(failed.newlyFailed.map((refund) => [refund.stripeRefundId, refund.refundedAmount])).toEqual([[a, 500]]);
      // Reads taken before the failure, committed after it.
      const stale = await record(state(a, 1000, "succeeded"), state(b, 500, "pending"));
      expect(stale.newlyFailed).toEqual([]);
      expect(await refundRows(gift.id)).toEqual([
        { id: b, amount: 500, status: "succeeded", failureReason: null },
        { id: a, amount: 1000, status: "failed", failureReason: "declined" },
      ]);
      expect(await refundedAmount(gift.id)).toBe(500);
      // Canceled is final too.
      await record(state(a, 1000, "failed"), state(b, 500, "canceled"));
      await record(state(a, 1000, "succeeded"), state(b, 500, "succeeded"));
      expect(await refundedAmount(gift.id)).toBe(0);
      expect(await verifyLedger(db())).toEqual([]);

      // A failed refund's settlement counts both its balance transactions (out, then back): a stale read
      // (succeeded, before the failure's transaction existed) never overwrites it with the first alone.
      const c = `re_stale_c_${gift.id}`;
      const settled = (amount: number) => ({ currency: "USD", amount, fee: 0, exchangeRate: null });
      await record({ ...state(c, 700, "failed"), feeAmount: 0, settlement: settled(0) });
      await record({ ...state(c, 700, "succeeded"), feeAmount: 0, settlement: settled(-700) });
      const [row] = await db().select().from(giftRefunds).where(eq(giftRefunds.stripeRefundId, c));
      expect(row).toMatchObject({ status: "failed", settlementCurrency: "USD", settlementAmount: 0 });
    });

    it("of two partial refunds, the one that fails counts again and the other stays refunded", async () => {
      const gift = await recordedGift();
      const before = { raised: await publicRaised(), ledger: await ledger() };
      const kept = await h.stripe.refunds.create({ payment_intent: gift.paymentIntentId, amount: 1000 });
      await process(eventOf("charge.refunded", gift.chargeId));
      const lost = await h.stripe.refunds.create({ payment_intent: gift.paymentIntentId, amount: 2000 });
      await process(eventOf("charge.refunded", gift.chargeId));
      expect(await refundedAmount(gift.id)).toBe(3000);
      expect(await publicRaised()).toBe(before.raised - 3000);

      await failRefund(lost.id);
      const outcome = await process(eventOf("refund.failed", lost.id));
      expect(outcome.emailKeys).toHaveLength(2);
      expect(await refundRows(gift.id)).toEqual([
        { id: kept.id, amount: 1000, status: "succeeded", failureReason: null },
        { id: lost.id, amount: 2000, status: "failed", failureReason: "lost_or_stolen_card" },
      ]);
      expect(await refundedAmount(gift.id)).toBe(1000);
      expect(await publicRaised()).toBe(before.raised - 1000);
      expect(await ledger()).toMatchObject({
        refundedAmount: before.ledger.refundedAmount + 1000,
        netAmount: before.ledger.netAmount - 1000,
        giftCount: before.ledger.giftCount,
      });
      const [email] = await failedEmails(lost.id);
      expect(email!.props).toMatchObject({ amount: "$20.00", reason: "lost or stolen card", stillRefunded: "$10.00" });
      expect(await failedEmails(kept.id)).toEqual([]);
      // The admin gift page lists both, with what each means.
      const page = await findAdminGift(db(), gift.id);
      expect(page!.refunds.map((refund) => [refund.stripeRefundId, refund.amount, refundStatusText(refund)])).toEqual([
        [kept.id, 1000, "Refunded"],
        [lost.id, 2000, "Failed (lost or stolen card): the donor was not repaid, and the amount counts in the campaign's total again"],
      ]);
      expect(page!.refundedAmount).toBe(1000);
      expect(await verifyLedger(db())).toEqual([]);
    });

    it("handles every event of two refunds, one failing, delivered twice and all at once: one result, one email per admin", async () => {
      const gift = await recordedGift();
      const raised = await publicRaised();
      const kept = await h.stripe.refunds.create({ payment_intent: gift.paymentIntentId, amount: 1500 });
      const lost = await h.stripe.refunds.create({ payment_intent: gift.paymentIntentId, amount: 2500 });
      await failRefund(lost.id, "declined");
      const events = [
        ...h.emulator.state.events.filter((event) => event.type === "charge.refunded" && (event.data.object as { id: string }).id === gift.chargeId),
        ...h.emulator.state.events.filter((event) => event.type.startsWith("refund.") && [kept.id, lost.id].includes((event.data.object as { id: string }).id)),
        ...failedEvents(lost.id),
      ].map((event) => structuredClone(event) as unknown as Stripe.Event);
      expect(events.length).toBeGreaterThanOrEqual(7);
      const outcomes = await Promise.all([...events, ...events].map((event) => process(event)));
      // The donor hears of the refund that repaid them, once; of the failed one, nothing (it never counted).
      expect(outcomes.flatMap((outcome) => outcome.emailKeys).sort()).toEqual([
        `gift-refunded:${kept.id}`,
        ...ADMINS.map((admin) => `refund-failed:${lost.id}:${admin}`),
      ]);
      expect(await refundedAmount(gift.id)).toBe(1500);
      expect(await publicRaised()).toBe(raised - 1500);
      expect(await failedEmails(lost.id)).toHaveLength(2);
      const donorEmails = await db()
        .select()
        .from(sentEmails)
        .where(and(eq(sentEmails.template, "gift-refunded"), eq(sentEmails.toAddress, gift.email)));
      expect(donorEmails).toHaveLength(1);
      expect(donorEmails[0]!.props).toMatchObject({
        amount: "$15.00",
        giftAmount: "$50.00",
        campaignTitle,
        keptAmount: "$35.00",
        manageUrl: expect.stringMatching(/^https?:\/\/[^/]+\/donate\/manage$/),
      });
      expect(await verifyLedger(db())).toEqual([]);
    });

    it("replaces a refund stored before per-refund records (migration 0011's row) with Stripe's list, moving nothing", async () => {
      const gift = await recordedGift();
      const refund = await h.stripe.refunds.create({ payment_intent: gift.paymentIntentId, amount: 1500 });
      // What the migration left for a gift refunded before: its total, on a row with no Stripe id.
      await db().transaction(async (tx) => {
        await adjustGifts(tx, { chargeId: gift.chargeId, paymentIntentId: gift.paymentIntentId }, (row) => ({
          refundedAmount: 1500,
          disputeStatus: row.disputeStatus,
        }));
        await tx.insert(giftRefunds).values({ donationId: gift.id, amount: 1500, currency: "USD", status: "succeeded", refundedAt: new Date() });
      });
      const raised = await publicRaised();
      expect(await verifyLedger(db())).toEqual([]);
      await process(eventOf("charge.refunded", gift.chargeId));
      expect(await refundRows(gift.id)).toEqual([{ id: refund.id, amount: 1500, status: "succeeded", failureReason: null }]);
      expect(await refundedAmount(gift.id)).toBe(1500);
      expect(await publicRaised()).toBe(raised);
      expect(await verifyLedger(db())).toEqual([]);
    });
  },
  { seed: true },
);
