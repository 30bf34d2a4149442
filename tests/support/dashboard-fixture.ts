/**
 * A small gift history whose every dashboard figure is worked out by hand below: refunds
 * (full and partial), one-off and monthly gifts, two currencies (a campaign in USD that also
 * received a JPY gift, a campaign in JPY), an anonymous gift with a dedication, and monthly
 * gifts that are not active. Test-only direct inserts.
 */
import type { Database } from "@/db/database";
import { insertCampaign, insertDonor, insertGift, insertRecurringGift } from "./gift-rows";

export interface DashboardFixture {
  campaignA: string;
  campaignB: string;
  generalFund: string;
  draft: string;
}

export async function insertDashboardFixture(db: Database): Promise<DashboardFixture> {
  const campaignA = await insertCampaign(db, { slug: "campaign-a", title: "Campaign A", currency: "USD", goalAmount: 100_000, featured: true });
  const campaignB = await insertCampaign(db, { slug: "campaign-b", title: "Campaign B", currency: "JPY", goalAmount: 1_000_000 });
  const generalFund = await insertCampaign(db, { slug: "general-fund", title: "General fund", kind: "general_fund", currency: "USD", goalAmount: null });
  const draft = await insertCampaign(db, { slug: "campaign-draft", title: "Draft campaign", status: "draft", currency: "USD", goalAmount: 50_000 });

  const ann = await insertDonor(db, "ann@example.org", "Ann");
  const ben = await insertDonor(db, "ben@example.org", "Ben");
  const cat = await insertDonor(db, "cat@example.org", "Cat");
  const dan = await insertDonor(db, "dan@example.org", null);
  const eve = await insertDonor(db, "eve@example.org", "Eve");
  const fay = await insertDonor(db, "fay@example.org", "Fay");
  const gus = await insertDonor(db, "gus@example.org", "Gus");
  const hal = await insertDonor(db, "hal@example.org", "Hal");

  const benMonthly = await insertRecurringGift(db, { donorId: ben, campaignId: campaignA, amount: 2_500, currency: "USD", status: "active" });
  const eveMonthly = await insertRecurringGift(db, { donorId: eve, campaignId: campaignB, amount: 3_000, currency: "JPY", status: "active" });
  await insertRecurringGift(db, { donorId: gus, campaignId: campaignA, amount: 1_000, currency: "USD", status: "canceled" });
  // Never charged again, so out of MRR: Stripe gave up (unpaid), and one cancelled at its period's end.
  await insertRecurringGift(db, { donorId: hal, campaignId: campaignA, amount: 1_500, currency: "USD", status: "unpaid" });
  await insertRecurringGift(db, {
    donorId: fay,
    campaignId: campaignA,
    amount: 4_000,
    currency: "USD",
    status: "active",
    cancelAtPeriodEnd: true,
    cancelAt: new Date("2026-04-01T00:00:00Z"),
  });

  const at = (iso: string) => new Date(iso);
  // Campaign A, USD
  await insertGift(db, {
    donorId: ann,
    campaignId: campaignA,
    amount: 10_000,
    feeCoveredAmount: 300,
    currency: "USD",
    paidAt: at("2026-03-02T10:00:00Z"),
    processingFeeAmount: 320,
    feeAmount: 320,
  });
  await insertGift(db, {
    donorId: ben,
    campaignId: campaignA,
    amount: 5_000,
    refundedAmount: 5_000,
    currency: "USD",
    paidAt: at("2026-03-05T12:00:00Z"),
    processingFeeAmount: 175,
    feeAmount: 175,
  });
  await insertGift(db, {
    donorId: ben,
    campaignId: campaignA,
    amount: 2_500,
    currency: "USD",
    kind: "recurring",
    recurringGiftId: benMonthly,
    paidAt: at("2026-03-02T23:30:00Z"),
  });
  await insertGift(db, {
    donorId: cat,
    campaignId: campaignA,
    amount: 7_000,
    refundedAmount: 2_000,
    currency: "USD",
    anonymous: true,
    dedicationKind: "in_memory",
    dedicationName: "Grandma Kim",
    paidAt: at("2026-03-03T00:10:00Z"),
  });
  // Campaign A, a gift in JPY: kept apart from its USD figures.
  await insertGift(db, { donorId: dan, campaignId: campaignA, amount: 5_000, currency: "JPY", paidAt: at("2026-03-04T08:00:00Z") });
  // Campaign B, JPY
  await insertGift(db, {
    donorId: eve,
    campaignId: campaignB,
    amount: 3_000,
    currency: "JPY",
    kind: "recurring",
    recurringGiftId: eveMonthly,
    paidAt: at("2026-02-10T09:00:00Z"),
  });
  await insertGift(db, {
    donorId: eve,
    campaignId: campaignB,
    amount: 3_000,
    currency: "JPY",
    kind: "recurring",
    recurringGiftId: eveMonthly,
    paidAt: at("2026-03-10T09:00:00Z"),
  });
  await insertGift(db, { donorId: ann, campaignId: campaignB, amount: 10_000, currency: "JPY", paidAt: at("2026-03-06T15:00:00Z") });
  // General fund, USD
  await insertGift(db, { donorId: fay, campaignId: generalFund, amount: 2_000, currency: "USD", paidAt: at("2026-03-09T06:00:00Z") });

  return { campaignA, campaignB, generalFund, draft };
}
