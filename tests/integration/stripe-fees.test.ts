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

    it("charges 1.5% more for an international card and 1% more for a currency Stripe converts", async () => {
      const gb = await paidOneOff({ amount: 10_000, card: GB_CARD });
      expect(gb.transaction.fee).toBe(440 + 30); // 2.9% + 1.5% + 30¢
      const eur = await paidOneOff({ amount: 10_000, currency: "eur" });
      expect(eur.transaction).toMatchObject({ currency: "eur", fee: 390 + 30, net: 10_000 - 420 }); // 2.9% + 1% + €0.30

      const before = await ledger("EUR");
      await process(h, "checkout.session.completed", eur.session.id);
      expect(await giftOf(eur.session.id)).toMatchObject({ currency: "EUR", processingFeeAmount: 420, feeAmount: 420 });
      const after = await ledger("EUR");
      expect({ gross: after.gross - before.gross, fees: after.fees - before.fees, netAfterFees: after.netAfterFees - before.netAfterFees }).toEqual({
        gross: 10_000,
        fees: 420,
        netAfterFees: 9_580,
      });
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
    });
  },
  { seed: true },
);
