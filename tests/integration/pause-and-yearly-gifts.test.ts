/**
 * Yearly gifts and pausing through the real path, on both databases: checkout with a yearly
 * price, the webhooks record a recurring gift with interval "year"; a donor pauses a monthly gift
 * (Stripe pause_collection, behavior void, resumes_at N payments on), one email per change, the
 * webhook stores the pause and the gift leaves MRR; restarting brings it back. Yearly gifts are
 * not paused.
 */
import { and, eq } from "drizzle-orm";
import type Stripe from "stripe";
import { afterAll, beforeAll, expect, it } from "vitest";
import { campaigns, recurringGifts, sentEmails } from "@/db/schema";
import type { GiftCampaign } from "@/lib/donations/gift-campaign";
import { addMonths, pauseMonthlyGift, resumeMonthlyGift } from "@/lib/donors/pause-monthly-gift";
import { readLedgerTotals } from "@/lib/ledger/ledger-totals";
import { createDonationCheckout } from "@/lib/payments/create-checkout";
import { processStripeEvent } from "@/lib/payments/webhooks/process-stripe-event";
import { pay, startEmulator, type Harness } from "../support/stripe-emulator";
import { describeEachDatabase } from "../support/test-database";

it("adds calendar months as Stripe moves a billing date, clamped to the month's end", () => {
  expect(addMonths(new Date("2027-01-07T10:00:00Z"), 2)).toEqual(new Date("2027-03-07T10:00:00Z"));
  expect(addMonths(new Date("2027-01-31T10:00:00Z"), 1)).toEqual(new Date("2027-02-28T10:00:00Z"));
  expect(addMonths(new Date("2026-11-30T23:00:00Z"), 3)).toEqual(new Date("2027-02-28T23:00:00Z"));
});

describeEachDatabase(
  "pausing monthly gifts and giving yearly",
  (db) => {
    let h: Harness;
    let campaign: GiftCampaign;
    const seen = new Set<string>();
    const stamp = Date.now();

    async function deliverNewEvents() {
      const { data } = await h.stripe.events.list({ limit: 100 });
      for (const event of data.filter((candidate) => !seen.has(candidate.id)).reverse()) {
        seen.add(event.id);
        await processStripeEvent(db(), h.stripe, event as Stripe.Event);
      }
    }

    async function give(frequency: "monthly" | "yearly", email: string): Promise<typeof recurringGifts.$inferSelect> {
      const { sessionId, url } = await createDonationCheckout(h.stripe, {
        campaign,
        donation: { frequency, giftAmount: 1_200, feeCoveredAmount: 0, anonymous: false, dedication: null, submissionId: `pause-${frequency}-${stamp}` },
        clientKey: "test",
        appUrl: "http://localhost:3000",
        organisationName: "Lantern",
      });
      expect((await pay({ url } as Stripe.Checkout.Session, "4242 4242 4242 4242", email, "Min Seo")).status).toBe(303);
      await deliverNewEvents();
      const subscriptionId = String((await h.stripe.checkout.sessions.retrieve(sessionId)).subscription);
      const [gift] = await db().select().from(recurringGifts).where(eq(recurringGifts.stripeSubscriptionId, subscriptionId));
      return gift!;
    }

    const totals = async () => {
      const row = (await readLedgerTotals(db())).campaigns.find((candidate) => candidate.campaignId === campaign.id && candidate.currency === "USD");
      return row ?? { activeYearlyGifts: 0, yearlyRecurringAmount: 0, monthlyRecurringRevenue: 0 };
    };
    const changeEmails = async (email: string) =>
      (
        await db()
          .select()
          .from(sentEmails)
          .where(and(eq(sentEmails.toAddress, email), eq(sentEmails.template, "monthly-gift-changed")))
      ).length;

    beforeAll(async () => {
      h = await startEmulator({ webhookUrl: null });
      const [row] = await db().select().from(campaigns).where(eq(campaigns.slug, "inside-north-korea-pandemic-era-controls"));
      campaign = { ...row!, status: "active", frequencies: ["once", "monthly", "yearly"] };
    });
    afterAll(async () => h.close());

    it("records a yearly gift as a recurring gift billed each year, counted among the yearly gifts", async () => {
      const before = await totals();
      const gift = await give("yearly", `yearly-${stamp}@pause.test`);
      expect(gift).toMatchObject({ interval: "year", amount: 1_200, status: "active", pausedUntil: null });
      expect(gift.currentPeriodEnd!.getTime() - gift.createdAt.getTime()).toBeGreaterThan(360 * 86_400_000);
      const after = await totals();
      expect(after.activeYearlyGifts - before.activeYearlyGifts).toBe(1);
      expect(after.yearlyRecurringAmount - before.yearlyRecurringAmount).toBe(1_200);
      expect(after.monthlyRecurringRevenue).toBe(before.monthlyRecurringRevenue);
      // Pausing is for monthly gifts.
      expect(await pauseMonthlyGift(gift.id, 1, { db: db(), stripe: h.stripe })).toMatchObject({ ok: false, message: "Only a monthly gift can be paused." });
    });

    it("pauses a monthly gift for two payments with one email, leaves MRR while paused, and restarts it", async () => {
      const email = `monthly-${stamp}@pause.test`;
      const gift = await give("monthly", email);
      const withGift = await totals();

      const paused = await pauseMonthlyGift(gift.id, 2, { db: db(), stripe: h.stripe, requestId: `pause-request-${stamp}` });
      expect(paused).toMatchObject({ ok: true, changed: true });
      const resumesAt = addMonths(gift.currentPeriodEnd!, 2);
      const subscription = await h.stripe.subscriptions.retrieve(gift.stripeSubscriptionId);
      expect(subscription.pause_collection).toEqual({ behavior: "void", resumes_at: resumesAt.getTime() / 1000 });
      // The same form again: Stripe already has that date, nothing changes and no second email.
      expect(await pauseMonthlyGift(gift.id, 2, { db: db(), stripe: h.stripe, requestId: `pause-request-${stamp}-again` })).toMatchObject({
        ok: true,
        changed: false,
      });
      expect(await changeEmails(email)).toBe(1);

      await deliverNewEvents();
      const [stored] = await db().select().from(recurringGifts).where(eq(recurringGifts.id, gift.id));
      expect(stored).toMatchObject({ status: "active", pausedUntil: resumesAt });
      const whilePaused = await totals();
      expect(withGift.monthlyRecurringRevenue - whilePaused.monthlyRecurringRevenue).toBe(1_200);

      expect(await resumeMonthlyGift(gift.id, { db: db(), stripe: h.stripe, requestId: `resume-request-${stamp}` })).toMatchObject({ ok: true, changed: true });
      expect(await changeEmails(email)).toBe(2);
      await deliverNewEvents();
      const [restarted] = await db().select().from(recurringGifts).where(eq(recurringGifts.id, gift.id));
      expect(restarted!.pausedUntil).toBeNull();
      expect((await totals()).monthlyRecurringRevenue).toBe(withGift.monthlyRecurringRevenue);
      // Restarting a gift that is not paused changes nothing.
      expect(await resumeMonthlyGift(gift.id, { db: db(), stripe: h.stripe })).toMatchObject({ ok: true, changed: false });
      expect(await changeEmails(email)).toBe(2);
    });
  },
  { seed: true },
);
