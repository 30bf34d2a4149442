/**
 * The ledger (lib/ledger) kept by the money writers themselves: gifts, refunds, disputes and
 * monthly gifts move the totals in their own transaction; a dispute lost comes off the net
 * total through the real dispute handler; concurrent gifts to one campaign all count; and the
 * verifier finds any total that disagrees with the gift rows.
 */
import { eq, sql } from "drizzle-orm";
import type Stripe from "stripe";
import { beforeAll, expect, it } from "vitest";
import { donations, giftRefunds, ledgerCampaignTotals } from "@/db/schema";
import { findOrCreateDonor } from "@/lib/donations/donors";
import { findGiftCampaignBySlug, type GiftCampaign } from "@/lib/donations/gift-campaign";
import { recordChargeRefunds, type RefundState } from "@/lib/donations/gift-refunds";
import { recordGift } from "@/lib/donations/record-gift";
import { upsertRecurringGift } from "@/lib/donations/recurring-gifts";
import { readLedgerTotals } from "@/lib/ledger/ledger-totals";
import { rebuildLedger } from "@/lib/ledger/rebuild-ledger";
import { verifyLedger } from "@/lib/ledger/verify-ledger";
import { processStripeEvent } from "@/lib/payments/webhooks/process-stripe-event";
import { describeEachDatabase } from "../support/test-database";

/** Stripe's refunds of a charge as recordChargeRefunds takes them (all succeeded). */
const refunded = (...amounts: number[]): RefundState[] =>
  amounts.map((amount, index) => ({
    stripeRefundId: `re_ledger_${amount}_${index}`,
    amount,
    currency: "USD",
    status: "succeeded",
    failureReason: null,
    createdAt: new Date(),
  }));

describeEachDatabase(
  "ledger totals",
  (db) => {
    let campaign: GiftCampaign;
    let counter = 0;

    beforeAll(async () => {
      campaign = (await findGiftCampaignBySlug(db(), "foreign-media-in-north-korea"))!;
    });

    const totals = async () => (await readLedgerTotals(db())).campaigns.find((row) => row.campaignId === campaign.id && row.currency === "USD")!;

    async function give(amount: number, email = `ledger${++counter}@example.org`, kind: "one_off" | "recurring" = "one_off") {
      const id = `pi_ledger_${++counter}_${Date.now()}`;
      await db().transaction(async (tx) => {
        const donor = await findOrCreateDonor(tx, { email, name: null, stripeCustomerId: null });
        await recordGift(tx, {
          donor,
          campaign,
          kind,
          recurringGiftId: null,
          amount,
          feeCoveredAmount: 0,
          currency: "USD",
          anonymous: false,
          dedication: null,
          stripe: { paymentIntentId: id },
          paidAt: new Date("2026-03-01T12:00:00Z"),
          receipt: { template: "one-off-receipt", idempotencyKey: `receipt:${id}`, manageUrl: null },
        });
      });
      return id;
    }

    /** A Stripe client that knows one dispute: the dispute handler reads it back as Stripe would answer. */
    const stripeKnowing = (dispute: Partial<Stripe.Dispute>) => ({ disputes: { retrieve: async () => dispute } }) as unknown as Stripe;
    const disputeEvent = (type: Stripe.Event.Type, disputeId: string) =>
      ({
        id: `evt_${disputeId}_${type}_${++counter}`,
        type,
        created: Math.floor(Date.now() / 1000),
        data: { object: { id: disputeId } },
      }) as unknown as Stripe.Event;

    it("adds a gift, a partial then a full refund to the totals, donors counted while a gift stands", async () => {
      const before = await totals().catch(() => undefined);
      const base = { gross: before?.grossAmount ?? 0, net: before?.netAmount ?? 0, gifts: before?.giftCount ?? 0, donors: before?.donorCount ?? 0 };
      const paymentIntentId = await give(5_000);
      expect(await totals()).toMatchObject({
        grossAmount: base.gross + 5_000,
        netAmount: base.net + 5_000,
        giftCount: base.gifts + 1,
        donorCount: base.donors + 1,
      });

      await db().transaction((tx) => recordChargeRefunds(tx, { chargeId: "ch_x", paymentIntentId }, refunded(1_000)));
      await db().transaction((tx) => recordChargeRefunds(tx, { chargeId: "ch_x", paymentIntentId }, refunded(1_000))); // redelivered: nothing more
      expect(await totals()).toMatchObject({ netAmount: base.net + 4_000, giftCount: base.gifts + 1, donorCount: base.donors + 1 });

      await db().transaction((tx) => recordChargeRefunds(tx, { chargeId: "ch_x", paymentIntentId }, refunded(1_000, 4_000)));
      expect(await totals()).toMatchObject({ grossAmount: base.gross + 5_000, netAmount: base.net, giftCount: base.gifts, donorCount: base.donors });
      expect(await verifyLedger(db())).toEqual([]);
    });

    it("takes a lost dispute off the net total through the dispute handler, and puts it back if reversed", async () => {
      const paymentIntentId = await give(8_000);
      await db().transaction((tx) => recordChargeRefunds(tx, { chargeId: "ch_disputed", paymentIntentId }, refunded(3_000)));
      const before = await totals();

      const dispute = {
        id: "dp_ledger_1",
        charge: "ch_disputed",
        payment_intent: paymentIntentId,
        status: "needs_response",
        amount: 8_000,
        currency: "usd",
        reason: "fraudulent",
        created: 1_780_000_000,
        evidence_details: { due_by: 1_781_814_400 },
      } as Partial<Stripe.Dispute>;
      await processStripeEvent(db(), stripeKnowing(dispute), disputeEvent("charge.dispute.created", "dp_ledger_1"));
      expect(await totals()).toEqual(before);

      dispute.status = "lost";
      const closed = await processStripeEvent(db(), stripeKnowing(dispute), disputeEvent("charge.dispute.closed", "dp_ledger_1"));
      expect(closed).toEqual({ status: "processed", campaignIds: [campaign.id], emailKeys: [] });
      expect(await totals()).toMatchObject({
        grossAmount: before.grossAmount,
        refundedAmount: before.refundedAmount,
        disputeLostAmount: before.disputeLostAmount + 5_000,
        netAmount: before.netAmount - 5_000,
        giftCount: before.giftCount - 1,
        oneOffAmount: before.oneOffAmount - 5_000,
        donorCount: before.donorCount - 1,
      });
      // The same status again (a redelivery under a new event id) changes nothing.
      await processStripeEvent(db(), stripeKnowing(dispute), disputeEvent("charge.dispute.updated", "dp_ledger_1"));
      expect((await totals()).disputeLostAmount).toBe(before.disputeLostAmount + 5_000);
      expect(await verifyLedger(db())).toEqual([]);

      dispute.status = "won";
      await processStripeEvent(db(), stripeKnowing(dispute), disputeEvent("charge.dispute.updated", "dp_ledger_1"));
      expect(await totals()).toEqual(before);
      expect(await verifyLedger(db())).toEqual([]);
    });

    it("keeps MRR and active monthly donors from each monthly gift's status and amount", async () => {
      const donor = await db().transaction((tx) => findOrCreateDonor(tx, { email: "monthly-ledger@example.org", name: null, stripeCustomerId: null }));
      const before = await totals();
      const state = {
        stripeSubscriptionId: "sub_ledger_1",
        donorId: donor.id,
        campaignId: campaign.id,
        amount: 1_500,
        feeCoveredAmount: 0,
        currency: "USD",
        status: "active",
        cancelAtPeriodEnd: false,
        cancelAt: null,
        currentPeriodEnd: null,
        canceledAt: null,
        endedAt: null,
        anonymous: false,
        dedication: null,
        observedAt: 100,
      };
      await db().transaction((tx) => upsertRecurringGift(tx, state));
      await db().transaction((tx) => upsertRecurringGift(tx, { ...state, observedAt: 101 })); // same state again
      expect(await totals()).toMatchObject({
        monthlyRecurringRevenue: before.monthlyRecurringRevenue + 1_500,
        activeMonthlyDonors: before.activeMonthlyDonors + 1,
      });
      await db().transaction((tx) => upsertRecurringGift(tx, { ...state, amount: 2_000, observedAt: 102 }));
      expect((await totals()).monthlyRecurringRevenue).toBe(before.monthlyRecurringRevenue + 2_000);
      await db().transaction((tx) => upsertRecurringGift(tx, { ...state, status: "canceled", observedAt: 104 }));
      await db().transaction((tx) => upsertRecurringGift(tx, { ...state, status: "active", observedAt: 103 })); // older read: ignored
      expect(await totals()).toMatchObject({ monthlyRecurringRevenue: before.monthlyRecurringRevenue, activeMonthlyDonors: before.activeMonthlyDonors });
      expect(await verifyLedger(db())).toEqual([]);
    });

    it("counts in MRR only monthly gifts Stripe will charge again: not ending, not cancelled, past due still in", async () => {
      const donor = await db().transaction((tx) => findOrCreateDonor(tx, { email: "ending-ledger@example.org", name: null, stripeCustomerId: null }));
      const before = await totals();
      const periodEnd = new Date("2027-01-15T00:00:00Z");
      const state = {
        stripeSubscriptionId: "sub_ledger_ending",
        donorId: donor.id,
        campaignId: campaign.id,
        amount: 2_500,
        feeCoveredAmount: 0,
        currency: "USD",
        status: "active",
        cancelAtPeriodEnd: false,
        cancelAt: null as Date | null,
        currentPeriodEnd: periodEnd,
        canceledAt: null as Date | null,
        endedAt: null as Date | null,
        anonymous: false,
        dedication: null,
        observedAt: 200,
      };
      const upsert = (change: Partial<typeof state>) => db().transaction((tx) => upsertRecurringGift(tx, { ...state, ...change }));
      const counted = { monthlyRecurringRevenue: before.monthlyRecurringRevenue + 2_500, activeMonthlyDonors: before.activeMonthlyDonors + 1 };
      const notCounted = { monthlyRecurringRevenue: before.monthlyRecurringRevenue, activeMonthlyDonors: before.activeMonthlyDonors };

      await upsert({});
      expect(await totals()).toMatchObject(counted);
      // Cancelled at the period's end: still "active" at Stripe, but never charged again.
      await upsert({ cancelAtPeriodEnd: true, cancelAt: periodEnd, canceledAt: new Date("2026-12-20T00:00:00Z"), observedAt: 201 });
      expect(await totals()).toMatchObject(notCounted);
      expect(await verifyLedger(db())).toEqual([]);
      // "Keep my gift" undoes it.
      await upsert({ observedAt: 202 });
      expect(await totals()).toMatchObject(counted);
      // A scheduled end (cancel_at without cancel_at_period_end) is ending too.
      await upsert({ cancelAt: new Date("2027-03-01T00:00:00Z"), observedAt: 203 });
      expect(await totals()).toMatchObject(notCounted);
      // Past due: Stripe keeps retrying, so the gift stays in until Stripe gives up.
      await upsert({ status: "past_due", observedAt: 204 });
      expect(await totals()).toMatchObject(counted);
      await upsert({ status: "unpaid", observedAt: 205 });
      expect(await totals()).toMatchObject(notCounted);
      await upsert({ status: "canceled", endedAt: periodEnd, canceledAt: periodEnd, observedAt: 206 });
      expect(await totals()).toMatchObject(notCounted);
      expect(await verifyLedger(db())).toEqual([]);
    });

    it("counts every one of many concurrent gifts to one campaign, and a donor giving twice once", async () => {
      const before = await totals();
      await Promise.all(Array.from({ length: 40 }, (_, i) => give(100 + i, i % 4 === 0 ? "repeat-ledger@example.org" : undefined)));
      const after = await totals();
      expect(after.giftCount - before.giftCount).toBe(40);
      expect(after.netAmount - before.netAmount).toBe(Array.from({ length: 40 }, (_, i) => 100 + i).reduce((a, b) => a + b));
      expect(after.donorCount - before.donorCount).toBe(31);
      expect(await verifyLedger(db())).toEqual([]);
    });

    it("reports a total that disagrees with the gift rows, and a rebuild (the migration's backfill) repairs it", async () => {
      await db()
        .update(ledgerCampaignTotals)
        .set({ netAmount: sql`${ledgerCampaignTotals.netAmount} + 7` })
        .where(eq(ledgerCampaignTotals.campaignId, campaign.id));
      const [bypassed] = await db().update(donations).set({ refundedAmount: 1 }).where(eq(donations.amount, 139)).returning(); // a write that bypassed the ledger and the refunds
      const differences = await verifyLedger(db());
      expect(differences.map((d) => `${d.table}.${d.figure}`)).toEqual(
        expect.arrayContaining([
          "donations (refunded_amount vs gift_refunds).refunded_amount",
          "ledger_campaign_totals.net_amount",
          "ledger_campaign_totals.refunded_amount",
          "ledger_daily_totals.net_amount",
        ]),
      );
      // The refund it stands for: only the ledger is left wrong, which a rebuild repairs.
      await db().insert(giftRefunds).values({
        stripeRefundId: "re_bypassed",
        donationId: bypassed!.id,
        amount: 1,
        currency: bypassed!.currency,
        status: "succeeded",
        refundedAt: bypassed!.paidAt,
      });
      const net = differences.find((d) => d.figure === "net_amount" && d.table === "ledger_campaign_totals")!;
      expect(net.ledger - net.gifts).toBeGreaterThanOrEqual(7);

      const beforeRebuild = await totals();
      await rebuildLedger(db());
      expect(await verifyLedger(db())).toEqual([]);
      expect((await totals()).refundedAmount).toBe(beforeRebuild.refundedAmount + 1);
    });
  },
  { seed: true },
);
