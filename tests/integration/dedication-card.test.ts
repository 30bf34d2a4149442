/**
 * The dedication card: queued by the webhook with the paid gift (never before), once per gift
 * however often Stripe reports the payment, once per monthly giving (not every month), and
 * never with the amount in it.
 */
import { eq, like } from "drizzle-orm";
import type Stripe from "stripe";
import { afterAll, beforeAll, expect, it } from "vitest";
import { campaigns, sentEmails } from "@/db/schema";
import { renderEmail } from "@/lib/email/render-email";
import { encodeGiftMetadata, type GiftMetadata } from "@/lib/payments/gift-metadata";
import { processStripeEvent } from "@/lib/payments/webhooks/process-stripe-event";
import { pay, startEmulator, TEST_AUTH, type Harness } from "../support/stripe-emulator";
import { describeEachDatabase } from "../support/test-database";

const CAMPAIGN_SLUG = "foreign-media-in-north-korea";
const RETURN_URLS = { success_url: "http://localhost:3000/donate/thank-you?session_id={CHECKOUT_SESSION_ID}", cancel_url: "http://localhost:3000/donate" };

describeEachDatabase(
  "Dedication card",
  (db) => {
    let campaignId = "";
    let h: Harness;
    let counter = 0;
    const fresh = (who: string) => `${who}${++counter}-${Date.now()}@example.org`;

    beforeAll(async () => {
      const [campaign] = await db().select().from(campaigns).where(eq(campaigns.slug, CAMPAIGN_SLUG));
      campaignId = campaign!.id;
      h = await startEmulator({ webhookUrl: null });
    });
    afterAll(() => h.close());

    const metadata = (overrides: Partial<GiftMetadata> = {}) =>
      encodeGiftMetadata({
        campaignId,
        frequency: "once",
        giftAmount: 2500,
        feeCoveredAmount: 0,
        anonymous: false,
        dedication: { kind: "in_memory", name: "Grandma Kim" },
        ...overrides,
      });
    const process = (event: Stripe.Event) => processStripeEvent(db(), h.stripe, event);
    function eventOf(type: Stripe.Event.Type, objectId: string): Stripe.Event {
      const event = h.emulator.state.events.findLast((candidate) => candidate.type === type && (candidate.data.object as { id?: string }).id === objectId);
      if (!event) throw new Error(`the emulator emitted no ${type} for ${objectId}`);
      return structuredClone(event) as unknown as Stripe.Event;
    }
    const cardsTo = (address: string) => db().select().from(sentEmails).where(eq(sentEmails.toAddress, address));

    async function oneOff(meta: Record<string, string>, email: string) {
      const session = await h.stripe.checkout.sessions.create({
        mode: "payment",
        submit_type: "donate",
        customer_creation: "always",
        customer_email: email,
        metadata: meta,
        payment_intent_data: { metadata: meta },
        line_items: [{ quantity: 1, price_data: { currency: "usd", unit_amount: 2500, product_data: { name: "Gift" } } }],
        ...RETURN_URLS,
      });
      return session;
    }

    it("queues one card with the paid gift, however often and however concurrently the payment is reported", async () => {
      const notify = fresh("family");
      const session = await oneOff(metadata({ dedicationNotice: { email: notify, name: "Soo-ah" } }), fresh("donor"));
      // Checkout started but not paid: nothing for the honoured person yet.
      expect(await cardsTo(notify)).toHaveLength(0);
      expect((await pay(session, "4242 4242 4242 4242", "donor@example.org", "Min-ji")).status).toBe(303);

      const completed = eventOf("checkout.session.completed", session.id);
      const outcomes = await Promise.all([...Array.from({ length: 10 }, () => process(completed)), process({ ...completed, id: `${completed.id}_again` })]);
      expect(outcomes.filter((outcome) => outcome.emailKeys.includes(`dedication-card:${session.id}`))).toHaveLength(1);
      expect(await process(completed)).toMatchObject({ status: "duplicate" });

      const cards = await cardsTo(notify);
      expect(cards).toHaveLength(1);
      expect(cards[0]).toMatchObject({ template: "dedication-card", idempotencyKey: `dedication-card:${session.id}` });
      expect(cards[0]!.props).toMatchObject({ recipientName: "Soo-ah", donorName: "Min-ji", dedicationKind: "in_memory", dedicationName: "Grandma Kim" });

      const rendered = await renderEmail("dedication-card", cards[0]!.props as never);
      expect(rendered.subject).toBe("A gift in memory of Grandma Kim");
      expect(rendered.html).toContain("Min-ji");
      expect(rendered.text).toContain("Grandma Kim");
      for (const body of [rendered.html, rendered.text, rendered.subject]) expect(body).not.toMatch(/\$\s?\d|25\.00|\b2500\b/);
    });

    it("does not name a donor who gave anonymously", async () => {
      const notify = fresh("friend");
      const session = await oneOff(
        metadata({ anonymous: true, dedication: { kind: "in_honour", name: "Mr Park" }, dedicationNotice: { email: notify, name: null } }),
        fresh("donor"),
      );
      expect((await pay(session, "4242 4242 4242 4242", "donor@example.org", "Hidden Name")).status).toBe(303);
      await process(eventOf("checkout.session.completed", session.id));
      const [card] = await cardsTo(notify);
      expect(card!.props).toMatchObject({ donorName: null, recipientName: null, dedicationKind: "in_honour" });
      const rendered = await renderEmail("dedication-card", card!.props as never);
      expect(rendered.html).not.toContain("Hidden Name");
      expect(rendered.text).toContain("anonymously");
    });

    it("sends monthly giving's card once, with the first payment, not with each renewal", async () => {
      const notify = fresh("monthly-family");
      const meta = metadata({ frequency: "monthly", giftAmount: 1000, dedicationNotice: { email: notify, name: null } });
      const session = await h.stripe.checkout.sessions.create({
        mode: "subscription",
        customer_email: fresh("donor"),
        metadata: meta,
        subscription_data: { metadata: meta },
        line_items: [
          { quantity: 1, price_data: { currency: "usd", unit_amount: 1000, recurring: { interval: "month" }, product_data: { name: "Monthly gift" } } },
        ],
        ...RETURN_URLS,
      });
      expect((await pay(session, "4242 4242 4242 4242", "donor@example.org", "Joon")).status).toBe(303);
      const paid = await h.stripe.checkout.sessions.retrieve(session.id);
      await process(eventOf("invoice.paid", String(paid.invoice)));
      await process(eventOf("checkout.session.completed", session.id));
      const renewal = await fetch(`${h.origin}/stripe-emulator/test-helpers/subscriptions/${String(paid.subscription)}/renew`, {
        method: "POST",
        headers: TEST_AUTH,
      });
      const { invoice } = (await renewal.json()) as { invoice: Stripe.Invoice };
      await process(eventOf("invoice.paid", invoice.id));
      const cards = await cardsTo(notify);
      expect(cards.map((card) => card.idempotencyKey)).toEqual([`dedication-card:${String(paid.subscription)}`]);
    });

    it("queues no card without a notify address", async () => {
      const session = await oneOff(metadata(), fresh("donor"));
      expect((await pay(session, "4242 4242 4242 4242", "donor@example.org", "Ara")).status).toBe(303);
      const outcome = await process(eventOf("checkout.session.completed", session.id));
      expect(outcome.emailKeys).toEqual([`receipt:${session.id}`]);
      expect(
        await db()
          .select()
          .from(sentEmails)
          .where(like(sentEmails.idempotencyKey, `dedication-card:${session.id}`)),
      ).toHaveLength(0);
    });
  },
  { seed: true },
);
