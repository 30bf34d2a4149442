/**
 * The webhook handlers against the bundled Stripe emulator: real checkouts paid on its hosted
 * page, real refunds, renewals, failed payments and disputes, and the events it emitted for them
 * fed to the webhook processing in the orders and repetitions Stripe may use. (The emulator
 * records events without sending them here: `webhookUrl: null`.)
 */
import { randomBytes } from "node:crypto";
import { count, eq, type SQL } from "drizzle-orm";
import type Stripe from "stripe";
import { afterAll, afterEach, beforeAll, expect, it, vi } from "vitest";
import { campaigns, donations, donors, processedStripeEvents, recurringGifts, sentEmails } from "@/db/schema";
import * as outbox from "@/lib/email/outbox";
import { upsertRecurringGift } from "@/lib/donations/recurring-gifts";
import { encodeGiftMetadata, type GiftMetadata } from "@/lib/payments/gift-metadata";
import { processStripeEvent } from "@/lib/payments/webhooks/process-stripe-event";
import { pay, startEmulator, TEST_AUTH, type Harness } from "../support/stripe-emulator";
import { describeEachDatabase } from "../support/test-database";

const CAMPAIGN_SLUG = "foreign-media-in-north-korea";
const RETURN_URLS = { success_url: "http://localhost:3000/donate/thank-you?session_id={CHECKOUT_SESSION_ID}", cancel_url: "http://localhost:3000/donate" };

describeEachDatabase(
  "Stripe webhook handlers",
  (db) => {
    let campaignId = "";
    let h: Harness;
    let emailCounter = 0;
    const freshEmail = () => `donor${++emailCounter}-${Date.now()}@example.org`;

    beforeAll(async () => {
      const [campaign] = await db().select().from(campaigns).where(eq(campaigns.slug, CAMPAIGN_SLUG));
      campaignId = campaign!.id;
      h = await startEmulator({ webhookUrl: null });
    });
    afterAll(() => h.close());
    afterEach(() => {
      vi.restoreAllMocks();
      h.emulator.clearFaults();
    });

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
    const process = (event: Stripe.Event) => processStripeEvent(db(), h.stripe, event);
    const donationsFor = (where: SQL) => db().select().from(donations).where(where);
    const processedCount = async (eventId: string) =>
      (await db().select({ n: count() }).from(processedStripeEvents).where(eq(processedStripeEvents.eventId, eventId)))[0]!.n;

    /** The latest event of this type the emulator emitted about this object. */
    function eventOf(type: Stripe.Event.Type, objectId: string): Stripe.Event {
      const event = h.emulator.state.events.findLast((candidate) => candidate.type === type && (candidate.data.object as { id?: string }).id === objectId);
      if (!event) throw new Error(`the emulator emitted no ${type} for ${objectId}`);
      return structuredClone(event) as unknown as Stripe.Event;
    }

    /**
     * An event Stripe sends that card checkout never produces (delayed payment methods) or an old
     * payload: a real emulator event's envelope around the given object.
     */
    function eventLike<T extends { id: string }>(type: Stripe.Event.Type, object: T): Stripe.Event {
      const envelope = h.emulator.state.events.at(-1)!;
      return {
        ...structuredClone(envelope),
        id: `evt_${randomBytes(12).toString("hex")}`,
        type,
        data: { object: structuredClone(object) },
      } as unknown as Stripe.Event;
    }

    /** A one-off checkout session shaped like Lantern's, not yet paid. */
    function openOneOff(input: { metadata: Record<string, string>; amount: number; email: string }) {
      return h.stripe.checkout.sessions.create({
        mode: "payment",
        submit_type: "donate",
        customer_creation: "always",
        customer_email: input.email,
        metadata: input.metadata,
        payment_intent_data: { metadata: input.metadata },
        line_items: [{ quantity: 1, price_data: { currency: "usd", unit_amount: input.amount, product_data: { name: "Gift" } } }],
        ...RETURN_URLS,
      });
    }

    /** A one-off checkout paid by card on the emulator's hosted page, as Stripe then holds it. */
    async function paidOneOff(input: { metadata: Record<string, string>; amount: number; email: string; name?: string }) {
      const session = await openOneOff(input);
      expect((await pay(session, "4242 4242 4242 4242", input.email, input.name ?? "")).status).toBe(303);
      return h.stripe.checkout.sessions.retrieve(session.id);
    }

    async function chargeOf(session: Stripe.Checkout.Session): Promise<Stripe.Charge> {
      const intent = await h.stripe.paymentIntents.retrieve(String(session.payment_intent));
      return h.stripe.charges.retrieve(String(intent.latest_charge));
    }

    /** Monthly giving after its first payment: subscription, paid first invoice, completed session. */
    async function startedMonthly(input: { metadata: Record<string, string>; amount: number; email: string; name?: string }) {
      const session = await h.stripe.checkout.sessions.create({
        mode: "subscription",
        customer_email: input.email,
        metadata: input.metadata,
        subscription_data: { metadata: input.metadata },
        line_items: [
          { quantity: 1, price_data: { currency: "usd", unit_amount: input.amount, recurring: { interval: "month" }, product_data: { name: "Monthly gift" } } },
        ],
        ...RETURN_URLS,
      });
      expect((await pay(session, "4242 4242 4242 4242", input.email, input.name ?? "")).status).toBe(303);
      const paid = await h.stripe.checkout.sessions.retrieve(session.id);
      const subscription = await h.stripe.subscriptions.retrieve(String(paid.subscription));
      const invoice = await h.stripe.invoices.retrieve(String(paid.invoice));
      return { session: paid, subscription, invoice };
    }

    async function testHelper<T>(path: string, fields: Record<string, string> = {}): Promise<T> {
      const response = await fetch(`${h.origin}/stripe-emulator/test-helpers/${path}`, {
        method: "POST",
        headers: TEST_AUTH,
        body: new URLSearchParams(fields),
      });
      expect(response.status).toBe(200);
      return (await response.json()) as T;
    }

    it("records a paid one-off checkout once, with its donor, fee cover, dedication and receipt", async () => {
      const email = freshEmail();
      const session = await paidOneOff({ metadata: gift(), amount: 2606, email: email.toUpperCase(), name: "Min-ji" });
      const event = eventOf("checkout.session.completed", session.id);
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
      const [receipt] = await db()
        .select()
        .from(sentEmails)
        .where(eq(sentEmails.idempotencyKey, `receipt:${session.id}`));
      expect(receipt).toMatchObject({ template: "one-off-receipt", toAddress: email, status: "pending" });
      expect(receipt!.props).toMatchObject({ amount: "$26.06", feeCovered: "$1.06", dedication: "In memory of Grandma Kim" });
      expect(await processedCount(event.id)).toBe(1);
    });

    it("answers a redelivered event as a duplicate and changes nothing", async () => {
      const session = await paidOneOff({ metadata: gift(), amount: 2606, email: freshEmail() });
      const event = eventOf("checkout.session.completed", session.id);
      expect((await process(event)).status).toBe("processed");
      expect(await process(event)).toEqual({ status: "duplicate", campaignIds: [], emailKeys: [] });
      expect(await donationsFor(eq(donations.stripeCheckoutSessionId, session.id))).toHaveLength(1);
      expect(await processedCount(event.id)).toBe(1);
    });

    it("records one gift when the same event is delivered 20 times at once", async () => {
      const session = await paidOneOff({ metadata: gift(), amount: 2606, email: freshEmail() });
      const event = eventOf("checkout.session.completed", session.id);
      const outcomes = await Promise.all(Array.from({ length: 20 }, () => process(event)));
      expect(outcomes.filter((o) => o.status === "processed")).toHaveLength(1);
      expect(outcomes.filter((o) => o.status === "duplicate")).toHaveLength(19);
      expect(await donationsFor(eq(donations.stripeCheckoutSessionId, session.id))).toHaveLength(1);
      expect(
        await db()
          .select()
          .from(sentEmails)
          .where(eq(sentEmails.idempotencyKey, `receipt:${session.id}`)),
      ).toHaveLength(1);
      expect(await processedCount(event.id)).toBe(1);
    });

    it("records one gift when completed and async_payment_succeeded both report the same paid session", async () => {
      const session = await paidOneOff({ metadata: gift(), amount: 2606, email: freshEmail() });
      const outcomes = await Promise.all([
        process(eventOf("checkout.session.completed", session.id)),
        process(eventLike("checkout.session.async_payment_succeeded", session)),
      ]);
      expect(outcomes.map((o) => o.status).sort()).toEqual(["processed", "processed"]);
      expect(outcomes.flatMap((o) => o.emailKeys)).toEqual([`receipt:${session.id}`]);
      expect(await donationsFor(eq(donations.stripeCheckoutSessionId, session.id))).toHaveLength(1);
    });

    it("waits for a delayed payment: nothing while unpaid, the gift once it succeeds", async () => {
      const email = freshEmail();
      const open = await openOneOff({ metadata: gift(), amount: 2606, email });
      expect(open.payment_status).toBe("unpaid");
      expect((await process(eventLike("checkout.session.completed", open))).status).toBe("processed");
      expect(await donationsFor(eq(donations.stripeCheckoutSessionId, open.id))).toHaveLength(0);

      await pay(open, "4242 4242 4242 4242", email);
      const paid = await h.stripe.checkout.sessions.retrieve(open.id);
      expect((await process(eventLike("checkout.session.async_payment_succeeded", paid))).emailKeys).toEqual([`receipt:${open.id}`]);
      expect(await donationsFor(eq(donations.stripeCheckoutSessionId, open.id))).toHaveLength(1);
    });

    it("trusts Stripe's current state over an old payload", async () => {
      const session = await paidOneOff({ metadata: gift(), amount: 2606, email: freshEmail() });
      const stalePayload = eventLike("checkout.session.completed", { ...session, payment_status: "unpaid" as const });
      expect((await process(stalePayload)).status).toBe("processed");
      expect(await donationsFor(eq(donations.stripeCheckoutSessionId, session.id))).toHaveLength(1);
    });

    it("records nothing for a failed delayed payment", async () => {
      const open = await openOneOff({ metadata: gift(), amount: 2606, email: freshEmail() });
      const event = eventLike("checkout.session.async_payment_failed", open);
      expect((await process(event)).status).toBe("processed");
      expect(await donationsFor(eq(donations.stripeCheckoutSessionId, open.id))).toHaveLength(0);
    });

    it("rolls back a handler that fails half-way, then records the gift once when Stripe redelivers", async () => {
      const session = await paidOneOff({ metadata: gift(), amount: 2606, email: freshEmail() });
      const event = eventOf("checkout.session.completed", session.id);
      vi.spyOn(outbox, "queueEmail").mockRejectedValueOnce(new Error("disk full half-way"));
      await expect(process(event)).rejects.toThrow("disk full half-way");
      expect(await donationsFor(eq(donations.stripeCheckoutSessionId, session.id))).toHaveLength(0);
      expect(await processedCount(event.id)).toBe(0);

      expect((await process(event)).status).toBe("processed");
      expect(await donationsFor(eq(donations.stripeCheckoutSessionId, session.id))).toHaveLength(1);
      expect(
        await db()
          .select()
          .from(sentEmails)
          .where(eq(sentEmails.idempotencyKey, `receipt:${session.id}`)),
      ).toHaveLength(1);
    });

    it("fails (so Stripe retries) when Stripe cannot be read, writing nothing", async () => {
      const session = await paidOneOff({ metadata: gift(), amount: 2606, email: freshEmail() });
      const event = eventOf("checkout.session.completed", session.id);
      // The first try and the SDK's two retries all fail.
      h.emulator.failNextRequests({ count: 3, path: "/v1/checkout/sessions" });
      await expect(process(event)).rejects.toThrow(/fault injected/);
      expect(await processedCount(event.id)).toBe(0);
      expect(await donationsFor(eq(donations.stripeCheckoutSessionId, session.id))).toHaveLength(0);
      expect((await process(event)).status).toBe("processed");
    });

    it("rides out a single failed read of Stripe (the SDK retries it)", async () => {
      const session = await paidOneOff({ metadata: gift(), amount: 2606, email: freshEmail() });
      h.emulator.failNextRequests({ count: 1 });
      expect((await process(eventOf("checkout.session.completed", session.id))).status).toBe("processed");
      expect(await donationsFor(eq(donations.stripeCheckoutSessionId, session.id))).toHaveLength(1);
    });

    it("keeps one donor per email across Stripe customers", async () => {
      const email = freshEmail();
      const customers = new Set<string>();
      for (const amount of [1000, 2000]) {
        const session = await paidOneOff({ metadata: gift({ feeCoveredAmount: 0, giftAmount: amount, dedication: null }), amount, email });
        customers.add(String(session.customer));
        await process(eventOf("checkout.session.completed", session.id));
      }
      expect(customers.size).toBe(2); // Stripe never reuses a customer by email
      const rows = await db().select().from(donors).where(eq(donors.email, email));
      expect(rows).toHaveLength(1);
      expect(await db().select().from(donations).where(eq(donations.donorId, rows[0]!.id))).toHaveLength(2);
    });

    it("ignores checkouts that are not Lantern's, and event types it does not handle", async () => {
      const foreign = await paidOneOff({ metadata: { order: "t-shirt-42" }, amount: 2000, email: freshEmail() });
      const event = eventOf("checkout.session.completed", foreign.id);
      expect((await process(event)).status).toBe("processed");
      expect(await donationsFor(eq(donations.stripeCheckoutSessionId, foreign.id))).toHaveLength(0);

      const unhandled = eventOf("customer.created", String(foreign.customer));
      expect(await process(unhandled)).toEqual({ status: "ignored", campaignIds: [], emailKeys: [] });
      expect(await processedCount(unhandled.id)).toBe(0);
    });

    it("records a gift for a campaign that no longer exists in the general fund", async () => {
      const session = await paidOneOff({ metadata: gift({ campaignId: "00000000-0000-4000-8000-000000000000" }), amount: 2606, email: freshEmail() });
      await process(eventOf("checkout.session.completed", session.id));
      const [row] = await donationsFor(eq(donations.stripeCheckoutSessionId, session.id));
      const [fund] = await db().select().from(campaigns).where(eq(campaigns.id, row!.campaignId));
      expect(fund?.kind).toBe("general_fund");
    });

    it("records monthly giving from invoice.paid even when it arrives before the checkout and subscription events", async () => {
      const email = freshEmail();
      const metadata = gift({ frequency: "monthly", giftAmount: 1000, feeCoveredAmount: 0, dedication: null, anonymous: true });
      const { subscription, invoice, session } = await startedMonthly({ metadata, amount: 1000, email, name: "Joon" });

      const first = await process(eventOf("invoice.paid", invoice.id));
      expect(first).toEqual({ status: "processed", campaignIds: [campaignId], emailKeys: [`receipt:${invoice.id}`] });
      await process(eventOf("checkout.session.completed", session.id));
      await process(eventOf("customer.subscription.created", subscription.id));

      const [recurring] = await db().select().from(recurringGifts).where(eq(recurringGifts.stripeSubscriptionId, subscription.id));
      expect(recurring).toMatchObject({ campaignId, amount: 1000, currency: "USD", status: "active", anonymous: true });
      const gifts = await db().select().from(donations).where(eq(donations.recurringGiftId, recurring!.id));
      expect(gifts).toHaveLength(1);
      expect(gifts[0]).toMatchObject({ kind: "recurring", amount: 1000, stripeInvoiceId: invoice.id, anonymous: true });
      const [welcome] = await db()
        .select()
        .from(sentEmails)
        .where(eq(sentEmails.idempotencyKey, `receipt:${invoice.id}`));
      expect(welcome).toMatchObject({ template: "monthly-welcome-receipt", toAddress: email });
      expect(String(welcome!.props.manageUrl)).toMatch(/\/donate\/manage\?token=cus_/);
      expect(await db().select().from(donors).where(eq(donors.email, email))).toHaveLength(1);

      // A month later Stripe charges again: a second gift and a plain monthly receipt.
      const renewal = await testHelper<{ invoice: Stripe.Invoice }>(`subscriptions/${subscription.id}/renew`);
      expect((await process(eventOf("invoice.paid", renewal.invoice.id))).emailKeys).toEqual([`receipt:${renewal.invoice.id}`]);
      expect(await db().select().from(donations).where(eq(donations.recurringGiftId, recurring!.id))).toHaveLength(2);
      const [later] = await db()
        .select()
        .from(sentEmails)
        .where(eq(sentEmails.idempotencyKey, `receipt:${renewal.invoice.id}`));
      expect(later?.template).toBe("monthly-receipt");
    });

    it("records a monthly payment once when its invoice.paid is delivered 20 times at once", async () => {
      const metadata = gift({ frequency: "monthly", giftAmount: 1000, feeCoveredAmount: 0, dedication: null });
      const { invoice, subscription } = await startedMonthly({ metadata, amount: 1000, email: freshEmail() });
      const event = eventOf("invoice.paid", invoice.id);
      const outcomes = await Promise.all(Array.from({ length: 20 }, () => process(event)));
      expect(outcomes.filter((o) => o.status === "processed")).toHaveLength(1);
      expect(await db().select().from(donations).where(eq(donations.stripeInvoiceId, invoice.id))).toHaveLength(1);
      expect(await db().select().from(recurringGifts).where(eq(recurringGifts.stripeSubscriptionId, subscription.id))).toHaveLength(1);
    });

    it("keeps the recurring gift's status and amount current, cancellation included", async () => {
      const metadata = gift({ frequency: "monthly", giftAmount: 1000, feeCoveredAmount: 59, dedication: null });
      const { subscription } = await startedMonthly({ metadata, amount: 1059, email: freshEmail() });
      await process(eventOf("customer.subscription.created", subscription.id));
      let [row] = await db().select().from(recurringGifts).where(eq(recurringGifts.stripeSubscriptionId, subscription.id));
      expect(row).toMatchObject({ status: "active", amount: 1059, feeCoveredAmount: 59 });

      // The donor raises the amount on their giving page: the old fee split no longer applies.
      const item = subscription.items.data[0]!;
      await h.stripe.subscriptions.update(subscription.id, {
        items: [{ id: item.id, price_data: { currency: "usd", product: String(item.price.product), unit_amount: 2000, recurring: { interval: "month" } } }],
        proration_behavior: "none",
      });
      const oldUpdate = eventOf("customer.subscription.updated", subscription.id);
      await process(oldUpdate);
      [row] = await db().select().from(recurringGifts).where(eq(recurringGifts.stripeSubscriptionId, subscription.id));
      expect(row).toMatchObject({ amount: 2000, feeCoveredAmount: 0 });

      // An old "updated" payload delivered again after the cancellation still leaves it canceled.
      await h.stripe.subscriptions.cancel(subscription.id);
      await process(eventOf("customer.subscription.deleted", subscription.id));
      await process(eventLike("customer.subscription.updated", oldUpdate.data.object as Stripe.Subscription));
      [row] = await db().select().from(recurringGifts).where(eq(recurringGifts.stripeSubscriptionId, subscription.id));
      expect(row?.status).toBe("canceled");
      expect(row?.canceledAt).toBeInstanceOf(Date);
    });

    it("reads each event's object from Stripe in one request, related objects expanded into it", async () => {
      /** The Stripe API requests (method and path) one event's handling made. */
      const readsFor = async (event: Stripe.Event) => {
        const reads: string[] = [];
        const listener = (request: Stripe.RequestEvent) =>
          reads.push(`${request.method} ${request.path.split("?")[0]!.replace(/\/(cs|sub|in|cus|ch)_[A-Za-z0-9_]+/, "/$1_…")}`);
        h.stripe.on("request", listener);
        try {
          await process(event);
        } finally {
          h.stripe.off("request", listener);
        }
        return reads;
      };
      const metadata = gift({ frequency: "monthly", giftAmount: 1000, feeCoveredAmount: 0, dedication: null });
      const { session, subscription, invoice } = await startedMonthly({ metadata, amount: 1000, email: freshEmail() });
      expect(await readsFor(eventOf("invoice.paid", invoice.id))).toEqual(["GET /v1/invoices/in_…"]);
      expect(await readsFor(eventOf("checkout.session.completed", session.id))).toEqual(["GET /v1/checkout/sessions/cs_…"]);
      expect(await readsFor(eventOf("customer.subscription.created", subscription.id))).toEqual(["GET /v1/subscriptions/sub_…"]);
      const [recurring] = await db().select().from(recurringGifts).where(eq(recurringGifts.stripeSubscriptionId, subscription.id));
      expect(recurring).toMatchObject({ status: "active", amount: 1000 });

      const oneOff = await paidOneOff({ metadata: gift(), amount: 2606, email: freshEmail() });
      await process(eventOf("checkout.session.completed", oneOff.id));
      const charge = await chargeOf(oneOff);
      await h.stripe.refunds.create({ charge: charge.id, amount: 100 });
      expect(await readsFor(eventOf("charge.refunded", charge.id))).toEqual(["GET /v1/charges/ch_…"]);
      // Stripe expands a charge's first 10 refunds: with more, the whole list is read as well.
      for (let n = 0; n < 10; n++) await h.stripe.refunds.create({ charge: charge.id, amount: 100 });
      expect(await readsFor(eventOf("charge.refunded", charge.id))).toEqual(["GET /v1/charges/ch_…", "GET /v1/refunds"]);
      expect((await donationsFor(eq(donations.stripeCheckoutSessionId, oneOff.id)))[0]?.refundedAmount).toBe(1100);
    });

    it("follows refunds: partial then full, net of the refunded total whatever the delivery order", async () => {
      const session = await paidOneOff({ metadata: gift(), amount: 2606, email: freshEmail() });
      const recorded = await process(eventOf("checkout.session.completed", session.id));
      const charge = await chargeOf(session);

      const first = await h.stripe.refunds.create({ charge: charge.id, amount: 1000 });
      const partial = eventOf("charge.refunded", charge.id);
      const rest = await h.stripe.refunds.create({ charge: charge.id });
      const full = eventOf("charge.refunded", charge.id);
      expect(full.id).not.toBe(partial.id);
      // The full refund's event is handled first (the donor is emailed about each refund); the partial one, arriving late, changes nothing.
      const handled = await process(full);
      expect({ ...handled, emailKeys: [...handled.emailKeys].sort() }).toEqual({
        status: "processed",
        campaignIds: recorded.campaignIds,
        emailKeys: [`gift-refunded:${first.id}`, `gift-refunded:${rest.id}`].sort(),
      });
      expect(await process(partial)).toMatchObject({ emailKeys: [] });
      const [row] = await donationsFor(eq(donations.stripeCheckoutSessionId, session.id));
      expect(row).toMatchObject({ refundedAmount: 2606, stripeChargeId: charge.id });
    });

    it("retries a refund that arrives before its gift, and ignores refunds of other payments", async () => {
      const session = await paidOneOff({ metadata: gift(), amount: 2606, email: freshEmail() });
      const charge = await chargeOf(session);
      await h.stripe.refunds.create({ charge: charge.id, amount: 500 });
      const early = eventOf("charge.refunded", charge.id);
      await expect(process(early)).rejects.toThrow("before its gift was recorded");
      expect(await processedCount(early.id)).toBe(0);
      await process(eventOf("checkout.session.completed", session.id));
      expect((await process(early)).status).toBe("processed");
      expect((await donationsFor(eq(donations.stripeCheckoutSessionId, session.id)))[0]?.refundedAmount).toBe(500);

      const shop = await chargeOf(await paidOneOff({ metadata: { order: "mug" }, amount: 900, email: freshEmail() }));
      await h.stripe.refunds.create({ charge: shop.id });
      expect(await process(eventOf("charge.refunded", shop.id))).toEqual({ status: "processed", campaignIds: [], emailKeys: [] });
    });

    it("keeps a disputed gift's current dispute status, whatever order the dispute's events arrive in", async () => {
      const session = await paidOneOff({ metadata: gift(), amount: 2606, email: freshEmail() });
      await process(eventOf("checkout.session.completed", session.id));
      const charge = await chargeOf(session);
      const dispute = await testHelper<Stripe.Dispute>(`charges/${charge.id}/dispute`);
      const created = eventOf("charge.dispute.created", dispute.id);
      await process(created);
      let [row] = await donationsFor(eq(donations.stripeCheckoutSessionId, session.id));
      expect(row?.disputeStatus).toBe("needs_response");

      await testHelper(`disputes/${dispute.id}/submit-evidence`);
      const updated = eventOf("charge.dispute.updated", dispute.id);
      await testHelper(`disputes/${dispute.id}/close`, { status: "won" });
      await process(eventOf("charge.dispute.closed", dispute.id));
      await process(updated); // late, but Stripe now says "won"
      [row] = await donationsFor(eq(donations.stripeCheckoutSessionId, session.id));
      expect(row?.disputeStatus).toBe("won");
    });

    it("ignores a dispute on a payment that is not a gift", async () => {
      const shop = await chargeOf(await paidOneOff({ metadata: { order: "poster" }, amount: 1500, email: freshEmail() }));
      const dispute = await testHelper<Stripe.Dispute>(`charges/${shop.id}/dispute`);
      vi.spyOn(console, "warn").mockImplementation(() => undefined);
      expect(await process(eventOf("charge.dispute.created", dispute.id))).toEqual({ status: "processed", campaignIds: [], emailKeys: [] });
    });

    it("emails the donor once when a monthly payment fails, and records no gift", async () => {
      const email = freshEmail();
      const metadata = gift({ frequency: "monthly", giftAmount: 1000, feeCoveredAmount: 0, dedication: null });
      const { subscription } = await startedMonthly({ metadata, amount: 1000, email, name: "Joon" });
      const { invoice: failed } = await testHelper<{ invoice: Stripe.Invoice }>(`subscriptions/${subscription.id}/fail-renewal`);
      const firstFailure = eventOf("invoice.payment_failed", failed.id);
      expect(await process(firstFailure)).toEqual({ status: "processed", campaignIds: [], emailKeys: [`payment-failed:${failed.id}`] });
      // Stripe retries the card; it declines again.
      await expect(h.stripe.invoices.pay(failed.id)).rejects.toMatchObject({ statusCode: 402 });
      const secondFailure = eventOf("invoice.payment_failed", failed.id);
      expect(secondFailure.id).not.toBe(firstFailure.id);
      expect((await process(secondFailure)).emailKeys).toEqual([]);

      const emails = await db().select().from(sentEmails).where(eq(sentEmails.toAddress, email));
      expect(emails.map((row) => row.template).filter((template) => template !== "monthly-welcome-receipt")).toEqual(["monthly-payment-failed"]);
      const failureEmail = emails.find((row) => row.template === "monthly-payment-failed")!;
      expect(failureEmail.props).toMatchObject({ amount: "$10.00", donorName: "Joon", manageUrl: expect.stringContaining("/donate/manage?token=cus_") });
      expect(await db().select().from(donations).where(eq(donations.stripeInvoiceId, failed.id))).toHaveLength(0);
      const [recurring] = await db().select().from(recurringGifts).where(eq(recurringGifts.stripeSubscriptionId, subscription.id));
      expect(recurring?.status).toBe("past_due");
    });

    it("never lets an older read of a subscription overwrite a newer one", async () => {
      const metadata = gift({ frequency: "monthly", giftAmount: 1000, feeCoveredAmount: 0, dedication: null });
      const { subscription } = await startedMonthly({ metadata, amount: 1000, email: freshEmail() });
      await process(eventOf("customer.subscription.created", subscription.id));
      const [row] = await db().select().from(recurringGifts).where(eq(recurringGifts.stripeSubscriptionId, subscription.id));
      const base = { ...row!, interval: "month" as const, dedication: null, observedAt: 0 };
      await upsertRecurringGift(db(), { ...base, status: "canceled", observedAt: row!.stripeUpdatedAt + 10 });
      await upsertRecurringGift(db(), { ...base, status: "active", observedAt: row!.stripeUpdatedAt + 5 });
      const [after] = await db().select().from(recurringGifts).where(eq(recurringGifts.stripeSubscriptionId, subscription.id));
      expect(after?.status).toBe("canceled");
    });
  },
  { seed: true },
);
