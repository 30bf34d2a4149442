/**
 * Every pair of handled Stripe events about the same gift, in both orders, each delivered twice
 * at once: the final state must not depend on the order. For each scenario (real payments,
 * refunds, disputes, monthly giving and bank debits that settle or fail days later, at the
 * emulator, which records its events without sending them), the events are first delivered in the order they happened, then once for every pair
 * (i, j) with event j moved in front of event i, on a fresh copy of the scenario each time.
 * An event that fails (its gift not there yet) is delivered again, as Stripe retries it. The gift
 * rows, monthly gift, gifts in flight, emails queued (each exactly once) and ledger totals each run left behind
 * are compared with the in-order run's.
 */
import { eq } from "drizzle-orm";
import type Stripe from "stripe";
import { afterAll, beforeAll, expect, it } from "vitest";
import { campaigns, donations, donors, giftsInFlight, recurringGifts, sentEmails } from "@/db/schema";
import { readLedgerTotals } from "@/lib/ledger/ledger-totals";
import { encodeGiftMetadata } from "@/lib/payments/gift-metadata";
import { HANDLED_EVENT_TYPES } from "@/lib/payments/webhooks/handlers";
import { processStripeEvent } from "@/lib/payments/webhooks/process-stripe-event";
import { pay, startEmulator, submitForm, TEST_AUTH, type Harness } from "../support/stripe-emulator";
import { describeEachDatabase } from "../support/test-database";

const CAMPAIGN_SLUG = "foreign-media-in-north-korea";
const RETURN_URLS = { success_url: "http://localhost:3000/donate/thank-you?session_id={CHECKOUT_SESSION_ID}", cancel_url: "http://localhost:3000/donate" };
const HANDLED = new Set<string>(HANDLED_EVENT_TYPES);

describeEachDatabase(
  "Stripe events in every pairwise order, each twice",
  (db) => {
    let campaignId = "";
    let h: Harness;
    let run = 0;
    const covered = new Set<string>();

    beforeAll(async () => {
      const [campaign] = await db().select().from(campaigns).where(eq(campaigns.slug, CAMPAIGN_SLUG));
      campaignId = campaign!.id;
      h = await startEmulator({ webhookUrl: null });
    });
    afterAll(() => h.close());

    const helper = async (path: string, body = "") => {
      const response = await fetch(`${h.origin}/stripe-emulator/test-helpers/${path}`, {
        method: "POST",
        headers: { ...TEST_AUTH, "Content-Type": "application/x-www-form-urlencoded" },
        body,
      });
      expect(response.status, await response.clone().text()).toBe(200);
      return (await response.json()) as { id: string };
    };

    const metadata = (frequency: "once" | "monthly") =>
      encodeGiftMetadata({ campaignId, frequency, giftAmount: 4000, feeCoveredAmount: 0, anonymous: false, dedication: null });

    async function paidOneOff(email: string, card = "4242 4242 4242 4242") {
      const session = await h.stripe.checkout.sessions.create({
        mode: "payment",
        submit_type: "donate",
        customer_creation: "always",
        customer_email: email,
        metadata: metadata("once"),
        payment_intent_data: { metadata: metadata("once") },
        line_items: [{ quantity: 1, price_data: { currency: "usd", unit_amount: 4000, product_data: { name: "Gift" } } }],
        ...RETURN_URLS,
      });
      expect((await pay(session, card, email, "Pair Order")).status).toBe(303);
      const paid = await h.stripe.checkout.sessions.retrieve(session.id, { expand: ["payment_intent"] });
      return String((paid.payment_intent as Stripe.PaymentIntent).latest_charge);
    }

    async function startedMonthly(email: string) {
      const session = await h.stripe.checkout.sessions.create({
        mode: "subscription",
        customer_email: email,
        metadata: metadata("monthly"),
        subscription_data: { metadata: metadata("monthly") },
        line_items: [
          { quantity: 1, price_data: { currency: "usd", unit_amount: 4000, recurring: { interval: "month" }, product_data: { name: "Monthly gift" } } },
        ],
        ...RETURN_URLS,
      });
      expect((await pay(session, "4242 4242 4242 4242", email, "Pair Order")).status).toBe(303);
      return String((await h.stripe.checkout.sessions.retrieve(session.id)).subscription);
    }

    /** Pays a session on the hosted page with Stripe's test US bank account that succeeds, or the one that fails. */
    async function payByAch(session: Stripe.Checkout.Session, email: string, fails = false) {
      const paid = await submitForm(session.url!, {
        email,
        account_holder_name: "Pair Order",
        payment_method: "us_bank_account",
        routing_number: "110000000",
        account_number: fails ? "000111111113" : "000123456789",
      });
      expect(paid.status).toBe(303);
      return h.stripe.checkout.sessions.retrieve(session.id);
    }

    /** Moves this donor's own test clock on a week: their bank debits settle (nobody else's). */
    async function settleDebits(customer: string) {
      const clocks = h.emulator.state.customerClocks;
      const { frozen_time: now } = (await (await fetch(`${h.origin}/stripe-emulator/test-helpers/clock`, { headers: TEST_AUTH })).json()) as {
        frozen_time: number;
      };
      await helper("clock/advance", new URLSearchParams({ customer, frozen_time: String(Math.max(clocks[customer] ?? 0, now) + 7 * 86_400) }).toString());
    }

    async function oneOffByAch(email: string, fails: boolean) {
      const session = await h.stripe.checkout.sessions.create({
        mode: "payment",
        submit_type: "donate",
        customer_creation: "always",
        customer_email: email,
        metadata: metadata("once"),
        payment_intent_data: { metadata: metadata("once") },
        line_items: [{ quantity: 1, price_data: { currency: "usd", unit_amount: 4000, product_data: { name: "Gift" } } }],
        ...RETURN_URLS,
      });
      const paid = await payByAch(session, email, fails);
      await settleDebits(String(paid.customer));
    }

    async function monthlyByAch(email: string, fails: boolean) {
      const session = await h.stripe.checkout.sessions.create({
        mode: "subscription",
        customer_email: email,
        metadata: metadata("monthly"),
        subscription_data: { metadata: metadata("monthly") },
        line_items: [
          { quantity: 1, price_data: { currency: "usd", unit_amount: 4000, recurring: { interval: "month" }, product_data: { name: "Monthly gift" } } },
        ],
        ...RETURN_URLS,
      });
      const paid = await payByAch(session, email, fails);
      await settleDebits(String(paid.customer));
      return { subscription: String(paid.subscription), customer: String(paid.customer) };
    }

    /** What a scenario does at Stripe, for one new donor. */
    type Scenario = (email: string) => Promise<void>;

    const scenarios: Record<string, Scenario> = {
      "one-off gift refunded in part, then disputed and lost": async (email) => {
        const charge = await paidOneOff(email);
        await h.stripe.refunds.create({ charge, amount: 1000 });
        const dispute = await helper(`charges/${charge}/dispute`, "reason=fraudulent");
        await helper(`disputes/${dispute.id}/submit-evidence`);
        await helper(`disputes/${dispute.id}/close`, "status=lost");
      },
      "one-off gift whose refund fails": async (email) => {
        const charge = await paidOneOff(email);
        const refund = await h.stripe.refunds.create({ charge, amount: 1500 });
        await helper(`refunds/${refund.id}/fail`, "failure_reason=expired_or_canceled_card");
      },
      "monthly gift renewed, set to end, then ended": async (email) => {
        const subscription = await startedMonthly(email);
        await helper(`subscriptions/${subscription}/renew`);
        await h.stripe.subscriptions.update(subscription, { cancel_at_period_end: true });
        await h.stripe.subscriptions.cancel(subscription);
      },
      "monthly gift whose renewal fails": async (email) => {
        const subscription = await startedMonthly(email);
        await helper(`subscriptions/${subscription}/fail-renewal`);
      },
      "one-off gift by bank debit that settles": async (email) => {
        await oneOffByAch(email, false);
      },
      "one-off gift by bank debit that fails": async (email) => {
        await oneOffByAch(email, true);
      },
      "monthly gift by bank debit, its first debit and a renewal's settled": async (email) => {
        const { subscription, customer } = await monthlyByAch(email, false);
        await helper(`subscriptions/${subscription}/renew`);
        await settleDebits(customer);
      },
      "monthly gift by bank debit whose first debit fails": async (email) => {
        await monthlyByAch(email, true);
      },
      "monthly gift by bank debit whose renewal's debit fails": async (email) => {
        const { subscription, customer } = await monthlyByAch(email, false);
        await helper(`subscriptions/${subscription}/fail-renewal`);
        await settleDebits(customer);
      },
    };

    /** Delivers each event twice at once, in this order; failed ones again (Stripe's retries) until none fail. */
    async function deliver(events: Stripe.Event[]): Promise<void> {
      let waiting = events;
      for (let round = 0; waiting.length > 0; round += 1) {
        if (round === 8) throw new Error(`still failing after ${round} rounds: ${waiting.map((event) => event.type).join(", ")}`);
        const failed: Stripe.Event[] = [];
        for (const event of waiting) {
          const results = await Promise.allSettled([processStripeEvent(db(), h.stripe, event), processStripeEvent(db(), h.stripe, event)]);
          if (results.some((result) => result.status === "rejected")) failed.push(event);
        }
        waiting = failed;
      }
    }

    type Snapshot = { ledger: Awaited<ReturnType<typeof readLedgerTotals>>; emailIds: Set<string> };
    const snapshot = async (): Promise<Snapshot> => ({
      ledger: await readLedgerTotals(db()),
      emailIds: new Set((await db().select({ id: sentEmails.id }).from(sentEmails)).map((row) => row.id)),
    });

    /** The state one run left: the donor's gifts and monthly gift, the emails it queued, and how the ledger moved. */
    async function stateOf(email: string, before: Snapshot) {
      const [donor] = await db().select().from(donors).where(eq(donors.email, email));
      const gifts = donor ? await db().select().from(donations).where(eq(donations.donorId, donor.id)) : [];
      const monthly = donor ? await db().select().from(recurringGifts).where(eq(recurringGifts.donorId, donor.id)) : [];
      const inFlight = await db().select().from(giftsInFlight).where(eq(giftsInFlight.email, email));
      const emails = await db().select({ id: sentEmails.id, key: sentEmails.idempotencyKey, template: sentEmails.template }).from(sentEmails);
      const ofRun = emails.filter((row) => !before.emailIds.has(row.id));
      const ledger = await readLedgerTotals(db());
      const figures = (totals: typeof ledger) =>
        totals.campaigns.find((row) => row.campaignId === campaignId && row.currency === "USD") as Record<string, unknown> | undefined;
      const [was, is] = [figures(before.ledger), figures(ledger)];
      const moved = Object.fromEntries(
        Object.entries(is ?? {})
          .filter(([, value]) => typeof value === "number")
          .map(([key, value]) => [key, (value as number) - ((was?.[key] as number | undefined) ?? 0)]),
      );
      return {
        gifts: gifts
          .map((gift) => ({
            kind: gift.kind,
            method: gift.method,
            amount: gift.amount,
            refunded: gift.refundedAmount,
            dispute: gift.disputeStatus,
            currency: gift.currency,
          }))
          .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
        monthly: monthly.map((gift) => ({
          status: gift.status,
          amount: gift.amount,
          ending: gift.cancelAtPeriodEnd || gift.cancelAt !== null,
          ended: gift.endedAt !== null,
        })),
        inFlight: inFlight
          .map((row) => ({ status: row.status, amount: row.amount, method: row.paymentMethod, instalment: row.stripeInvoiceId !== null }))
          .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
        emails: ofRun.map((row) => row.template).sort(),
        emailKeysOnce: new Set(ofRun.map((row) => row.key)).size === ofRun.length,
        ledger: moved,
      };
    }

    /** Runs the scenario for a new donor, delivers its handled events in the order `arrange` gives, and returns the state. */
    async function runScenario(scenario: Scenario, arrange: (events: Stripe.Event[]) => Stripe.Event[]) {
      const email = `pair-order-${++run}-${Date.now()}@example.org`;
      const first = h.emulator.state.events.length;
      await scenario(email);
      const events = h.emulator.state.events
        .slice(first)
        .filter((event) => HANDLED.has(event.type))
        .map((event) => structuredClone(event) as unknown as Stripe.Event);
      for (const event of events) covered.add(event.type);
      const before = await snapshot();
      const ordered = arrange(events);
      await deliver(ordered);
      return { events, order: ordered.map((event) => event.type), state: await stateOf(email, before) };
    }

    for (const [name, scenario] of Object.entries(scenarios)) {
      it(`${name}: the same result whatever the order of any two events`, async () => {
        const baseline = await runScenario(scenario, (events) => events);
        expect(baseline.state.emailKeysOnce).toBe(true);
        expect(baseline.state.gifts.length + baseline.state.inFlight.length).toBeGreaterThan(0);
        const n = baseline.events.length;
        expect(n).toBeGreaterThanOrEqual(3);
        for (let i = 0; i < n; i += 1) {
          for (let j = i + 1; j < n; j += 1) {
            const swapped = await runScenario(scenario, (events) => {
              expect(events.map((event) => event.type)).toEqual(baseline.events.map((event) => event.type));
              const order = [...events];
              const [moved] = order.splice(j, 1);
              order.splice(i, 0, moved!);
              return order;
            });
            expect(swapped.state, `${swapped.order.join(" → ")}`).toEqual(baseline.state);
          }
        }
      }, 600_000);
    }

    it("covers every handled event type the emulator can send", () => {
      const uncovered = HANDLED_EVENT_TYPES.filter((type) => !covered.has(type));
      expect(uncovered).toEqual([]);
    });
  },
  { seed: true },
);
