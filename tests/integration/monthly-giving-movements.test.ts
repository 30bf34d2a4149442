/**
 * The dashboard's monthly-giving movements: gifts set to end (period-end cancellation or a
 * scheduled cancel_at) and gifts cancelled in the chosen period with the monthly income lost,
 * per currency and campaign; ending and cancelled gifts stay out of MRR.
 */
import { beforeAll, expect, it } from "vitest";
import { readLedgerTotals } from "@/lib/ledger/ledger-totals";
import { getMonthlyGivingMovements } from "@/lib/reports/monthly-giving-movements";
import { insertCampaign, insertDonor, insertRecurringGift } from "../support/gift-rows";
import { describeEachDatabase } from "../support/test-database";

describeEachDatabase("monthly giving movements", (db) => {
  let campaignA = "";
  let campaignB = "";

  beforeAll(async () => {
    campaignA = await insertCampaign(db(), { slug: "movements-a", title: "Movements A" });
    campaignB = await insertCampaign(db(), { slug: "movements-b", title: "Movements B" });
    const donor = await insertDonor(db(), "monthly@example.org");
    const gift = (campaignId: string, amount: number, extra: Partial<Parameters<typeof insertRecurringGift>[1]> = {}) =>
      insertRecurringGift(db(), { donorId: donor, campaignId, amount, currency: "USD", status: "active", ...extra });
    await gift(campaignA, 1_000); // active: in MRR
    await gift(campaignA, 2_000, { status: "past_due" }); // Stripe still retrying: in MRR
    await gift(campaignA, 3_000, { cancelAtPeriodEnd: true, cancelAt: new Date("2026-04-10T00:00:00Z"), currentPeriodEnd: new Date("2026-04-10T00:00:00Z") });
    await gift(campaignB, 4_000, { cancelAt: new Date("2026-04-02T00:00:00Z") }); // scheduled end
    await gift(campaignA, 5_000, { status: "canceled", canceledAt: new Date("2026-03-01T00:00:00Z"), endedAt: new Date("2026-03-15T12:00:00Z") });
    await gift(campaignB, 6_000, { status: "canceled", endedAt: new Date("2026-02-27T00:00:00Z") }); // before the range
    await gift(campaignA, 7_000, { currency: "EUR", cancelAtPeriodEnd: true, currentPeriodEnd: new Date("2026-04-20T00:00:00Z") });
  });

  it("lists ending gifts soonest first and counts churn by the day the gift ended", async () => {
    const all = await getMonthlyGivingMovements(db(), { range: { from: "2026-03-01", to: "2026-03-31" }, currency: "USD" });
    expect(all).toMatchObject({ endingCount: 2, endingMonthlyAmount: 7_000, churnedCount: 1, churnedMonthlyAmount: 5_000 });
    expect(all.ending.map((gift) => [gift.campaignTitle, gift.amount, gift.endsOn?.toISOString()])).toEqual([
      ["Movements B", 4_000, "2026-04-02T00:00:00.000Z"],
      ["Movements A", 3_000, "2026-04-10T00:00:00.000Z"],
    ]);

    const onlyA = await getMonthlyGivingMovements(db(), { range: { from: "2026-02-01", to: "2026-03-31" }, currency: "USD", campaignId: campaignA });
    expect(onlyA).toMatchObject({ endingCount: 1, endingMonthlyAmount: 3_000, churnedCount: 1, churnedMonthlyAmount: 5_000 });
    const onlyB = await getMonthlyGivingMovements(db(), { range: { from: "2026-02-01", to: "2026-03-31" }, currency: "USD", campaignId: campaignB });
    expect(onlyB).toMatchObject({ endingCount: 1, churnedCount: 1, churnedMonthlyAmount: 6_000 });

    const euro = await getMonthlyGivingMovements(db(), { range: { from: "2026-03-01", to: "2026-03-31" }, currency: "EUR" });
    expect(euro).toMatchObject({ endingCount: 1, endingMonthlyAmount: 7_000, churnedCount: 0, churnedMonthlyAmount: 0 });
    expect(euro.ending[0]?.endsOn?.toISOString()).toBe("2026-04-20T00:00:00.000Z"); // no cancel_at: the period's end
  });

  it("keeps ending and cancelled gifts out of MRR and active monthly donors; past due stays in", async () => {
    const ledger = await readLedgerTotals(db());
    const usdA = ledger.campaigns.find((row) => row.campaignId === campaignA && row.currency === "USD")!;
    const usdB = ledger.campaigns.find((row) => row.campaignId === campaignB && row.currency === "USD");
    expect(usdA).toMatchObject({ monthlyRecurringRevenue: 3_000, activeMonthlyDonors: 1 });
    expect(usdB?.monthlyRecurringRevenue ?? 0).toBe(0);
    expect(ledger.campaigns.find((row) => row.campaignId === campaignA && row.currency === "EUR")?.monthlyRecurringRevenue ?? 0).toBe(0);
  });
});
