import { count, eq } from "drizzle-orm";
import { beforeAll, beforeEach, expect, it } from "vitest";
import { campaigns, donations, donors, processedStripeEvents, recurringGifts } from "@/db/schema";
import { decodeGiftMetadata } from "@/lib/payments/gift-metadata";
import { MESSAGES, startDonation } from "@/lib/payments/start-donation";
import { FakeStripe } from "../support/fake-stripe";
import { describeEachDatabase } from "../support/test-database";

const SLUG = "foreign-media-in-north-korea";
let clientCounter = 0;
const freshClient = () => `203.0.113.${++clientCounter}-${Date.now()}`;

describeEachDatabase(
  "starting a donation",
  (db) => {
    let stripe: FakeStripe;
    let campaignId = "";
    beforeAll(async () => {
      campaignId = (await db().select().from(campaigns).where(eq(campaigns.slug, SLUG)))[0]!.id;
    });
    beforeEach(() => {
      stripe = new FakeStripe();
    });
    const start = (values: Record<string, unknown>, options: { slug?: string; client?: string } = {}) =>
      startDonation(db(), stripe.client, { campaignSlug: options.slug ?? SLUG, values, clientKey: options.client ?? freshClient() });
    const givingRows = async () => {
      const [a, b, c, d] = await Promise.all(
        [donations, donors, recurringGifts, processedStripeEvents].map(async (table) => (await db().select({ n: count() }).from(table))[0]!.n),
      );
      return { donations: a, donors: b, recurringGifts: c, processedEvents: d };
    };

    it("creates a one-off Checkout Session that carries the gift in metadata", async () => {
      const result = await start({
        frequency: "once",
        amount: "2500",
        cover_fee: "on",
        dedication: "in_honour",
        dedication_name: "Ms. Park",
        anonymous: "on",
        submission_id: "a1b2c3d4-0000-4000-8000-000000000001",
      });
      expect(result).toEqual({ ok: true, url: expect.stringMatching(/^https:\/\/checkout\.stripe\.test\/c\/pay\/cs_test_/) });
      const [request] = stripe.requests;
      expect(request).toMatchObject({ method: "POST", path: "/v1/checkout/sessions", idempotencyKey: expect.stringMatching(/^lantern-checkout-/) });
      const params = request!.params as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
      expect(params).toMatchObject({
        mode: "payment",
        submit_type: "donate",
        customer_creation: "always",
        success_url: "http://localhost:3000/donate/thank-you?session_id={CHECKOUT_SESSION_ID}",
        cancel_url: `http://localhost:3000/campaigns/${SLUG}`,
        line_items: [{ quantity: "1", price_data: { currency: "usd", unit_amount: "2606", product_data: { description: "Includes $1.06 to cover card fees." } } }],
      });
      expect(params.line_items[0].price_data.recurring).toBeUndefined();
      const gift = { campaignId, frequency: "once", giftAmount: 2500, feeCoveredAmount: 106, anonymous: true, dedication: { kind: "in_honour", name: "Ms. Park" } };
      expect(decodeGiftMetadata(params.metadata)).toEqual(gift);
      expect(decodeGiftMetadata(params.payment_intent_data.metadata)).toEqual(gift);
    });

    it("creates a monthly subscription checkout with a monthly price", async () => {
      expect((await start({ frequency: "monthly", other_amount: "10" })).ok).toBe(true);
      const params = stripe.requests[0]!.params as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
      expect(params).toMatchObject({ mode: "subscription", line_items: [{ price_data: { unit_amount: "1000", recurring: { interval: "month" } } }] });
      expect(params.submit_type).toBeUndefined();
      expect(decodeGiftMetadata(params.subscription_data.metadata)).toMatchObject({ frequency: "monthly", giftAmount: 1000 });
    });

    it("gives a double click one session: same submission, same idempotency key", async () => {
      const client = freshClient();
      const values = { frequency: "once", amount: "5000", submission_id: "d0ub1e-c11c-4000-8000-000000000002" };
      const [first, second] = await Promise.all([start(values, { client }), start(values, { client })]);
      expect(first).toEqual(second);
      expect(new Set(stripe.requests.map((r) => r.idempotencyKey)).size).toBe(1);
      // A changed amount in the same form is a new checkout, not a replay.
      await start({ ...values, amount: "10000" }, { client });
      expect(new Set(stripe.requests.map((r) => r.idempotencyKey)).size).toBe(2);
    });

    it.each([
      [{ other_amount: "0" }, { amount: "The smallest gift we can take is $1.00." }],
      [{ other_amount: "abc" }, { amount: "Enter the amount in numbers, such as 25 or 25.50." }],
      [{ other_amount: "250000" }, { amount: "The largest gift we can take online is $100,000. For a larger gift, please contact us." }],
      [{ amount: "2500", dedication: "in_memory" }, { dedication_name: "Enter the name of the person you are honouring or remembering." }],
    ])("answers %j with a message and creates nothing", async (values, errors) => {
      const before = await givingRows();
      expect(await start(values)).toEqual({ ok: false, errors });
      expect(stripe.requests).toHaveLength(0);
      expect(await givingRows()).toEqual(before);
    });

    it.each([
      ["an unknown campaign", "no-such-campaign"],
      ["a malformed slug", "../../etc/passwd"],
    ])("refuses %s", async (_label, slug) => {
      expect(await start({ amount: "2500" }, { slug })).toEqual({ ok: false, errors: { form: MESSAGES.notTakingGifts } });
      expect(stripe.requests).toHaveLength(0);
    });

    it("refuses a campaign that is not active", async () => {
      await db().insert(campaigns).values({ slug: "closed-campaign", title: "Closed", summary: "Closed.", status: "closed", presetAmounts: [2500] }).onConflictDoNothing();
      expect(await start({ amount: "2500" }, { slug: "closed-campaign" })).toEqual({ ok: false, errors: { form: MESSAGES.notTakingGifts } });
      expect(stripe.requests).toHaveLength(0);
    });

    it("takes gifts to the general fund, returning donors to /donate on cancel", async () => {
      expect((await start({ amount: "2500" }, { slug: "general-fund" })).ok).toBe(true);
      expect(stripe.requests[0]!.params).toMatchObject({ cancel_url: "http://localhost:3000/donate" });
    });

    it("allows 20 checkouts a minute from one client, then asks it to try again shortly", async () => {
      const client = freshClient();
      const results = [];
      for (let i = 0; i < 21; i++) results.push(await start({ amount: "2500", submission_id: `burst-0000-${String(i).padStart(4, "0")}` }, { client }));
      expect(results.slice(0, 20).every((r) => r.ok)).toBe(true);
      expect(results[20]).toEqual({ ok: false, errors: { form: MESSAGES.rateLimited } });
      expect(stripe.requests).toHaveLength(20);
      // Another client is not affected.
      expect((await start({ amount: "2500" })).ok).toBe(true);
    });

    it("says so, and records nothing, when Stripe cannot be reached", async () => {
      stripe.failRequests = true;
      expect(await start({ amount: "2500" })).toEqual({ ok: false, errors: { form: MESSAGES.stripeUnavailable } });
    });
  },
  { seed: true },
);
