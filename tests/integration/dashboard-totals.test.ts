import { beforeAll, expect, it } from "vitest";
import { getDashboardTotals, type GiftTotals } from "@/lib/reports/dashboard-totals";
import { describeEachDatabase } from "../support/test-database";
import { insertDashboardFixture, type DashboardFixture } from "../support/dashboard-fixture";

const zero: Omit<GiftTotals, "currency"> = {
  raisedAmount: 0,
  grossAmount: 0,
  refundedAmount: 0,
  disputeLostAmount: 0,
  feeAmount: 0,
  netAfterFeesAmount: 0,
  feeNotRecordedCount: 0,
  giftCount: 0,
  donorCount: 0,
  oneOffAmount: 0,
  oneOffCount: 0,
  monthlyAmount: 0,
  monthlyCount: 0,
  averageGiftAmount: null,
  activeMonthlyDonors: 0,
  monthlyRecurringRevenue: 0,
  activeYearlyGifts: 0,
  yearlyRecurringAmount: 0,
  recurringPerMonth: 0,
  matchedAmount: 0,
};

describeEachDatabase("dashboard totals", (db) => {
  let fixture: DashboardFixture;
  beforeAll(async () => {
    fixture = await insertDashboardFixture(db());
  });

  it("computes each campaign's figures per currency, net of refunds", async () => {
    const { campaigns } = await getDashboardTotals(db());
    const a = campaigns.find((entry) => entry.campaign.id === fixture.campaignA)!;
    // USD: 10,000 + 0 (fully refunded) + 2,500 (monthly) + 5,000 (7,000 less 2,000 refunded)
    expect(a.totals[0]).toEqual({
      currency: "USD",
      raisedAmount: 17_500,
      grossAmount: 24_500,
      refundedAmount: 7_000,
      disputeLostAmount: 0,
      // Stripe's fees on ann's and ben's gifts (3.20 + 1.75): a refund does not return a fee.
      feeAmount: 495,
      netAfterFeesAmount: 17_005,
      // The fixture's other two USD gifts have no fee read from Stripe: unknown, not 0.
      feeNotRecordedCount: 2,
      giftCount: 3,
      donorCount: 3,
      oneOffAmount: 15_000,
      oneOffCount: 2,
      monthlyAmount: 2_500,
      monthlyCount: 1,
      averageGiftAmount: 5_833,
      activeMonthlyDonors: 1,
      monthlyRecurringRevenue: 2_500,
      activeYearlyGifts: 0,
      yearlyRecurringAmount: 0,
      recurringPerMonth: 2_500,
      matchedAmount: 0,
    });
    // The one JPY gift to this USD campaign stays in JPY, never added to dollars.
    expect(a.totals[1]).toEqual({
      ...zero,
      currency: "JPY",
      raisedAmount: 5_000,
      grossAmount: 5_000,
      netAfterFeesAmount: 5_000,
      feeNotRecordedCount: 1,
      giftCount: 1,
      donorCount: 1,
      oneOffAmount: 5_000,
      oneOffCount: 1,
      averageGiftAmount: 5_000,
    });
    expect(a.totals).toHaveLength(2);
    expect(a.progressPercent).toBe(17);

    const b = campaigns.find((entry) => entry.campaign.id === fixture.campaignB)!;
    expect(b.totals).toEqual([
      {
        currency: "JPY",
        raisedAmount: 16_000,
        grossAmount: 16_000,
        refundedAmount: 0,
        disputeLostAmount: 0,
        feeAmount: 0,
        netAfterFeesAmount: 16_000,
        feeNotRecordedCount: 3,
        giftCount: 3,
        donorCount: 2,
        oneOffAmount: 10_000,
        oneOffCount: 1,
        monthlyAmount: 6_000,
        monthlyCount: 2,
        averageGiftAmount: 5_333,
        activeMonthlyDonors: 1,
        monthlyRecurringRevenue: 3_000,
        activeYearlyGifts: 0,
        yearlyRecurringAmount: 0,
        recurringPerMonth: 3_000,
        matchedAmount: 0,
      },
    ]);
    expect(b.progressPercent).toBe(1);
  });

  it("shows campaigns without gifts with zero figures in their own currency", async () => {
    const { campaigns } = await getDashboardTotals(db());
    const draft = campaigns.find((entry) => entry.campaign.id === fixture.draft)!;
    expect(draft.campaign.status).toBe("draft");
    expect(draft.totals).toEqual([{ ...zero, currency: "USD" }]);
    expect(draft.progressPercent).toBe(0);
  });

  it("totals all campaigns per currency, counting a donor once per currency", async () => {
    const { overall } = await getDashboardTotals(db());
    expect(overall).toEqual([
      {
        currency: "JPY",
        raisedAmount: 21_000,
        grossAmount: 21_000,
        refundedAmount: 0,
        disputeLostAmount: 0,
        feeAmount: 0,
        netAfterFeesAmount: 21_000,
        feeNotRecordedCount: 4,
        giftCount: 4,
        donorCount: 3, // dan, eve, ann
        oneOffAmount: 15_000,
        oneOffCount: 2,
        monthlyAmount: 6_000,
        monthlyCount: 2,
        averageGiftAmount: 5_250,
        activeMonthlyDonors: 1,
        monthlyRecurringRevenue: 3_000,
        activeYearlyGifts: 0,
        yearlyRecurringAmount: 0,
        recurringPerMonth: 3_000,
        matchedAmount: 0,
      },
      {
        currency: "USD",
        raisedAmount: 19_500,
        grossAmount: 26_500,
        refundedAmount: 7_000,
        disputeLostAmount: 0,
        feeAmount: 495,
        netAfterFeesAmount: 19_005,
        feeNotRecordedCount: 3,
        giftCount: 4,
        donorCount: 4, // ann, ben, cat, fay (ann's JPY gift is counted under JPY only)
        oneOffAmount: 17_000,
        oneOffCount: 3,
        monthlyAmount: 2_500,
        monthlyCount: 1,
        averageGiftAmount: 4_875,
        activeMonthlyDonors: 1, // canceled, unpaid and ending monthly gifts do not count
        monthlyRecurringRevenue: 2_500,
        activeYearlyGifts: 0,
        yearlyRecurringAmount: 0,
        recurringPerMonth: 2_500,
        matchedAmount: 0,
      },
    ]);
  });

  it("adds up goals per currency over public campaigns only", async () => {
    const { goals } = await getDashboardTotals(db());
    expect(goals).toEqual([
      { currency: "JPY", goalAmount: 1_000_000, raisedAmount: 16_000, campaignCount: 1, progressPercent: 1 },
      // the draft's goal and the general fund (no goal) are left out
      { currency: "USD", goalAmount: 100_000, raisedAmount: 17_500, campaignCount: 1, progressPercent: 17 },
    ]);
  });
});
