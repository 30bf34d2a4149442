import { count, eq } from "drizzle-orm";
import type Stripe from "stripe";
import { afterEach, beforeAll, beforeEach, expect, it } from "vitest";
import { campaigns, donations, donors, processedStripeEvents, recurringGifts } from "@/db/schema";
import type { EmbedClaim } from "@/lib/embed/embed-fields";
import { replaceEmbedOrigins } from "@/lib/embed/embed-origins";
import { decodeGiftMetadata } from "@/lib/payments/gift-metadata";
import { MESSAGES, startDonation } from "@/lib/payments/start-donation";
import { startEmulator, type Harness } from "../support/stripe-emulator";
import { describeEachDatabase } from "../support/test-database";

const SLUG = "foreign-media-in-north-korea";
let clientCounter = 0;
const freshClient = () => `203.0.113.${++clientCounter}-${Date.now()}`;

describeEachDatabase(
  "starting a donation",
  (db) => {
    let h: Harness;
    let campaignId = "";
    beforeAll(async () => {
      campaignId = (await db().select().from(campaigns).where(eq(campaigns.slug, SLUG)))[0]!.id;
    });
    // A fresh Stripe emulator per test, so what it holds is what that test created.
    beforeEach(async () => {
      h = await startEmulator({ webhookUrl: null });
    });
    afterEach(() => h.close());
    const start = (values: Record<string, unknown>, options: { slug?: string; client?: string } = {}) =>
      startDonation(db(), h.stripe, { campaignSlug: options.slug ?? SLUG, values, clientKey: options.client ?? freshClient() });
    /** Checkout sessions Stripe holds, oldest first. */
    const sessions = () => Object.values(h.emulator.state.checkoutSessions) as unknown as Stripe.Checkout.Session[];
    /** The Idempotency-Keys Stripe has seen on POSTs. */
    const idempotencyKeys = () => Object.keys(h.emulator.state.idempotency);
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
        notify_email: "park.family@example.org",
        notify_name: "Ji-ho",
        anonymous: "on",
        submission_id: "a1b2c3d4-0000-4000-8000-000000000001",
      });
      expect(result).toEqual({ ok: true, url: expect.stringMatching(new RegExp(`^${h.origin}/stripe-emulator/checkout/cs_test_`)) });
      expect(idempotencyKeys()).toEqual([expect.stringMatching(/^lantern-checkout-/)]);
      const [created] = sessions();
      const session = await h.stripe.checkout.sessions.retrieve(created!.id, { expand: ["line_items.data.price.product"] });
      expect(session).toMatchObject({
        mode: "payment",
        submit_type: "donate",
        customer_creation: "always",
        success_url: "http://localhost:3000/donate/thank-you?session_id={CHECKOUT_SESSION_ID}",
        cancel_url: `http://localhost:3000/campaigns/${SLUG}`,
        amount_total: 2606,
        currency: "usd",
      });
      const [line] = session.line_items!.data;
      expect(line).toMatchObject({
        quantity: 1,
        price: { unit_amount: 2606, currency: "usd", recurring: null, product: { description: "Includes $1.06 to cover card fees." } },
      });
      const gift = {
        campaignId,
        frequency: "once",
        giftAmount: 2500,
        feeCoveredAmount: 106,
        anonymous: true,
        dedication: { kind: "in_honour", name: "Ms. Park" },
        wantsUpdates: false,
        dedicationNotice: { email: "park.family@example.org", name: "Ji-ho" },
        embed: null,
        embedPage: null,
      };
      expect(decodeGiftMetadata(session.metadata)).toEqual(gift);
      expect(decodeGiftMetadata(h.emulator.state.checkoutSessionData[session.id]!.paymentIntentData.metadata)).toEqual(gift);
    });

    it("records a widget on an allowed site with the gift, and drops a claim from any other site", async () => {
      await replaceEmbedOrigins(db(), null, ["https://www.example.org"]);
      await replaceEmbedOrigins(db(), campaignId, ["https://*.partner.org"]);
      try {
        const claim = (origin: string, kind: EmbedClaim["kind"] = "button"): EmbedClaim => ({ kind, origin, page: `${origin}/blog/post` });
        const metadataOf = async (embed: EmbedClaim) => {
          const result = await startDonation(db(), h.stripe, {
            campaignSlug: SLUG,
            values: { frequency: "monthly", other_amount: "12" },
            clientKey: freshClient(),
            embed,
          });
          expect(result.ok).toBe(true);
          const session = sessions().at(-1)!;
          // On the session and on the subscription each monthly payment is recorded from.
          expect(decodeGiftMetadata(h.emulator.state.checkoutSessionData[session.id]!.subscriptionData.metadata)).toEqual(decodeGiftMetadata(session.metadata));
          return decodeGiftMetadata(session.metadata)!;
        };
        expect(await metadataOf(claim("https://www.example.org"))).toMatchObject({
          embed: { origin: "https://www.example.org", kind: "button" },
          embedPage: "https://www.example.org/blog/post",
        });
        expect(await metadataOf(claim("https://shop.partner.org", "progress"))).toMatchObject({
          embed: { origin: "https://shop.partner.org", kind: "progress" },
        });
        for (const origin of ["https://evil.example", "http://www.example.org", "https://partner.org"]) {
          expect(await metadataOf(claim(origin)), origin).toMatchObject({ embed: null, embedPage: null });
        }
      } finally {
        await replaceEmbedOrigins(db(), null, []);
        await replaceEmbedOrigins(db(), campaignId, []);
      }
    });

    it("creates a monthly subscription checkout with a monthly price, worded as a monthly gift with a Donate button", async () => {
      expect((await start({ frequency: "monthly", other_amount: "10" })).ok).toBe(true);
      const session = await h.stripe.checkout.sessions.retrieve(sessions()[0]!.id, { expand: ["line_items"] });
      expect(session).toMatchObject({ mode: "subscription", submit_type: "donate" });
      expect(session.custom_text.submit?.message).toMatch(
        /^This is a monthly gift of \$10\.00 to .+, until you cancel\. Change or cancel it at any time from the link in your receipt\.$/,
      );
      expect(session.line_items!.data[0]!.description).toMatch(/^Monthly gift to /);
      expect(session.line_items!.data[0]!.price).toMatchObject({ unit_amount: 1000, recurring: { interval: "month" } });
      expect(decodeGiftMetadata(h.emulator.state.checkoutSessionData[session.id]!.subscriptionData.metadata)).toMatchObject({
        frequency: "monthly",
        giftAmount: 1000,
      });
    });

    it("gives a double click one session: same submission, same idempotency key", async () => {
      const client = freshClient();
      const values = { frequency: "once", amount: "5000", submission_id: "d0ub1e-c11c-4000-8000-000000000002" };
      const [first, second] = await Promise.all([start(values, { client }), start(values, { client })]);
      expect(first).toEqual(second);
      expect(idempotencyKeys()).toHaveLength(1);
      expect(sessions()).toHaveLength(1);
      // A changed amount in the same form is a new checkout, not a replay.
      await start({ ...values, amount: "10000" }, { client });
      expect(idempotencyKeys()).toHaveLength(2);
      expect(sessions()).toHaveLength(2);
    });

    it.each([
      [{ other_amount: "0" }, { amount: "The smallest gift we can take is $1.00." }],
      [{ other_amount: "abc" }, { amount: "Enter the amount in numbers, such as 25 or 25.50." }],
      [
        { other_amount: "250000" },
        { amount: "The largest gift we can take online is $100,000. For a larger gift, please contact us at giving@lantern.example." },
      ],
      [{ amount: "2500", dedication: "in_memory" }, { dedication_name: "Enter the name of the person you are honouring or remembering." }],
      [
        { amount: "2500", dedication: "in_memory", dedication_name: "Grandma Kim", notify_email: "grandpa.example.org" },
        { notify_email: "An email address needs an @, like name@example.org." },
      ],
    ])("answers %j with a message and creates nothing", async (values, errors) => {
      const before = await givingRows();
      expect(await start(values)).toEqual({ ok: false, errors });
      expect(sessions()).toHaveLength(0);
      expect(await givingRows()).toEqual(before);
    });

    it.each([
      ["an unknown campaign", "no-such-campaign"],
      ["a malformed slug", "../../etc/passwd"],
    ])("refuses %s", async (_label, slug) => {
      expect(await start({ amount: "2500" }, { slug })).toEqual({ ok: false, errors: { form: MESSAGES.notTakingGifts } });
      expect(sessions()).toHaveLength(0);
    });

    it("refuses a campaign that is not active", async () => {
      await db()
        .insert(campaigns)
        .values({ slug: "closed-campaign", title: "Closed", summary: "Closed.", status: "closed", presetAmounts: [2500] })
        .onConflictDoNothing();
      expect(await start({ amount: "2500" }, { slug: "closed-campaign" })).toEqual({ ok: false, errors: { form: MESSAGES.notTakingGifts } });
      expect(sessions()).toHaveLength(0);
    });

    it("takes gifts to the general fund, returning donors to /donate on cancel", async () => {
      expect((await start({ amount: "2500" }, { slug: "general-fund" })).ok).toBe(true);
      expect(sessions()[0]).toMatchObject({ cancel_url: "http://localhost:3000/donate" });
    });

    it("allows 20 checkouts a minute from one client, then asks it to try again shortly", async () => {
      const client = freshClient();
      const results = [];
      for (let i = 0; i < 21; i++) results.push(await start({ amount: "2500", submission_id: `burst-0000-${String(i).padStart(4, "0")}` }, { client }));
      expect(results.slice(0, 20).every((r) => r.ok)).toBe(true);
      expect(results[20]).toEqual({ ok: false, errors: { form: MESSAGES.rateLimited } });
      expect(sessions()).toHaveLength(20);
      // Another client is not affected.
      expect((await start({ amount: "2500" })).ok).toBe(true);
    });

    it("says so, and records nothing, when Stripe cannot be reached", async () => {
      // Every try (the first and the SDK's two retries) meets an outage.
      h.emulator.failNextRequests({ count: 3 });
      expect(await start({ amount: "2500" })).toEqual({ ok: false, errors: { form: MESSAGES.stripeUnavailable } });
      expect(sessions()).toHaveLength(0);
    });
  },
  { seed: true },
);
