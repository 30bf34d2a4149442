/**
 * A donor looks after their gifts without the receipt (lib/donors): "Email me a link" answers
 * the same for every address and is rate limited; the emailed link is single-use and expires;
 * the giving page lists every gift; change amount / cancel / keep go to Stripe (the emulator,
 * through the real SDK), send one confirmation each, and the webhooks then record the result.
 */
import { eq } from "drizzle-orm";
import type Stripe from "stripe";
import { afterAll, beforeAll, expect, it } from "vitest";
import { campaigns, donorManageLinks, donations, recurringGifts, sentEmails } from "@/db/schema";
import { resendReceipt } from "@/lib/donations/resend-receipt";
import { cancelMonthlyGift, keepMonthlyGift } from "@/lib/donors/cancel-monthly-gift";
import { changeMonthlyAmount } from "@/lib/donors/change-monthly-amount";
import { donorForStripeCustomer, donorGiving, withLiveStripeState } from "@/lib/donors/donor-giving";
import { donorWithManageAccess, endManageSession } from "@/lib/donors/manage-access";
import { signManageSession } from "@/lib/donors/manage-session";
import { manageTokenSecret } from "@/lib/env";
import { MANAGE_LINK_LIMIT_PER_ADDRESS } from "@/lib/rate-limit/rules";
import { openManageLink } from "@/lib/donors/open-manage-link";
import { MANAGE_LINK_REQUESTED_MESSAGE, requestManageLink } from "@/lib/donors/request-manage-link";
import { sendManageLink } from "@/lib/donors/send-manage-link";
import { listDevMailbox } from "@/lib/email/dev-mailbox";
import { REDACTED_PROP } from "@/lib/email/render-email";
import type { GiftCampaign } from "@/lib/donations/gift-campaign";
import { createDonationCheckout } from "@/lib/payments/create-checkout";
import { processStripeEvent } from "@/lib/payments/webhooks/process-stripe-event";
import { pay, startEmulator, TEST_AUTH, type Harness } from "../support/stripe-emulator";
import { describeEachDatabase } from "../support/test-database";

const SECRET = "test-secret-for-rate-limit-keys";

describeEachDatabase(
  "donor self-service",
  (db) => {
    let h: Harness;
    let campaign: GiftCampaign;
    const seen = new Set<string>();
    const donorEmail = `monthly-${Date.now()}@self-service.test`;
    let subscriptionId: string;
    let giftId: string;
    let donorId: string;

    /** Every event the emulator sent since the last call, handled in Stripe's order. */
    async function deliverNewEvents() {
      const { data } = await h.stripe.events.list({ limit: 100 });
      const fresh = data.filter((event) => !seen.has(event.id)).reverse();
      for (const event of fresh) {
        seen.add(event.id);
        await processStripeEvent(db(), h.stripe, event as Stripe.Event);
      }
    }

    async function emailsTo(template: string) {
      return (await db().select().from(sentEmails).where(eq(sentEmails.toAddress, donorEmail))).filter((row) => row.template === template);
    }

    beforeAll(async () => {
      h = await startEmulator({ webhookUrl: null });
      const [row] = await db().select().from(campaigns).where(eq(campaigns.slug, "inside-north-korea-pandemic-era-controls"));
      campaign = { ...row!, status: "active" };
      const { sessionId, url } = await createDonationCheckout(h.stripe, {
        campaign,
        donation: { frequency: "monthly", giftAmount: 1000, feeCoveredAmount: 0, anonymous: false, dedication: null, submissionId: "self-service-monthly-1" },
        clientKey: "test",
        appUrl: "http://localhost:3000",
        organisationName: "Lantern",
      });
      expect((await pay({ url } as Stripe.Checkout.Session, "4242 4242 4242 4242", donorEmail, "Joon Lee")).status).toBe(303);
      await deliverNewEvents();
      subscriptionId = String((await h.stripe.checkout.sessions.retrieve(sessionId)).subscription);
      const [gift] = await db().select().from(recurringGifts).where(eq(recurringGifts.stripeSubscriptionId, subscriptionId));
      giftId = gift!.id;
      donorId = gift!.donorId;
    });
    afterAll(async () => h.close());

    it("answers every well-formed address the same, and sends a link only to a donor", async () => {
      const known = await requestManageLink(db(), { email: donorEmail.toUpperCase(), client: "198.51.100.1" }, SECRET);
      const unknown = await requestManageLink(db(), { email: "nobody-gave@self-service.test", client: "198.51.100.1" }, SECRET);
      expect(known).toMatchObject({ kind: "accepted", message: MANAGE_LINK_REQUESTED_MESSAGE });
      expect(unknown.kind).toBe("accepted");
      expect(unknown.message).toBe(known.message);
      expect(await requestManageLink(db(), { email: "not an address", client: "198.51.100.1" }, SECRET)).toMatchObject({ kind: "invalid" });

      expect(await sendManageLink("nobody-gave@self-service.test", { db: db() })).toEqual({ sent: false });
      expect(await db().select().from(sentEmails).where(eq(sentEmails.toAddress, "nobody-gave@self-service.test"))).toHaveLength(0);
      expect(await sendManageLink(`  ${donorEmail.toUpperCase()} `, { db: db() })).toEqual({ sent: true });
      const links = await emailsTo("donor-manage-link");
      expect(links).toHaveLength(1);
      expect(links[0]!.status).toBe("sent");
      // The link is blanked in the outbox once sent: the database keeps no usable copy.
      expect(JSON.stringify(links[0]!.props)).not.toMatch(/link=/);
    });

    it("limits requests per address, known or not, and per client", async () => {
      const address = `limited-${Date.now()}@self-service.test`;
      const outcomes = [];
      for (let i = 0; i <= MANAGE_LINK_LIMIT_PER_ADDRESS.points; i++)
        outcomes.push(await requestManageLink(db(), { email: address, client: `203.0.113.${i}` }, SECRET));
      expect(outcomes.slice(0, -1).every((outcome) => outcome.kind === "accepted")).toBe(true);
      expect(outcomes.at(-1)).toMatchObject({
        kind: "limited",
        message: expect.stringMatching(/^Too many requests for a link\. Please try again in \d+ minutes?\.$/),
      });
      const fromOneClient = [];
      for (let i = 0; i < 11; i++)
        fromOneClient.push(await requestManageLink(db(), { email: `c${i}-${Date.now()}@self-service.test`, client: "192.0.2.200" }, SECRET));
      expect(fromOneClient.filter((outcome) => outcome.kind === "limited")).toHaveLength(1);
    });

    it("opens a link once, and never after it expires", async () => {
      const now = new Date();
      await sendManageLink(donorEmail, { db: db(), now });
      const [message] = await listDevMailbox(db(), { to: donorEmail, limit: 1 });
      const token = /\/donate\/manage\?link=([A-Za-z0-9_-]{43})/.exec(message!.html)?.[1];
      expect(token).toBeTruthy();
      const [first, second] = await Promise.all([openManageLink(db(), token, now), openManageLink(db(), token, now)]);
      expect([first, second].filter(Boolean).map((opened) => opened!.donorId)).toEqual([donorId]);
      expect(await openManageLink(db(), token, now)).toBeNull();

      await sendManageLink(donorEmail, { db: db(), now });
      const [later] = await listDevMailbox(db(), { to: donorEmail, limit: 1 });
      const expiring = /\/donate\/manage\?link=([A-Za-z0-9_-]{43})/.exec(later!.html)![1]!;
      expect(await openManageLink(db(), expiring, new Date(now.getTime() + 60 * 60 * 1000))).toBeNull();
      expect((await openManageLink(db(), expiring, new Date(now.getTime() + 59 * 60 * 1000)))?.donorId).toBe(donorId);
      expect(await openManageLink(db(), "x".repeat(43), now)).toBeNull();
      expect(await openManageLink(db(), "'; drop table donors; --", now)).toBeNull();
      expect((await db().select().from(donorManageLinks).where(eq(donorManageLinks.donorId, donorId))).length).toBeGreaterThanOrEqual(3);
    });

    it("ends a session on the server when the donor signs out: a copy of the cookie opens nothing after", async () => {
      await sendManageLink(donorEmail, { db: db() });
      const [message] = await listDevMailbox(db(), { to: donorEmail, limit: 1 });
      const opened = await openManageLink(db(), /\/donate\/manage\?link=([A-Za-z0-9_-]{43})/.exec(message!.html)![1]);
      const cookie = signManageSession(opened!.sessionId, manageTokenSecret()).value;
      const copied = cookie;
      expect(await donorWithManageAccess(db(), h.stripe, { session: cookie })).toBe(donorId);
      // Another session of the same donor (another browser) is not ended by this one's sign-out.
      await sendManageLink(donorEmail, { db: db() });
      const [other] = await listDevMailbox(db(), { to: donorEmail, limit: 1 });
      const otherSession = signManageSession(
        (await openManageLink(db(), /\/donate\/manage\?link=([A-Za-z0-9_-]{43})/.exec(other!.html)![1]))!.sessionId,
        manageTokenSecret(),
      ).value;

      await endManageSession(db(), cookie);
      expect(await donorWithManageAccess(db(), h.stripe, { session: copied })).toBeNull();
      expect(await donorWithManageAccess(db(), h.stripe, { session: otherSession })).toBe(donorId);
      // A session for a link that was never opened is no session (the row must be a used link).
      const [unused] = await db()
        .insert(donorManageLinks)
        .values({ donorId, tokenHash: `unused-${Date.now()}`, expiresAt: new Date(Date.now() + 60_000) })
        .returning();
      expect(await donorWithManageAccess(db(), h.stripe, { session: signManageSession(unused!.id, manageTokenSecret()).value })).toBeNull();
    });

    it("lists the donor's monthly gifts and past gifts, and finds the donor from a receipt's customer", async () => {
      const giving = await donorGiving(db(), donorId);
      expect(giving!.donor.email).toBe(donorEmail);
      expect(giving!.monthlyGifts).toEqual([
        expect.objectContaining({ id: giftId, amount: 1000, currency: "USD", status: "active", campaignTitle: campaign.title, endsAt: null }),
      ]);
      expect(giving!.gifts).toEqual([expect.objectContaining({ kind: "recurring", amount: 1000, refundedAmount: 0, campaignTitle: campaign.title })]);
      const subscription = await h.stripe.subscriptions.retrieve(subscriptionId);
      expect(await donorForStripeCustomer(db(), h.stripe, String(subscription.customer))).toBe(donorId);
      expect(await donorGiving(db(), "00000000-0000-4000-8000-000000000000")).toBeNull();
    });

    it("refuses an amount out of bounds and changes nothing", async () => {
      const tooSmall = await changeMonthlyAmount(giftId, 50, { db: db(), stripe: h.stripe });
      expect(tooSmall).toMatchObject({ ok: false, reason: "invalid-amount", message: "The smallest monthly gift we can take is $1.00." });
      expect(await changeMonthlyAmount("not-a-gift", 2500, { db: db(), stripe: h.stripe })).toMatchObject({ ok: false, reason: "not-found" });
      const subscription = await h.stripe.subscriptions.retrieve(subscriptionId);
      expect(subscription.items.data[0]!.price.unit_amount).toBe(1000);
      expect(await emailsTo("monthly-gift-changed")).toHaveLength(0);
    });

    it("changes the amount from the next payment on, once per submission, with one confirmation", async () => {
      const [first, again] = [
        await changeMonthlyAmount(giftId, 2500, { db: db(), stripe: h.stripe, requestId: "change-request-0001" }),
        await changeMonthlyAmount(giftId, 2500, { db: db(), stripe: h.stripe, requestId: "change-request-0001" }),
      ];
      expect(first).toMatchObject({ ok: true, changed: true, gift: { amount: 2500, currency: "USD", status: "active", endsAt: null } });
      expect(again).toMatchObject({ ok: true, changed: false });
      const subscription = await h.stripe.subscriptions.retrieve(subscriptionId);
      expect(subscription.items.data).toHaveLength(1);
      expect(subscription.items.data[0]!.price.unit_amount).toBe(2500);
      const confirmations = await emailsTo("monthly-gift-changed");
      expect(confirmations).toHaveLength(1);
      expect(confirmations[0]!.props).toMatchObject({ change: "amount", previousAmount: "$10.00", amount: "$25.00" });
      const [mail] = await listDevMailbox(db(), { to: donorEmail, limit: 1 });
      expect(mail!.subject).toBe("Your monthly gift is now $25.00");
      expect(mail!.text).toContain("nothing is charged today");

      // Nothing was charged now; the webhook records the new amount, and the next payment is $25.
      await deliverNewEvents();
      expect((await db().select().from(donations).where(eq(donations.recurringGiftId, giftId))).map((gift) => gift.amount)).toEqual([1000]);
      const [gift] = await db().select().from(recurringGifts).where(eq(recurringGifts.id, giftId));
      expect(gift!.amount).toBe(2500);
      expect(
        (await fetch(`${h.origin}/stripe-emulator/test-helpers/subscriptions/${subscriptionId}/renew`, { method: "POST", headers: TEST_AUTH })).status,
      ).toBe(200);
      await deliverNewEvents();
      const amounts = (await db().select().from(donations).where(eq(donations.recurringGiftId, giftId))).map((row) => row.amount).sort();
      expect(amounts).toEqual([1000, 2500]);
    });

    it("cancels at the period end, keeps on request, one confirmation each, and the page shows Stripe's answer", async () => {
      const cancelled = await cancelMonthlyGift(giftId, { db: db(), stripe: h.stripe, requestId: "cancel-request-0001" });
      expect(cancelled).toMatchObject({ ok: true, changed: true, gift: { status: "active", cancelAtPeriodEnd: true } });
      if (!cancelled.ok) throw new Error("not cancelled");
      expect(cancelled.gift.endsAt).toEqual(cancelled.gift.currentPeriodEnd);
      expect(await cancelMonthlyGift(giftId, { db: db(), stripe: h.stripe, requestId: "cancel-request-0002" })).toMatchObject({ ok: true, changed: false });
      // Before the webhook lands, the page reads Stripe: the gift shows as ending.
      const giving = await donorGiving(db(), donorId);
      const [live] = await withLiveStripeState(h.stripe, giving!.monthlyGifts);
      expect(live).toMatchObject({ cancelAtPeriodEnd: true, endsAt: cancelled.gift.endsAt });
      expect(await changeMonthlyAmount(giftId, 3000, { db: db(), stripe: h.stripe })).toMatchObject({ ok: false, reason: "ending" });
      await deliverNewEvents();
      expect((await db().select().from(recurringGifts).where(eq(recurringGifts.id, giftId)))[0]!.cancelAtPeriodEnd).toBe(true);

      const [mail] = await listDevMailbox(db(), { to: donorEmail, limit: 1 });
      expect(mail!.subject).toBe("Your monthly gift is cancelled");
      expect(mail!.text).toContain("You will not be charged again and there will be no further receipts");

      const kept = await keepMonthlyGift(giftId, { db: db(), stripe: h.stripe, requestId: "keep-request-00001" });
      expect(kept).toMatchObject({ ok: true, changed: true, gift: { cancelAtPeriodEnd: false, endsAt: null } });
      expect(await keepMonthlyGift(giftId, { db: db(), stripe: h.stripe })).toMatchObject({ ok: true, changed: false });
      await deliverNewEvents();
      expect((await db().select().from(recurringGifts).where(eq(recurringGifts.id, giftId)))[0]!.cancelAtPeriodEnd).toBe(false);
      expect((await emailsTo("monthly-gift-changed")).map((row) => (row.props as { change: string }).change).sort()).toEqual(["amount", "cancelled", "kept"]);

      // Once Stripe has ended the gift nothing more can be done to it.
      await h.stripe.subscriptions.cancel(subscriptionId);
      await deliverNewEvents();
      expect(await keepMonthlyGift(giftId, { db: db(), stripe: h.stripe })).toMatchObject({ ok: false, reason: "ended" });
      expect(await cancelMonthlyGift(giftId, { db: db(), stripe: h.stripe })).toMatchObject({ ok: false, reason: "ended" });
    });

    it("resends a gift's receipt, once per submission", async () => {
      const original = (await emailsTo("monthly-welcome-receipt"))[0]!;
      const [gift] = await db()
        .select()
        .from(donations)
        .where(eq(donations.stripeInvoiceId, original.idempotencyKey.replace(/^receipt:/, "")));
      expect(await resendReceipt(gift!.id, { db: db(), requestId: "resend-request-01" })).toEqual({ ok: true, to: donorEmail });
      expect(await resendReceipt(gift!.id, { db: db(), requestId: "resend-request-01" })).toEqual({ ok: true, to: donorEmail });
      const copies = (await emailsTo("monthly-receipt")).filter((row) => row.idempotencyKey.startsWith("receipt-resend:"));
      expect(copies).toHaveLength(1);
      // The gift's own receipt number and receipt page, as on the first receipt (sent at once, so
      // the outbox keeps no working link: the email itself has it).
      expect(copies[0]!.props).toMatchObject({
        receiptNumber: (original.props as { receiptNumber: string }).receiptNumber,
        receiptUrl: REDACTED_PROP,
        manageUrl: null,
      });
      const [delivered] = await listDevMailbox(db(), { to: donorEmail, limit: 1 });
      expect(delivered?.html).toContain((original.props as { receiptUrl: string }).receiptUrl);
      expect(await resendReceipt("00000000-0000-4000-8000-000000000000", { db: db() })).toMatchObject({ ok: false, reason: "not-found" });
      expect(await resendReceipt("nonsense", { db: db() })).toMatchObject({ ok: false, reason: "not-found" });
    });
  },
  { seed: true },
);
