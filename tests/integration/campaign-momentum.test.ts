import { beforeAll, describe, expect, it } from "vitest";
import { listRecentSupporters } from "@/lib/donations/supporters";
import { campaignMilestones, listDailyRaised } from "@/lib/campaigns/milestones";
import { describeEachDatabase } from "../support/test-database";
import { insertCampaign, insertDonor, insertGift } from "../support/gift-rows";

describeEachDatabase("supporters list and milestones", (db) => {
  let campaignId: string;
  let emptyCampaignId: string;
  const day = (n: number, hour = 12) => new Date(Date.UTC(2026, 2, n, hour));

  beforeAll(async () => {
    campaignId = await insertCampaign(db(), { slug: "momentum", goalAmount: 10_000 });
    emptyCampaignId = await insertCampaign(db(), { slug: "momentum-empty", goalAmount: 10_000 });
    const named = await insertDonor(db(), "min-ji@example.org", "Min-ji  Park");
    const secret = await insertDonor(db(), "secret@example.org", "Very Secret Person");
    const nameless = await insertDonor(db(), "nameless@example.org", null);
    const base = { campaignId, currency: "USD" };
    await insertGift(db(), { ...base, donorId: named, amount: 3_000, paidAt: day(1) });
    await insertGift(db(), {
      ...base,
      donorId: secret,
      amount: 2_500,
      paidAt: day(2),
      anonymous: true,
      dedicationKind: "in_memory",
      dedicationName: "Grandma Kim",
    });
    await insertGift(db(), { ...base, donorId: nameless, amount: 1_000, paidAt: day(3), refundedAmount: 1_000 }); // fully refunded: not a supporter
    await insertGift(db(), { ...base, donorId: nameless, amount: 4_000, paidAt: day(4), refundedAmount: 500, kind: "recurring" });
    await insertGift(db(), { ...base, donorId: named, amount: 1_500, paidAt: day(5), disputeStatus: "lost" }); // lost to a dispute: not counted
    await insertGift(db(), { ...base, donorId: named, amount: 5_000, paidAt: day(6) });
  });

  it("lists the latest gifts that still count, newest first, with first name and initial", async () => {
    const supporters = await listRecentSupporters(db(), campaignId);
    expect(supporters.map((s) => s.paidAt)).toEqual([day(6), day(4), day(2), day(1)].map((d) => d.toISOString()));
    expect(supporters[0]).toEqual({ displayName: "Min-ji P.", anonymous: false, amount: 5_000, currency: "USD", monthly: false, paidAt: day(6).toISOString() });
    // Net of the partial refund; a donor who gave no name is not called anonymous.
    expect(supporters[1]).toMatchObject({ displayName: null, anonymous: false, amount: 3_500, monthly: true });
  });

  it("never returns the name or the amount of a gift made anonymously", async () => {
    const anonymous = (await listRecentSupporters(db(), campaignId)).find((s) => s.anonymous);
    expect(anonymous).toEqual({ displayName: null, anonymous: true, amount: null, currency: "USD", monthly: false, paidAt: day(2).toISOString() });
    expect(JSON.stringify(anonymous)).not.toMatch(/Secret|Grandma|2500/);
  });

  it("returns at most the limit, and nothing for a campaign without gifts", async () => {
    expect(await listRecentSupporters(db(), campaignId, 2)).toHaveLength(2);
    expect(await listRecentSupporters(db(), emptyCampaignId)).toEqual([]);
  });

  it("dates the milestones from the ledger's daily totals", async () => {
    // Days whose gifts were refunded or lost to a dispute add nothing and are left out.
    const days = await listDailyRaised(db(), campaignId, "USD");
    expect(days).toEqual([
      { day: "2026-03-01", netAmount: 3_000 },
      { day: "2026-03-02", netAmount: 2_500 },
      { day: "2026-03-04", netAmount: 3_500 },
      { day: "2026-03-06", netAmount: 5_000 },
    ]);
    // 14,000 raised of a 10,000 goal: half way on the 2nd (5,500), the goal on the 6th (14,000; 9,000 before).
    expect(campaignMilestones(10_000, 14_000, days)).toEqual([
      { percent: 50, amount: 5_000, reached: true, reachedOn: "2026-03-02" },
      { percent: 100, amount: 10_000, reached: true, reachedOn: "2026-03-06" },
    ]);
    expect(await listDailyRaised(db(), emptyCampaignId, "USD")).toEqual([]);
  });
});

describe("campaign milestones", () => {
  it("none without a goal", () => {
    expect(campaignMilestones(null, 5_000, [])).toEqual([]);
  });

  it("not reached below the amount, reached exactly at it, and rounds odd goals up", () => {
    expect(campaignMilestones(10_001, 5_000, [{ day: "2026-01-01", netAmount: 5_000 }])).toEqual([
      { percent: 50, amount: 5_001, reached: false, reachedOn: null },
      { percent: 100, amount: 10_001, reached: false, reachedOn: null },
    ]);
    expect(campaignMilestones(10_000, 5_000, [{ day: "2026-01-01", netAmount: 5_000 }])[0]).toEqual({
      percent: 50,
      amount: 5_000,
      reached: true,
      reachedOn: "2026-01-01",
    });
  });

  it("orders the days itself, and keeps accepting a total past the goal", () => {
    const days = [
      { day: "2026-01-03", netAmount: 20_000 },
      { day: "2026-01-01", netAmount: 6_000 },
    ];
    expect(campaignMilestones(10_000, 26_000, days).map((m) => [m.reached, m.reachedOn])).toEqual([
      [true, "2026-01-01"],
      [true, "2026-01-03"],
    ]);
  });
});
