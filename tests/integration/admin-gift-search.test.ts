/**
 * The admin gift list's donor search (email or name, any case, the user's text never read as a
 * pattern or as SQL) and its status column (refunds, disputes, where a monthly gift stands).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { listRecentGifts } from "@/lib/reports/recent-gifts";
import { giftExportBatches } from "@/lib/reports/gifts-export";
import { parseGiftFilter } from "@/lib/reports/report-filters";
import { describeEachDatabase } from "../support/test-database";
import { insertCampaign, insertDonor, insertGift, insertRecurringGift } from "../support/gift-rows";

describeEachDatabase("admin gift search and status", (db) => {
  let campaignId: string;
  beforeAll(async () => {
    campaignId = await insertCampaign(db(), { slug: "search-fixture" });
    const ann = await insertDonor(db(), "ann.lee@example.org", "Ann Lee");
    const bob = await insertDonor(db(), "bob@example.net", "Robert O'Brien");
    const pct = await insertDonor(db(), "percent_100@example.com", null);
    // Ends at the period's end: still "active" at Stripe.
    const monthly = await insertRecurringGift(db(), {
      donorId: bob,
      campaignId,
      amount: 1_500,
      currency: "USD",
      status: "active",
      cancelAtPeriodEnd: true,
      currentPeriodEnd: new Date("2026-05-03T10:00:00Z"),
    });
    const base = { campaignId, currency: "USD" };
    await insertGift(db(), { ...base, donorId: ann, amount: 5_000, paidAt: new Date("2026-04-01T10:00:00Z") });
    await insertGift(db(), { ...base, donorId: ann, amount: 2_000, refundedAmount: 500, paidAt: new Date("2026-04-02T10:00:00Z"), anonymous: true });
    await insertGift(db(), { ...base, donorId: bob, amount: 1_500, kind: "recurring", recurringGiftId: monthly, paidAt: new Date("2026-04-03T10:00:00Z") });
    await insertGift(db(), { ...base, donorId: pct, amount: 3_000, refundedAmount: 3_000, paidAt: new Date("2026-04-04T10:00:00Z") });
    await insertGift(db(), { ...base, donorId: pct, amount: 4_000, disputeStatus: "needs_response", paidAt: new Date("2026-04-05T10:00:00Z") });
  });

  const search = async (q: string) => (await listRecentGifts(db(), parseGiftFilter({ q, campaign: campaignId }), { limit: 50 })).gifts;

  describe("search", () => {
    it("finds a donor's gifts by part of the email, in any case, anonymous gifts included", async () => {
      const gifts = await search("  ANN.LEE@Example ");
      expect(gifts.map((gift) => [gift.amount, gift.donorName])).toEqual([
        [2_000, null],
        [5_000, "Ann Lee"],
      ]);
    });

    it("finds a donor by part of the name", async () => {
      expect((await search("o'bri")).map((gift) => gift.amount)).toEqual([1_500]);
      expect((await search("lee")).map((gift) => gift.amount)).toEqual([2_000, 5_000]);
    });

    it("reads % and _ as themselves, not as wildcards", async () => {
      expect((await search("%")).map((gift) => gift.amount)).toEqual([]);
      expect((await search("_")).map((gift) => gift.amount)).toEqual([4_000, 3_000]);
      expect((await search("t_1")).map((gift) => gift.amount)).toEqual([4_000, 3_000]);
      expect((await search("t1")).map((gift) => gift.amount)).toEqual([]);
    });

    it("treats quotes, backslashes and SQL as plain text", async () => {
      for (const text of ["'; drop table donations; --", "\\", "a\\%"]) expect(await search(text)).toEqual([]);
      expect((await listRecentGifts(db(), { campaignId }, { limit: 50 })).gifts).toHaveLength(5);
    });

    it("keeps cursor pagination within the search", async () => {
      const first = await listRecentGifts(db(), parseGiftFilter({ q: "example", campaign: campaignId }), { limit: 2 });
      expect(first.gifts.map((gift) => gift.amount)).toEqual([4_000, 3_000]);
      const second = await listRecentGifts(db(), parseGiftFilter({ q: "example", campaign: campaignId }), { limit: 2, before: first.olderCursor! });
      expect(second.gifts.map((gift) => gift.amount)).toEqual([1_500, 2_000]);
      const back = await listRecentGifts(db(), parseGiftFilter({ q: "example", campaign: campaignId }), { limit: 2, after: second.newerCursor! });
      expect(back.gifts.map((gift) => gift.amount)).toEqual([4_000, 3_000]);
    });

    it("applies to the CSV export too", async () => {
      const rows = [];
      for await (const batch of giftExportBatches(db(), parseGiftFilter({ q: "BOB@", campaign: campaignId }))) rows.push(...batch);
      expect(rows.map((row) => row.donorEmail)).toEqual(["bob@example.net"]);
    });

    it("ignores an empty search and cuts a very long one", () => {
      expect(parseGiftFilter({ q: "   " }).donorSearch).toBeUndefined();
      expect(parseGiftFilter({ q: "x".repeat(5_000) }).donorSearch).toHaveLength(100);
    });
  });

  describe("status column", () => {
    it("says refunded, partly refunded, disputed, and where a monthly gift stands", async () => {
      const gifts = await listRecentGifts(db(), { campaignId }, { limit: 50 });
      expect(gifts.gifts.map((gift) => [gift.amount, gift.status.map((label) => label.text)])).toEqual([
        [4_000, ["Disputed: needs response"]],
        [3_000, ["Refunded"]],
        [1_500, ["Paid", "Monthly gift ending on May 3, 2026"]],
        [2_000, ["Partly refunded ($5.00)"]],
        [5_000, ["Paid"]],
      ]);
    });
  });
});
