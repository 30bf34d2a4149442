/**
 * One-off gifts by bank debit against the Stripe emulator: Checkout completes unpaid, the debit
 * settles days later on the test clock. A gift in flight counts nowhere; it counts once when it
 * succeeds (whatever the order and repetition of its events, the success even before the
 * completion) and never when it fails, which queues one kind email. The suite's ledger:verify runs
 * at the end (describeEachDatabase).
 */
import { and, eq } from "drizzle-orm";
import type Stripe from "stripe";
import { afterAll, beforeAll, expect, it } from "vitest";
import { campaigns, donations, giftsInFlight, recurringGifts, sentEmails } from "@/db/schema";
import type { GiftCampaign } from "@/lib/donations/gift-campaign";
import { giftsInFlightByCurrency } from "@/lib/donations/gifts-in-flight";
import { readLedgerTotals } from "@/lib/ledger/ledger-totals";
import { createDonationCheckout } from "@/lib/payments/create-checkout";
import { loadThankYou } from "@/lib/payments/thank-you";
import { findAdminGift } from "@/lib/reports/admin-gift";
import { giftsCsv } from "@/lib/reports/gifts-export";
import { processStripeEvent } from "@/lib/payments/webhooks/process-stripe-event";
import { startEmulator, submitForm, TEST_AUTH, type Harness } from "../support/stripe-emulator";
import { describeEachDatabase } from "../support/test-database";

const SUCCEEDS = "000123456789";
const FAILS = "000111111113";

describeEachDatabase(
  "bank debits",
  (db) => {
    let h: Harness;
    let campaign: GiftCampaign;
    let seenEvents = new Set<string>();
    let submission = 0;

    beforeAll(async () => {
      h = await startEmulator({ webhookUrl: null });
      const [row] = await db().select().from(campaigns).where(eq(campaigns.slug, "inside-north-korea-pandemic-era-controls"));
      campaign = { ...row!, status: "active" };
    });
    afterAll(async () => h.close());

    /** Every event emitted since the last call, newest first (the reverse of cause and effect). */
    async function newEventsReversed(): Promise<Stripe.Event[]> {
      const { data } = await h.stripe.events.list({ limit: 100 });
      const fresh = data.filter((event) => !seenEvents.has(event.id));
      seenEvents = new Set([...seenEvents, ...fresh.map((event) => event.id)]);
      return fresh;
    }

    async function deliverTwiceEach(events: Stripe.Event[]) {
      for (const event of events) {
        await Promise.all([processStripeEvent(db(), h.stripe, event), processStripeEvent(db(), h.stripe, event)]);
      }
    }

    async function advanceDays(days: number) {
      const { frozen_time: now } = (await (await fetch(`${h.origin}/stripe-emulator/test-helpers/clock`, { headers: TEST_AUTH })).json()) as {
        frozen_time: number;
      };
      const response = await fetch(`${h.origin}/stripe-emulator/test-helpers/clock/advance`, {
        method: "POST",
        headers: { ...TEST_AUTH, "Content-Type": "application/x-www-form-urlencoded" },
        body: `frozen_time=${now + days * 86_400}`,
      });
      expect(response.status).toBe(200);
    }

    /** A $25 gift (one-off unless monthly) paid on the hosted page with a US bank account. */
    async function giveByAch(account: string, email: string, frequency: "once" | "monthly" = "once"): Promise<string> {
      const { sessionId, url } = await createDonationCheckout(h.stripe, {
        campaign,
        donation: { frequency, giftAmount: 2500, feeCoveredAmount: 0, anonymous: false, dedication: null, submissionId: `bank-debit-${++submission}` },
        clientKey: "test",
        appUrl: "http://localhost:3000",
        organisationName: "Lantern",
      });
      const paid = await submitForm(url, {
        email,
        account_holder_name: "Ada",
        payment_method: "us_bank_account",
        routing_number: "110000000",
        account_number: account,
      });
      expect(paid.status).toBe(303);
      return sessionId;
    }

    async function campaignGross(): Promise<{ gross: number; gifts: number }> {
      const totals = (await readLedgerTotals(db())).campaigns.find((row) => row.campaignId === campaign.id && row.currency === "USD");
      return { gross: totals?.grossAmount ?? 0, gifts: totals?.giftCount ?? 0 };
    }

    const emailsTo = async (to: string) =>
      (
        await db()
          .select({ template: sentEmails.template, key: sentEmails.idempotencyKey, props: sentEmails.props })
          .from(sentEmails)
          .where(eq(sentEmails.toAddress, to))
      ).sort((a, b) => a.template.localeCompare(b.template));
    const inFlightRow = async (sessionId: string) => (await db().select().from(giftsInFlight).where(eq(giftsInFlight.stripeCheckoutSessionId, sessionId)))[0];
    const donationsFor = (sessionId: string) => db().select().from(donations).where(eq(donations.stripeCheckoutSessionId, sessionId));

    it("a gift in flight counts nowhere; when it succeeds it counts once, with the ACH fee, and the receipt goes", async () => {
      const before = await campaignGross();
      const inFlightBefore = (await giftsInFlightByCurrency(db())).find((row) => row.currency === "USD") ?? { count: 0, amount: 0 };
      const sessionId = await giveByAch(SUCCEEDS, "ach-ok@bank.test");
      await deliverTwiceEach(await newEventsReversed());

      expect(await donationsFor(sessionId)).toHaveLength(0);
      expect(await inFlightRow(sessionId)).toMatchObject({
        status: "processing",
        amount: 2500,
        currency: "USD",
        paymentMethod: "us_bank_account",
        settledAt: null,
      });
      expect(await campaignGross()).toEqual(before);
      expect((await giftsInFlightByCurrency(db())).find((row) => row.currency === "USD")).toEqual({
        currency: "USD",
        count: inFlightBefore.count + 1,
        amount: inFlightBefore.amount + 2500,
      });
      expect((await emailsTo("ach-ok@bank.test")).map((row) => row.template)).toEqual(["gift-on-its-way"]);
      expect((await loadThankYou(db(), h.stripe, sessionId))?.status).toBe("on-its-way");

      await advanceDays(7);
      await deliverTwiceEach(await newEventsReversed());
      const rows = await donationsFor(sessionId);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ amount: 2500, currency: "USD", kind: "one_off", method: "us_bank_account", processingFeeAmount: 20, feeAmount: 20 });
      expect(await inFlightRow(sessionId)).toMatchObject({ status: "succeeded" });
      expect(await campaignGross()).toEqual({ gross: before.gross + 2500, gifts: before.gifts + 1 });
      expect((await giftsInFlightByCurrency(db())).find((row) => row.currency === "USD")?.count ?? 0).toBe(inFlightBefore.count);
      // Stored as the bank debit it was: the admin's gift page (a Stripe gift, not an offline one), the CSV, the receipt.
      const adminGift = await findAdminGift(db(), rows[0]!.id);
      expect(adminGift).toMatchObject({ method: "us_bank_account", offline: null });
      const csv = await new Response(giftsCsv(db(), { campaignId: campaign.id })).text();
      const line = csv.split("\r\n").find((candidate) => candidate.includes(rows[0]!.id))!;
      expect(line).toContain(`,"US bank account (ACH, Stripe)",`);
      expect(line).not.toContain("Card (Stripe)");
      const sent = await emailsTo("ach-ok@bank.test");
      expect(sent.map((row) => row.template)).toEqual(["gift-on-its-way", "one-off-receipt"]);
      expect(sent[1]!.props).toMatchObject({ method: "US bank account (ACH Direct Debit)" });
      expect((await loadThankYou(db(), h.stripe, sessionId))?.status).toBe("confirmed");

      // A late redelivery of the completion changes nothing.
      const { data } = await h.stripe.events.list({ limit: 100, type: "checkout.session.completed" });
      const completed = data.find((event) => (event.data.object as Stripe.Checkout.Session).id === sessionId)!;
      await processStripeEvent(db(), h.stripe, { ...completed, id: `${completed.id}_again` });
      expect(await inFlightRow(sessionId)).toMatchObject({ status: "succeeded" });
      expect(await donationsFor(sessionId)).toHaveLength(1);
    });

    it("the success arriving before the completion counts once and never shows the gift in flight", async () => {
      const before = await campaignGross();
      const sessionId = await giveByAch(SUCCEEDS, "ach-early@bank.test");
      await advanceDays(7);
      const events = await newEventsReversed();
      const types = events.map((event) => event.type);
      expect(types.indexOf("checkout.session.async_payment_succeeded")).toBeLessThan(types.indexOf("checkout.session.completed"));
      await deliverTwiceEach(events);
      expect(await donationsFor(sessionId)).toHaveLength(1);
      expect(await inFlightRow(sessionId)).toMatchObject({ status: "succeeded" });
      expect(await campaignGross()).toEqual({ gross: before.gross + 2500, gifts: before.gifts + 1 });
      expect((await emailsTo("ach-early@bank.test")).map((row) => row.template)).toEqual(["one-off-receipt"]);
    });

    it("a failed debit never counts and queues one kind email with a way to try again", async () => {
      const before = await campaignGross();
      const sessionId = await giveByAch(FAILS, "ach-fails@bank.test");
      await deliverTwiceEach(await newEventsReversed());
      expect(await inFlightRow(sessionId)).toMatchObject({ status: "processing" });
      await advanceDays(7);
      const settled = await newEventsReversed();
      expect(settled.map((event) => event.type)).toContain("checkout.session.async_payment_failed");
      await deliverTwiceEach(settled);
      await deliverTwiceEach(settled);

      expect(await donationsFor(sessionId)).toHaveLength(0);
      expect(await inFlightRow(sessionId)).toMatchObject({ status: "failed" });
      expect(await campaignGross()).toEqual(before);
      const emails = await emailsTo("ach-fails@bank.test");
      expect(emails.map((row) => row.template)).toEqual(["bank-debit-failed", "gift-on-its-way"]);
      expect(emails[0]!.props).toMatchObject({ amount: "$25.00", tryAgainUrl: `http://localhost:3000/campaigns/${campaign.slug}` });
      expect((await loadThankYou(db(), h.stripe, sessionId))?.status).toBe("failed");
    });

    it("a failure arriving before the completion is final: never in flight, no 'on its way' email", async () => {
      const sessionId = await giveByAch(FAILS, "ach-fails-early@bank.test");
      await advanceDays(7);
      await deliverTwiceEach(await newEventsReversed());
      expect(await donationsFor(sessionId)).toHaveLength(0);
      expect(await inFlightRow(sessionId)).toMatchObject({ status: "failed" });
      expect((await emailsTo("ach-fails-early@bank.test")).map((row) => row.template)).toEqual(["bank-debit-failed"]);
      expect(
        await db()
          .select()
          .from(giftsInFlight)
          .where(and(eq(giftsInFlight.stripeCheckoutSessionId, sessionId), eq(giftsInFlight.status, "processing"))),
      ).toHaveLength(0);
    });

    const instalmentsOf = async (sessionId: string) => {
      const session = await h.stripe.checkout.sessions.retrieve(sessionId);
      const subscription = String(session.subscription);
      const invoices = (await h.stripe.invoices.list({ subscription, limit: 10 })).data.map((invoice) => invoice.id);
      const rows = await db().select().from(giftsInFlight);
      return {
        subscription,
        customer: String(session.customer),
        firstInvoice: String(session.invoice),
        inFlight: rows.filter((row) => row.stripeInvoiceId && invoices.includes(row.stripeInvoiceId)),
        gifts: (await db().select().from(donations)).filter((row) => row.stripeInvoiceId && invoices.includes(row.stripeInvoiceId)),
      };
    };

    it("a monthly gift by bank debit: each instalment is in flight until it settles, then counts once as a bank debit", async () => {
      const before = await campaignGross();
      const sessionId = await giveByAch(SUCCEEDS, "ach-monthly@bank.test", "monthly");
      await deliverTwiceEach(await newEventsReversed());
      let state = await instalmentsOf(sessionId);
      expect(state.gifts).toHaveLength(0);
      expect(state.inFlight).toMatchObject([{ stripeInvoiceId: state.firstInvoice, status: "processing", amount: 2500, paymentMethod: "us_bank_account" }]);
      expect(await campaignGross()).toEqual(before);
      expect((await loadThankYou(db(), h.stripe, sessionId))?.status).toBe("on-its-way");
      const onItsWay = await emailsTo("ach-monthly@bank.test");
      expect(onItsWay.map((row) => row.template)).toEqual(["gift-on-its-way"]);
      expect(onItsWay[0]!.props).toMatchObject({ monthly: true, amount: "$25.00" });

      await advanceDays(7);
      await deliverTwiceEach(await newEventsReversed());
      state = await instalmentsOf(sessionId);
      expect(state.gifts).toMatchObject([{ kind: "recurring", amount: 2500, method: "us_bank_account", processingFeeAmount: 20 }]);
      expect(state.inFlight).toMatchObject([{ status: "succeeded" }]);
      expect(await campaignGross()).toEqual({ gross: before.gross + 2500, gifts: before.gifts + 1 });
      expect((await loadThankYou(db(), h.stripe, sessionId))?.status).toBe("confirmed");

      // The renewal: in flight at the period's end (no email: its receipt follows), counted once it settles.
      await advanceDays(27);
      await deliverTwiceEach(await newEventsReversed());
      state = await instalmentsOf(sessionId);
      expect(state.inFlight.map((row) => row.status).sort()).toEqual(["processing", "succeeded"]);
      expect(state.gifts).toHaveLength(1);
      await advanceDays(7);
      await deliverTwiceEach(await newEventsReversed());
      state = await instalmentsOf(sessionId);
      expect(state.gifts).toHaveLength(2);
      expect(state.gifts.every((gift) => gift.method === "us_bank_account")).toBe(true);
      expect(state.inFlight.map((row) => row.status)).toEqual(["succeeded", "succeeded"]);
      expect(await campaignGross()).toEqual({ gross: before.gross + 5000, gifts: before.gifts + 2 });
      expect((await emailsTo("ach-monthly@bank.test")).map((row) => row.template)).toEqual(["gift-on-its-way", "monthly-receipt", "monthly-welcome-receipt"]);
    });

    it("a monthly gift whose first debit fails never counts, tells the donor kindly and the gift reads past due", async () => {
      const before = await campaignGross();
      const sessionId = await giveByAch(FAILS, "ach-monthly-fails@bank.test", "monthly");
      await deliverTwiceEach(await newEventsReversed());
      await advanceDays(7);
      const settled = await newEventsReversed();
      expect(settled.map((event) => event.type)).toContain("invoice.payment_failed");
      await deliverTwiceEach(settled);
      await deliverTwiceEach(settled);
      const state = await instalmentsOf(sessionId);
      expect(state.gifts).toHaveLength(0);
      expect(state.inFlight).toMatchObject([{ status: "failed" }]);
      expect(await campaignGross()).toEqual(before);
      const [recurring] = await db().select().from(recurringGifts).where(eq(recurringGifts.stripeSubscriptionId, state.subscription));
      expect(recurring?.status).toBe("past_due");
      const emails = await emailsTo("ach-monthly-fails@bank.test");
      expect(emails.map((row) => row.template)).toEqual(["gift-on-its-way", "monthly-payment-failed"]);
      expect(emails[1]!.props).toMatchObject({ amount: "$25.00", methodLabel: "US bank account" });
      expect((await loadThankYou(db(), h.stripe, sessionId))?.status).toBe("failed");
    });

    it("a renewal whose debit fails and is tried again: in flight, failed, in flight again, then counted once", async () => {
      const email = "ach-monthly-retry@bank.test";
      const sessionId = await giveByAch(SUCCEEDS, email, "monthly");
      await advanceDays(7);
      await deliverTwiceEach(await newEventsReversed());
      const { subscription } = await instalmentsOf(sessionId);
      const helper = async (path: string) => {
        const response = await fetch(`${h.origin}/stripe-emulator/test-helpers/subscriptions/${subscription}/${path}`, { method: "POST", headers: TEST_AUTH });
        expect(response.status).toBe(200);
      };
      const renewalStatus = async () => {
        const state = await instalmentsOf(sessionId);
        return state.inFlight.filter((row) => row.stripeInvoiceId !== state.firstInvoice).map((row) => row.status);
      };
      const recurringStatus = async () => (await db().select().from(recurringGifts).where(eq(recurringGifts.stripeSubscriptionId, subscription)))[0]?.status;

      await helper("fail-renewal");
      await deliverTwiceEach(await newEventsReversed());
      expect(await renewalStatus()).toEqual(["processing"]);
      await advanceDays(7);
      await deliverTwiceEach(await newEventsReversed());
      expect(await renewalStatus()).toEqual(["failed"]);
      expect(await recurringStatus()).toBe("past_due");
      expect((await emailsTo(email)).map((row) => row.template)).toContain("monthly-payment-failed");

      // Stripe tries the same invoice again (the renew helper on a past-due subscription): in flight again, then paid.
      await helper("renew");
      await deliverTwiceEach(await newEventsReversed());
      expect(await renewalStatus()).toEqual(["processing"]);
      await advanceDays(7);
      await deliverTwiceEach(await newEventsReversed());
      expect(await renewalStatus()).toEqual(["succeeded"]);
      expect(await recurringStatus()).toBe("active");
      // Counted once each: the first payment and the renewal (the other tests' monthly gifts renew on this clock too, so not the campaign's total).
      const gifts = (await instalmentsOf(sessionId)).gifts;
      expect(gifts.map((gift) => [gift.amount, gift.method])).toEqual([
        [2500, "us_bank_account"],
        [2500, "us_bank_account"],
      ]);
    });
  },
  { seed: true },
);
