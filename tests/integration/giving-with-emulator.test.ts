/**
 * The giving flow end to end below the browser: Lantern's own checkout creation against the
 * bundled Stripe emulator (which refuses any parameter real Stripe would refuse), a payment on
 * its hosted page, then the events it emitted fed to the webhook processing in the worst
 * order: reversed, every one delivered twice at once.
 */
import { eq } from "drizzle-orm";
import type Stripe from "stripe";
import { afterAll, beforeAll, expect, it } from "vitest";
import { campaigns, donations, recurringGifts, sentEmails, subscribers } from "@/db/schema";
import type { GiftCampaign } from "@/lib/donations/gift-campaign";
import { createDonationCheckout } from "@/lib/payments/create-checkout";
import { processStripeEvent } from "@/lib/payments/webhooks/process-stripe-event";
import { pay, startEmulator, type Harness, TEST_AUTH } from "../support/stripe-emulator";
import { describeEachDatabase } from "../support/test-database";

describeEachDatabase(
  "giving against the Stripe emulator",
  (db) => {
    let h: Harness;
    let campaign: GiftCampaign;
    let seenEvents = new Set<string>();

    beforeAll(async () => {
      h = await startEmulator({ webhookUrl: null });
      const [row] = await db().select().from(campaigns).where(eq(campaigns.slug, "inside-north-korea-pandemic-era-controls"));
      campaign = { ...row!, status: "active" };
    });
    afterAll(async () => h.close());

    /** Every event the emulator emitted since the last call, newest first (the reverse of Stripe's order). */
    async function newEventsReversed(): Promise<Stripe.Event[]> {
      const { data } = await h.stripe.events.list({ limit: 100 });
      const fresh = data.filter((event) => !seenEvents.has(event.id));
      seenEvents = new Set([...seenEvents, ...fresh.map((event) => event.id)]);
      return fresh; // the list is newest first
    }

    async function deliverTwiceEach(events: Stripe.Event[]) {
      for (const event of events) {
        await Promise.all([processStripeEvent(db(), h.stripe, event), processStripeEvent(db(), h.stripe, event)]);
      }
    }

    const checkout = (donation: Parameters<typeof createDonationCheckout>[1]["donation"]) =>
      createDonationCheckout(h.stripe, { campaign, donation, clientKey: "test", appUrl: "http://localhost:3000", organisationName: "Lantern" });

    it("records a one-off gift once, whatever the order and repetition of its events", async () => {
      const { sessionId, url } = await checkout({
        frequency: "once",
        giftAmount: 2500,
        feeCoveredAmount: 106,
        anonymous: true,
        dedication: { kind: "in_honour", name: "Ms. Park" },
        submissionId: "emulator-once-0001",
      });
      expect(url).toContain(`/stripe-emulator/checkout/${sessionId}`);
      expect((await pay({ url } as Stripe.Checkout.Session, "4242 4242 4242 4242", "once@emulator.test", "Ada")).status).toBe(303);

      const events = await newEventsReversed();
      expect(events.map((event) => event.type)).toContain("checkout.session.completed");
      await deliverTwiceEach(events);

      const rows = await db().select().from(donations).where(eq(donations.stripeCheckoutSessionId, sessionId));
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ amount: 2606, feeCoveredAmount: 106, currency: "USD", anonymous: true, dedicationName: "Ms. Park", kind: "one_off" });
      expect(rows[0]!.stripePaymentIntentId).toMatch(/^pi_/);
      expect(
        await db()
          .select()
          .from(sentEmails)
          .where(eq(sentEmails.idempotencyKey, `receipt:${sessionId}`)),
      ).toHaveLength(1);
    });

    it("signs a donor up for updates (pending, with a confirmation email) only when they ticked the box", async () => {
      const { url } = await checkout({
        frequency: "once",
        giftAmount: 2500,
        feeCoveredAmount: 0,
        anonymous: false,
        dedication: null,
        wantsUpdates: true,
        submissionId: "emulator-updates-01",
      });
      expect((await pay({ url } as Stripe.Checkout.Session, "4242 4242 4242 4242", "hear-more@emulator.test", "Min-ji Park")).status).toBe(303);
      await deliverTwiceEach(await newEventsReversed());
      const [reader] = await db().select().from(subscribers).where(eq(subscribers.email, "hear-more@emulator.test"));
      expect(reader).toMatchObject({ status: "pending", source: `campaign:${campaign.slug}`, firstName: "Min-ji" });
      expect(reader!.consentText).toContain("Email me updates about this campaign");
      const confirmations = (await db().select().from(sentEmails).where(eq(sentEmails.toAddress, "hear-more@emulator.test"))).filter(
        (row) => row.template === "subscription-confirmation",
      );
      expect(confirmations).toHaveLength(1);
      // The donor of the first test did not tick the box: not subscribed, not asked.
      expect(await db().select().from(subscribers).where(eq(subscribers.email, "once@emulator.test"))).toHaveLength(0);
    });

    it("records a declined card as nothing", async () => {
      const { sessionId, url } = await checkout({
        frequency: "once",
        giftAmount: 5000,
        feeCoveredAmount: 0,
        anonymous: false,
        dedication: null,
        submissionId: "emulator-declined-1",
      });
      expect((await pay({ url } as Stripe.Checkout.Session, "4000 0000 0000 0002", "declined@emulator.test")).status).toBe(402);
      await deliverTwiceEach(await newEventsReversed());
      expect(await db().select().from(donations).where(eq(donations.stripeCheckoutSessionId, sessionId))).toHaveLength(0);
    });

    it("records monthly giving and each renewal once, events reversed and doubled", async () => {
      const { sessionId, url } = await checkout({
        frequency: "monthly",
        giftAmount: 1000,
        feeCoveredAmount: 0,
        anonymous: false,
        dedication: null,
        submissionId: "emulator-monthly-1",
      });
      expect((await pay({ url } as Stripe.Checkout.Session, "4242 4242 4242 4242", "monthly@emulator.test", "Joon")).status).toBe(303);
      const started = await newEventsReversed();
      expect(started.findIndex((e) => e.type === "invoice.paid")).toBeGreaterThan(started.findIndex((e) => e.type === "checkout.session.completed"));
      await deliverTwiceEach(started);

      const session = await h.stripe.checkout.sessions.retrieve(sessionId);
      const subscriptionId = String(session.subscription);
      const [gift] = await db().select().from(recurringGifts).where(eq(recurringGifts.stripeSubscriptionId, subscriptionId));
      expect(gift).toMatchObject({ status: "active", amount: 1000, currency: "USD", campaignId: campaign.id });
      let paid = await db().select().from(donations).where(eq(donations.recurringGiftId, gift!.id));
      expect(paid).toHaveLength(1);
      expect(paid[0]!.stripePaymentIntentId).toMatch(/^pi_/);

      const renewal = await fetch(`${h.origin}/stripe-emulator/test-helpers/subscriptions/${subscriptionId}/renew`, { method: "POST", headers: TEST_AUTH });
      expect(renewal.status).toBe(200);
      await deliverTwiceEach(await newEventsReversed());
      paid = await db().select().from(donations).where(eq(donations.recurringGiftId, gift!.id));
      expect(paid).toHaveLength(2);
      const templates = await db().select({ template: sentEmails.template }).from(sentEmails).where(eq(sentEmails.toAddress, "monthly@emulator.test"));
      expect(templates.map((row) => row.template).sort()).toEqual(["monthly-receipt", "monthly-welcome-receipt"]);

      await h.stripe.subscriptions.cancel(subscriptionId);
      await deliverTwiceEach(await newEventsReversed());
      const [canceled] = await db().select().from(recurringGifts).where(eq(recurringGifts.stripeSubscriptionId, subscriptionId));
      expect(canceled?.status).toBe("canceled");
    });
  },
  { seed: true },
);
