/**
 * Fees and net as Stripe moves the money: the emulator's balance transactions (Stripe's fee for
 * the method, card country, currency and pricing plan; refunds with no fee; the dispute fee),
 * and Lantern recording each fee in the transaction of the gift, refund or dispute it belongs to,
 * the ledger's gross / fees / net after fees per campaign and currency, and `ledger:verify`
 * checking the recorded fees against Stripe's balance transactions.
 */
import { eq } from "drizzle-orm";
import type Stripe from "stripe";
import { afterAll, beforeAll, expect, it } from "vitest";
import { campaigns, donations, giftRefunds, paymentDisputes } from "@/db/schema";
import { readLedgerTotals } from "@/lib/ledger/ledger-totals";
import { rebuildLedger } from "@/lib/ledger/rebuild-ledger";
import { verifyLedger } from "@/lib/ledger/verify-ledger";
import { encodeGiftMetadata } from "@/lib/payments/gift-metadata";
import { verifyFeesAgainstStripe } from "@/lib/payments/verify-stripe-fees";
import { backfillStripeFees } from "@/lib/payments/backfill-fees";
import { getDashboardTotals } from "@/lib/reports/dashboard-totals";
import { giftExportBatches, GIFT_EXPORT_COLUMNS } from "@/lib/reports/gifts-export";
import { settledTotals } from "@/lib/reports/stripe-settlement";
import { processStripeEvent } from "@/lib/payments/webhooks/process-stripe-event";
import { pay, startEmulator, TEST_AUTH, type Harness } from "../support/stripe-emulator";
import { describeEachDatabase } from "../support/test-database";

const CAMPAIGN_SLUG = "foreign-media-in-north-korea";
const RETURN_URLS = { success_url: "http://localhost:3000/donate/thank-you?session_id={CHECKOUT_SESSION_ID}", cancel_url: "http://localhost:3000/donate" };
const US_CARD = "4242 4242 4242 4242";
const GB_CARD = "4000 0082 6000 0000";

describeEachDatabase(
  "Stripe fees and net",
  (db) => {
    let campaignId = "";
    let h: Harness;
    let nonprofit: Harness;
    let counter = 0;
    const freshEmail = () => `fees${++counter}-${Date.now()}@example.org`;

    beforeAll(async () => {
      const [campaign] = await db().select().from(campaigns).where(eq(campaigns.slug, CAMPAIGN_SLUG));
      campaignId = campaign!.id;
      h = await startEmulator({ webhookUrl: null });
      nonprofit = await startEmulator({ webhookUrl: null, pricing: "nonprofit" });
    });
    afterAll(async () => {
      await h.close();
      await nonprofit.close();
    });

    const metadata = () => encodeGiftMetadata({ campaignId, frequency: "once", giftAmount: 1000, feeCoveredAmount: 0, anonymous: false, dedication: null });

    function eventOf(harness: Harness, type: Stripe.Event.Type, objectId: string): Stripe.Event {
      const event = harness.emulator.state.events.findLast(
        (candidate) => candidate.type === type && (candidate.data.object as { id?: string }).id === objectId,
      );
      if (!event) throw new Error(`the emulator emitted no ${type} for ${objectId}`);
      return structuredClone(event) as unknown as Stripe.Event;
    }
    const process = (harness: Harness, type: Stripe.Event.Type, objectId: string) => processStripeEvent(db(), harness.stripe, eventOf(harness, type, objectId));

    async function paidOneOff(input: { amount: number; currency?: string; card?: string; harness?: Harness }) {
      const harness = input.harness ?? h;
      const email = freshEmail();
      const session = await harness.stripe.checkout.sessions.create({
        mode: "payment",
        submit_type: "donate",
        customer_creation: "always",
        customer_email: email,
        metadata: metadata(),
        payment_intent_data: { metadata: metadata() },
        line_items: [{ quantity: 1, price_data: { currency: input.currency ?? "usd", unit_amount: input.amount, product_data: { name: "Gift" } } }],
        ...RETURN_URLS,
      });
      expect((await pay(session, input.card ?? US_CARD, email, "")).status).toBe(303);
      const intent = await harness.stripe.paymentIntents.retrieve(
        String(session.payment_intent ?? (await harness.stripe.checkout.sessions.retrieve(session.id)).payment_intent),
      );
      const charge = await harness.stripe.charges.retrieve(String(intent.latest_charge), { expand: ["balance_transaction"] });
      return { session, charge, transaction: charge.balance_transaction as Stripe.BalanceTransaction };
    }

    async function giftOf(sessionId: string) {
      const [row] = await db().select().from(donations).where(eq(donations.stripeCheckoutSessionId, sessionId));
      return row!;
    }

    async function ledger(currency = "USD") {
      const row = (await readLedgerTotals(db())).campaigns.find((candidate) => candidate.campaignId === campaignId && candidate.currency === currency);
      return { gross: row?.grossAmount ?? 0, fees: row?.feeAmount ?? 0, net: row?.netAmount ?? 0, netAfterFees: (row?.netAmount ?? 0) - (row?.feeAmount ?? 0) };
    }

    async function settledUsd() {
      const usd = (await settledTotals(db())).find((totals) => totals.currency === "USD");
      return usd ?? { paymentCount: 0, convertedCount: 0, grossAmount: 0, refundsAndDisputesAmount: 0, feeAmount: 0, netAmount: 0 };
    }

    async function testHelper<T>(harness: Harness, path: string, fields: Record<string, string> = {}): Promise<T> {
      const response = await fetch(`${harness.origin}/stripe-emulator/test-helpers/${path}`, {
        method: "POST",
        headers: TEST_AUTH,
        body: new URLSearchParams(fields),
      });
      expect(response.status).toBe(200);
      return (await response.json()) as T;
    }

    it("gives a card charge a balance transaction with Stripe's fee, and records fee and net with the gift", async () => {
      const before = await ledger();
      const { session, charge, transaction } = await paidOneOff({ amount: 2606 });
      // 2.9% of 26.06 = 0.76, plus 30¢.
      expect(transaction).toMatchObject({
        object: "balance_transaction",
        amount: 2606,
        currency: "usd",
        fee: 106,
        net: 2500,
        type: "charge",
        reporting_category: "charge",
        source: charge.id,
        fee_details: [{ amount: 106, currency: "usd", type: "stripe_fee" }],
      });
      expect(transaction.available_on).toBe(transaction.created + 2 * 86_400);
      expect(await h.stripe.balanceTransactions.retrieve(transaction.id)).toEqual(transaction);

      await process(h, "checkout.session.completed", session.id);
      expect(await giftOf(session.id)).toMatchObject({
        amount: 2606,
        processingFeeAmount: 106,
        feeAmount: 106,
        stripeBalanceTransactionId: transaction.id,
        stripeChargeId: charge.id,
      });
      const after = await ledger();
      expect({ gross: after.gross - before.gross, fees: after.fees - before.fees, netAfterFees: after.netAfterFees - before.netAfterFees }).toEqual({
        gross: 2606,
        fees: 106,
        netAfterFees: 2500,
      });
    });

    it("charges 1.5% more for an international card; a EUR gift settles in USD at Stripe's rate with 1% more, recorded both ways", async () => {
      const gb = await paidOneOff({ amount: 10_000, card: GB_CARD });
      expect(gb.transaction.fee).toBe(440 + 30); // 2.9% + 1.5% + 30¢
      const eur = await paidOneOff({ amount: 10_000, currency: "eur" });
      // €100 at 1.08 = $108.00; 2.9% + 1% of it = $4.21, + 30¢: all in the account's currency.
      expect(eur.transaction).toMatchObject({ currency: "usd", amount: 10_800, exchange_rate: 1.08, fee: 451, net: 10_349 });

      const before = await ledger("EUR");
      const settledBefore = await settledUsd();
      await process(h, "checkout.session.completed", eur.session.id);
      // The gift's own currency keeps the gift; the fee is Stripe's turned back at its rate ($4.51 / 1.08 = €4.18),
      // and the settlement is stored exactly as Stripe reports it, in USD.
      expect(await giftOf(eur.session.id)).toMatchObject({
        currency: "EUR",
        amount: 10_000,
        processingFeeAmount: 418,
        feeAmount: 418,
        settlementCurrency: "USD",
        settlementAmount: 10_800,
        settlementFeeAmount: 451,
        exchangeRate: 1.08,
      });
      const after = await ledger("EUR");
      expect({ gross: after.gross - before.gross, fees: after.fees - before.fees, netAfterFees: after.netAfterFees - before.netAfterFees }).toEqual({
        gross: 10_000,
        fees: 418,
        netAfterFees: 9_582,
      });
      // Settled by Stripe: in USD only, nothing added to a EUR figure.
      const settledAfter = await settledUsd();
      expect({
        payments: settledAfter.paymentCount - settledBefore.paymentCount,
        converted: settledAfter.convertedCount - settledBefore.convertedCount,
        gross: settledAfter.grossAmount - settledBefore.grossAmount,
        fees: settledAfter.feeAmount - settledBefore.feeAmount,
        net: settledAfter.netAmount - settledBefore.netAmount,
      }).toEqual({ payments: 1, converted: 1, gross: 10_800, fees: 451, net: 10_349 });
      expect((await settledTotals(db())).map((totals) => totals.currency)).toEqual(["USD"]);

      // A partial refund of the EUR gift leaves the balance in USD too, at the rate: €40 → -$43.20, no fee.
      const refund = await h.stripe.refunds.create({ charge: eur.charge.id, amount: 4000 });
      await process(h, "charge.refunded", eur.charge.id);
      const [refundRow] = await db().select().from(giftRefunds).where(eq(giftRefunds.stripeRefundId, refund.id));
      expect(refundRow).toMatchObject({
        amount: 4000,
        currency: "EUR",
        feeAmount: 0,
        settlementCurrency: "USD",
        settlementAmount: -4320,
        settlementFeeAmount: 0,
      });
      expect((await settledUsd()).refundsAndDisputesAmount - settledAfter.refundsAndDisputesAmount).toBe(-4320);
      expect(await verifyLedger(db())).toEqual([]);
      expect(await verifyFeesAgainstStripe(db(), h.stripe)).toEqual([]);
    });

    it("charges Stripe's nonprofit rate (2.2% + 30¢) when the account has it", async () => {
      const { session, transaction } = await paidOneOff({ amount: 2606, harness: nonprofit });
      expect(transaction).toMatchObject({ fee: 57 + 30, net: 2606 - 87 });
      expect(session.id).toMatch(/^cs_test_/);
    });

    it("records a monthly payment's fee from invoice.paid", async () => {
      const email = freshEmail();
      const monthly = encodeGiftMetadata({ campaignId, frequency: "monthly", giftAmount: 1000, feeCoveredAmount: 0, anonymous: false, dedication: null });
      const session = await h.stripe.checkout.sessions.create({
        mode: "subscription",
        customer_email: email,
        metadata: monthly,
        subscription_data: { metadata: monthly },
        line_items: [
          { quantity: 1, price_data: { currency: "usd", unit_amount: 1000, recurring: { interval: "month" }, product_data: { name: "Monthly gift" } } },
        ],
        ...RETURN_URLS,
      });
      expect((await pay(session, US_CARD, email, "")).status).toBe(303);
      const invoiceId = String((await h.stripe.checkout.sessions.retrieve(session.id)).invoice);
      await process(h, "invoice.paid", invoiceId);
      const [row] = await db().select().from(donations).where(eq(donations.stripeInvoiceId, invoiceId));
      expect(row).toMatchObject({ amount: 1000, processingFeeAmount: 59, feeAmount: 59 }); // 29¢ + 30¢
    });

    it("a refund has its own balance transaction with no fee, and the payment's fee is not returned", async () => {
      const { session, charge } = await paidOneOff({ amount: 2606 });
      await process(h, "checkout.session.completed", session.id);
      const before = await ledger();
      const refund = await h.stripe.refunds.create({ charge: charge.id });
      const refundTransaction = await h.stripe.balanceTransactions.retrieve(String(refund.balance_transaction));
      expect(refundTransaction).toMatchObject({ amount: -2606, fee: 0, net: -2606, type: "refund", reporting_category: "refund", source: refund.id });
      expect((await h.stripe.charges.retrieve(charge.id, { expand: ["balance_transaction"] })).balance_transaction).toMatchObject({ fee: 106 });

      await process(h, "charge.refunded", charge.id);
      expect(await giftOf(session.id)).toMatchObject({ refundedAmount: 2606, processingFeeAmount: 106, feeAmount: 106 });
      const [refundRow] = await db().select().from(giftRefunds).where(eq(giftRefunds.stripeRefundId, refund.id));
      expect(refundRow).toMatchObject({ feeAmount: 0, status: "succeeded" });
      const after = await ledger();
      // The gift is gone from "raised", and what it cost in fees stays: the organisation is 1.06 out of pocket.
      expect({ net: after.net - before.net, fees: after.fees - before.fees, netAfterFees: after.netAfterFees - before.netAfterFees }).toEqual({
        net: -2606,
        fees: 0,
        netAfterFees: -2606,
      });
    });

    it("a dispute withdraws the amount with a $15 fee, recorded with the dispute and the gift, even when it arrives first", async () => {
      const { session, charge } = await paidOneOff({ amount: 5000 });
      const dispute = await testHelper<Stripe.Dispute>(h, `charges/${charge.id}/dispute`);
      expect(dispute.balance_transactions).toMatchObject([
        { amount: -5000, fee: 1500, net: -6500, type: "adjustment", reporting_category: "dispute", source: dispute.id },
      ]);
      expect(await h.stripe.balanceTransactions.retrieve(dispute.balance_transactions[0]!.id)).toMatchObject({ fee: 1500 });

      // The dispute's event is handled before the gift's own: the gift still carries the dispute fee when it lands.
      await process(h, "charge.dispute.created", dispute.id);
      const [stored] = await db().select().from(paymentDisputes).where(eq(paymentDisputes.stripeDisputeId, dispute.id));
      expect(stored).toMatchObject({ feeAmount: 1500 });
      const before = await ledger();
      await process(h, "checkout.session.completed", session.id);
      expect(await giftOf(session.id)).toMatchObject({ processingFeeAmount: 175, feeAmount: 175 + 1500, disputeStatus: "needs_response" });
      const afterGift = await ledger();
      expect(afterGift.fees - before.fees).toBe(1675);

      // Won: the amount comes back (its balance transaction has no fee), the dispute fee does not.
      await testHelper(h, `disputes/${dispute.id}/close`, { status: "won" });
      const won = await h.stripe.disputes.retrieve(dispute.id);
      expect(won.balance_transactions.map((transaction) => [transaction.amount, transaction.fee])).toEqual([
        [-5000, 1500],
        [5000, 0],
      ]);
      await process(h, "charge.dispute.closed", dispute.id);
      expect(await giftOf(session.id)).toMatchObject({ feeAmount: 1675, disputeStatus: "won" });
      expect((await ledger()).fees).toBe(afterGift.fees);
    });

    it("a countered dispute costs the dispute countered fee too: returned when won, kept when lost, whatever event brings it", async () => {
      for (const outcome of ["won", "lost"] as const) {
        const { session, charge } = await paidOneOff({ amount: 5000 });
        await process(h, "checkout.session.completed", session.id);
        const before = await ledger();
        const dispute = await testHelper<Stripe.Dispute>(h, `charges/${charge.id}/dispute`);
        await testHelper(h, `disputes/${dispute.id}/submit-evidence`);
        await testHelper(h, `disputes/${dispute.id}/close`, { status: outcome });
        // Every dispute event, in the reverse of Stripe's order, each read from Stripe now: the fees end the same.
        const types = ["charge.dispute.created", "charge.dispute.funds_withdrawn", "charge.dispute.updated", "charge.dispute.closed"] as Stripe.Event.Type[];
        if (outcome === "won") types.push("charge.dispute.funds_reinstated");
        for (const type of types.reverse()) await process(h, type, dispute.id);
        const [stored] = await db().select().from(paymentDisputes).where(eq(paymentDisputes.stripeDisputeId, dispute.id));
        // Won: the $15 dispute fee stays, the $15 countered fee comes back. Lost: both stay.
        const fees = outcome === "won" ? 1500 : 3000;
        expect(stored).toMatchObject({ status: outcome, feeAmount: fees, settlementCurrency: "USD", settlementFeeAmount: fees });
        expect(stored!.settlementAmount).toBe(outcome === "won" ? 0 : -5000);
        expect(await giftOf(session.id)).toMatchObject({ processingFeeAmount: 175, feeAmount: 175 + fees, disputeStatus: outcome });
        const after = await ledger();
        expect({ fees: after.fees - before.fees, netAfterFees: after.netAfterFees - before.netAfterFees }).toEqual({
          fees,
          netAfterFees: outcome === "won" ? -fees : -5000 - fees,
        });
      }
      expect(await verifyLedger(db())).toEqual([]);
      expect(await verifyFeesAgainstStripe(db(), h.stripe)).toEqual([]);
    });

    it("a gift recorded before fees were shows its fee as unknown, not 0, until reconcile --fees reads it from Stripe, once", async () => {
      const { session, transaction } = await paidOneOff({ amount: 2606, currency: "eur" });
      await process(h, "checkout.session.completed", session.id);
      const recorded = await giftOf(session.id);
      const unknownBefore = (await getDashboardTotals(db())).overall.find((totals) => totals.currency === "EUR")!.feeNotRecordedCount;
      // As a gift from before migration 0017 looks: no fee, no balance transaction, no settlement (ledger rebuilt to match).
      await db()
        .update(donations)
        .set({
          processingFeeAmount: null,
          stripeBalanceTransactionId: null,
          settlementCurrency: null,
          settlementAmount: null,
          settlementFeeAmount: null,
          exchangeRate: null,
          feeAmount: 0,
        })
        .where(eq(donations.id, recorded.id));
      await rebuildLedger(db());
      expect(await verifyLedger(db())).toEqual([]);

      const dashboard = await getDashboardTotals(db());
      const campaignEur = dashboard.campaigns.find((entry) => entry.campaign.id === campaignId)!.totals.find((totals) => totals.currency === "EUR")!;
      expect(campaignEur.feeNotRecordedCount).toBeGreaterThanOrEqual(1);
      expect(dashboard.overall.find((totals) => totals.currency === "EUR")!.feeNotRecordedCount).toBe(unknownBefore + 1);
      const csvRow = async () => {
        for await (const batch of giftExportBatches(db(), { campaignId })) {
          const found = batch.find((row) => row.id === recorded.id);
          if (found) return Object.fromEntries(GIFT_EXPORT_COLUMNS.map((column) => [column.header, column.value(found)]));
        }
        throw new Error("the gift is not in the export");
      };
      expect(await csvRow()).toMatchObject({ Fee: "unknown", "Net after fees": "unknown", "Settled in": null, "Settled amount": null });

      const first = await backfillStripeFees(db(), h.stripe);
      expect(first).toMatchObject({ failed: [] });
      expect(first.payments).toBeGreaterThanOrEqual(1);
      expect(first.campaignIds).toContain(campaignId);
      // €26.06 → $28.14 (1.08); 3.9% = $1.10, + 30¢ = $1.40; in EUR at Stripe's rate €1.30.
      expect(await giftOf(session.id)).toMatchObject({
        processingFeeAmount: 130,
        feeAmount: 130,
        stripeBalanceTransactionId: transaction.id,
        settlementCurrency: "USD",
        settlementAmount: 2814,
        settlementFeeAmount: 140,
        exchangeRate: 1.08,
      });
      expect(await csvRow()).toMatchObject({
        Fee: "1.30",
        "Net after fees": "24.76",
        "Settled in": "USD",
        "Settled amount": "28.14",
        "Settled fees": "1.40",
        "Settled net": "26.74",
        "Exchange rate": 1.08,
      });
      expect((await getDashboardTotals(db())).overall.find((totals) => totals.currency === "EUR")!.feeNotRecordedCount).toBe(unknownBefore);
      expect(await verifyLedger(db())).toEqual([]);
      expect(await verifyFeesAgainstStripe(db(), h.stripe)).toEqual([]);
      // Idempotent: nothing is left to read about this gift, and a second run changes nothing.
      const ledgerBefore = await ledger("EUR");
      const second = await backfillStripeFees(db(), h.stripe);
      expect(second).toMatchObject({ payments: 0, refunds: 0, disputes: 0, failed: [] });
      expect(await ledger("EUR")).toEqual(ledgerBefore);
    });

    it("ledger:verify checks fees against the gift rows and against Stripe's balance transactions, and catches a tampered fee", async () => {
      const { session } = await paidOneOff({ amount: 4000 });
      await process(h, "checkout.session.completed", session.id);
      expect(await verifyLedger(db())).toEqual([]);
      expect(await verifyFeesAgainstStripe(db(), h.stripe)).toEqual([]);
      const gift = await giftOf(session.id);
      expect(gift.processingFeeAmount).toBe(146);

      // A fee changed on the gift alone: the gift no longer adds up, nor does the ledger.
      await db().update(donations).set({ feeAmount: 1 }).where(eq(donations.id, gift.id));
      expect((await verifyLedger(db())).map((difference) => difference.table)).toEqual(
        expect.arrayContaining(["donations (fee_amount vs payment, refund and dispute fees)", "ledger_campaign_totals"]),
      );

      // Changed consistently everywhere in the database (and the ledger rebuilt): only Stripe can tell.
      await db().update(donations).set({ processingFeeAmount: 1, feeAmount: 1 }).where(eq(donations.id, gift.id));
      await rebuildLedger(db());
      expect(await verifyLedger(db())).toEqual([]);
      expect(await verifyFeesAgainstStripe(db(), h.stripe)).toEqual([
        { table: "donations (processing_fee_amount vs Stripe)", key: `${gift.id} ${gift.stripeBalanceTransactionId}`, figure: "fee", ledger: 1, gifts: 146 },
      ]);

      await db().update(donations).set({ processingFeeAmount: 146, feeAmount: 146 }).where(eq(donations.id, gift.id));
      await rebuildLedger(db());
      expect(await verifyLedger(db())).toEqual([]);
      expect(await verifyFeesAgainstStripe(db(), h.stripe)).toEqual([]);

      // The settlement as Stripe reported it is checked too: amount and fee in the settlement currency.
      await db().update(donations).set({ settlementAmount: 3999, settlementFeeAmount: 145 }).where(eq(donations.id, gift.id));
      expect(await verifyFeesAgainstStripe(db(), h.stripe)).toEqual([
        {
          table: "donations (settlement vs Stripe)",
          key: `${gift.id} ${gift.stripeBalanceTransactionId}`,
          figure: "settled amount",
          ledger: 3999,
          gifts: 4000,
        },
        { table: "donations (settlement vs Stripe)", key: `${gift.id} ${gift.stripeBalanceTransactionId}`, figure: "settled fee", ledger: 145, gifts: 146 },
      ]);
      await db().update(donations).set({ settlementAmount: 4000, settlementFeeAmount: 146 }).where(eq(donations.id, gift.id));
      expect(await verifyFeesAgainstStripe(db(), h.stripe)).toEqual([]);
    });
  },
  { seed: true },
);
