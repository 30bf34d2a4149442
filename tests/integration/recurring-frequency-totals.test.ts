/**
 * The dashboard's recurring figures with yearly and paused gifts, on both databases: "recurring
 * per month" counts monthly gifts as they are and yearly gifts as a twelfth; the yearly gifts
 * are shown on their own (count and yearly amount); a paused monthly gift counts in neither
 * MRR nor active monthly donors until its pause ends. The ledger keeps these figures as each
 * gift changes, and the verifier and the rebuild agree with it.
 */
import { beforeAll, expect, it } from "vitest";
import { upsertRecurringGift, type RecurringGiftState } from "@/lib/donations/recurring-gifts";
import { rebuildLedger } from "@/lib/ledger/rebuild-ledger";
import { verifyLedger } from "@/lib/ledger/verify-ledger";
import { getDashboardTotals, recurringPerMonth } from "@/lib/reports/dashboard-totals";
import { insertCampaign, insertDonor } from "../support/gift-rows";
import { describeEachDatabase } from "../support/test-database";

it("rounds a twelfth of the yearly amounts once, over their sum", () => {
  expect(recurringPerMonth(1_000, 0)).toBe(1_000);
  expect(recurringPerMonth(0, 12_000)).toBe(1_000);
  // 12,100 + 2,400 = 14,500 a year: 1,208.33 a month, not 1,008 + 200 rounded apart.
  expect(recurringPerMonth(1_000, 14_500)).toBe(2_208);
  expect(recurringPerMonth(0, 6)).toBe(1); // half a cent rounds up
});

describeEachDatabase("recurring per month with yearly and paused gifts", (db) => {
  let campaignId: string;
  let donors: string[];
  let counter = 0;
  const gift = (donorId: string, values: Partial<RecurringGiftState>): RecurringGiftState => ({
    stripeSubscriptionId: `sub_frequency_${(counter += 1)}`,
    donorId,
    campaignId,
    amount: 1_000,
    feeCoveredAmount: 0,
    currency: "USD",
    interval: "month",
    status: "active",
    cancelAtPeriodEnd: false,
    cancelAt: null,
    currentPeriodEnd: new Date("2027-01-07T10:00:00Z"),
    canceledAt: null,
    endedAt: null,
    pausedUntil: null,
    anonymous: false,
    dedication: null,
    observedAt: counter,
    ...values,
  });
  const figures = async () => {
    const { campaigns } = await getDashboardTotals(db());
    const totals = campaigns.find((entry) => entry.campaign.id === campaignId)!.totals[0]!;
    const { monthlyRecurringRevenue, activeMonthlyDonors, activeYearlyGifts, yearlyRecurringAmount, recurringPerMonth } = totals;
    return { monthlyRecurringRevenue, activeMonthlyDonors, activeYearlyGifts, yearlyRecurringAmount, recurringPerMonth };
  };

  beforeAll(async () => {
    campaignId = await insertCampaign(db(), { slug: "frequency-figures" });
    donors = [
      await insertDonor(db(), "monthly@example.org"),
      await insertDonor(db(), "yearly@example.org"),
      await insertDonor(db(), "yearly-too@example.org"),
      await insertDonor(db(), "paused@example.org"),
    ];
  });

  it("counts monthly gifts as they are and yearly gifts as a twelfth, the yearly ones also on their own", async () => {
    await upsertRecurringGift(db(), gift(donors[0]!, { amount: 1_000 }));
    await upsertRecurringGift(db(), gift(donors[1]!, { amount: 12_100, interval: "year" }));
    await upsertRecurringGift(db(), gift(donors[2]!, { amount: 2_400, interval: "year" }));
    expect(await figures()).toEqual({
      monthlyRecurringRevenue: 1_000,
      // A yearly donor is not a monthly donor.
      activeMonthlyDonors: 1,
      activeYearlyGifts: 2,
      yearlyRecurringAmount: 14_500,
      recurringPerMonth: 2_208,
    });
  });

  it("leaves a paused monthly gift out of MRR and active donors, and counts it again once the pause ends", async () => {
    const paused = gift(donors[3]!, { amount: 5_000, pausedUntil: new Date("2027-02-07T10:00:00Z") });
    await upsertRecurringGift(db(), paused);
    expect(await figures()).toMatchObject({ monthlyRecurringRevenue: 1_000, activeMonthlyDonors: 1, recurringPerMonth: 2_208 });

    // Stripe clears pause_collection at resumes_at (customer.subscription.updated).
    await upsertRecurringGift(db(), { ...paused, pausedUntil: null, observedAt: paused.observedAt + 100 });
    expect(await figures()).toMatchObject({ monthlyRecurringRevenue: 6_000, activeMonthlyDonors: 2, recurringPerMonth: 7_208 });

    // Paused again: out again.
    await upsertRecurringGift(db(), { ...paused, pausedUntil: new Date("2027-05-07T10:00:00Z"), observedAt: paused.observedAt + 200 });
    expect(await figures()).toMatchObject({ monthlyRecurringRevenue: 1_000, activeMonthlyDonors: 1 });
  });

  it("takes a yearly gift out when it is set to end, and keeps verifier and rebuild in agreement", async () => {
    const ending = gift(donors[1]!, { amount: 6_000, interval: "year" });
    await upsertRecurringGift(db(), ending);
    expect(await figures()).toMatchObject({ activeYearlyGifts: 3, yearlyRecurringAmount: 20_500, recurringPerMonth: 1_000 + 1_708 });
    await upsertRecurringGift(db(), { ...ending, cancelAtPeriodEnd: true, cancelAt: new Date("2027-01-07T10:00:00Z"), observedAt: ending.observedAt + 100 });
    const kept = await figures();
    expect(kept).toMatchObject({ activeYearlyGifts: 2, yearlyRecurringAmount: 14_500, recurringPerMonth: 2_208 });

    expect(await verifyLedger(db())).toEqual([]);
    await rebuildLedger(db());
    expect(await figures()).toEqual(kept);
  });
});
