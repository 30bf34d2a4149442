/**
 * The Reports page's retention figures (issue 26) on a known set of gifts, each figure checked
 * exactly: year-over-year retention, LYBUNT and SYBUNT (counts, lists and CSV), new and returning
 * donors by month, average and median gift per currency, recurring donors gained and lost.
 * Refunded, voided and lost-to-dispute gifts do not count; gifts received offline do.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { users } from "@/db/schema";
import { recordOfflineGift, voidOfflineGift, type OfflineGiftInput } from "@/lib/donations/offline-gifts";
import { getRetentionReport, lapsedDonorsCsv, listLapsedDonors } from "@/lib/reports/retention";
import { insertCampaign, insertDonor, insertGift, insertRecurringGift } from "../support/gift-rows";
import { describeEachDatabase } from "../support/test-database";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lantern-retention-"));
vi.stubEnv("AUTH_SECRET", "r".repeat(44));
vi.stubEnv("LANTERN_DATA_DIR", dataDir);
vi.stubEnv("RESEND_API_KEY", "");
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describeEachDatabase("retention reports", (db) => {
  beforeAll(async () => {
    const campaignId = await insertCampaign(db(), { slug: "retention" });
    const [admin] = await db().insert(users).values({ email: "owner@example.org", role: "owner" }).returning({ id: users.id });
    const adminId = admin!.id;
    const donor = (letter: string) => insertDonor(db(), `${letter}@example.org`, `Donor ${letter.toUpperCase()}`);
    const gift = (donorId: string, day: string, amount: number, extra: Record<string, unknown> = {}) =>
      insertGift(db(), { donorId, campaignId, amount, currency: "USD", paidAt: new Date(`${day}T12:00:00Z`), ...extra });
    const offline = async (email: string, receivedOn: string, amount: number, currency: string) => {
      const input: OfflineGiftInput = {
        method: "cheque",
        amount,
        currency,
        receivedOn,
        donorName: null,
        donorEmail: email,
        campaignId,
        reference: null,
        anonymous: false,
        dedication: null,
      };
      const outcome = await recordOfflineGift(db(), input, { entryKey: randomUUID(), adminId });
      if (!outcome.ok) throw new Error(outcome.reason);
      return outcome.donationId;
    };

    // A: gave in 2023, 2024 (a monthly gift, ended June 2025) and 2025.
    const a = await donor("a");
    const aMonthly = await insertRecurringGift(db(), {
      donorId: a,
      campaignId,
      amount: 2_000,
      currency: "USD",
      status: "canceled",
      endedAt: new Date("2025-06-15T00:00:00Z"),
    });
    await gift(a, "2023-03-10", 1_000);
    await gift(a, "2024-05-01", 2_000, { kind: "recurring", recurringGiftId: aMonthly });
    await gift(a, "2025-02-01", 3_000);
    // B: 2024 (monthly, ended March 2025); 2025's only gift refunded in full, on a monthly gift still going.
    const b = await donor("b");
    const bEnded = await insertRecurringGift(db(), {
      donorId: b,
      campaignId,
      amount: 5_000,
      currency: "USD",
      status: "canceled",
      endedAt: new Date("2025-03-10T00:00:00Z"),
    });
    const bGoing = await insertRecurringGift(db(), { donorId: b, campaignId, amount: 1_000, currency: "USD", status: "active" });
    await gift(b, "2024-07-01", 5_000, { kind: "recurring", recurringGiftId: bEnded });
    await gift(b, "2025-02-15", 1_000, { kind: "recurring", recurringGiftId: bGoing, refundedAmount: 1_000 });
    // C: only 2023.
    const c = await donor("c");
    await gift(c, "2023-06-01", 4_000);
    // D: first gift ever in February 2025 (monthly, in euros), then an offline cheque in March.
    const d = await donor("d");
    const dMonthly = await insertRecurringGift(db(), { donorId: d, campaignId, amount: 2_500, currency: "EUR", status: "active" });
    await gift(d, "2025-02-20", 2_500, { currency: "EUR", kind: "recurring", recurringGiftId: dMonthly });
    await offline("d@example.org", "2025-03-05", 1_501, "EUR");
    // E: 2024, then a 2025 cheque that was voided.
    const e = await donor("e");
    await gift(e, "2024-01-10", 700);
    await voidOfflineGift(db(), await offline("e@example.org", "2025-03-01", 900, "USD"), { reason: "Bounced", adminId });
    // F: a 2022 gift lost to a dispute (never counted), then April 2025.
    const f = await donor("f");
    await gift(f, "2022-05-05", 100, { disputeStatus: "lost" });
    await gift(f, "2025-04-01", 600);
    // G: one offline gift in pounds, February 2025, the first ever.
    await offline("g@example.org", "2025-02-10", 10_000, "GBP");
    // H: 2024 (partly refunded, still counts), then the first payment of a monthly gift in January 2025.
    const h = await donor("h");
    const hMonthly = await insertRecurringGift(db(), { donorId: h, campaignId, amount: 500, currency: "USD", status: "active" });
    await gift(h, "2024-03-03", 3_000, { refundedAmount: 1_000 });
    await gift(h, "2025-01-20", 500, { kind: "recurring", recurringGiftId: hMonthly });
  });

  it("counts donors retained year over year", async () => {
    const report = await getRetentionReport(db(), 2025);
    expect(report.years.slice(-3)).toEqual([
      { year: 2023, donors: 2, previousDonors: 0, retained: 0, rate: null },
      { year: 2024, donors: 4, previousDonors: 2, retained: 1, rate: 0.5 },
      { year: 2025, donors: 5, previousDonors: 4, retained: 2, rate: 0.5 },
    ]);
    expect(report.years.map((entry) => entry.year)).toEqual([2021, 2022, 2023, 2024, 2025]);
    expect(report.years[1]).toMatchObject({ year: 2022, donors: 0 }); // F's 2022 gift was lost to a dispute
  });

  it("counts and lists LYBUNT and SYBUNT donors, and exports them as CSV", async () => {
    const report = await getRetentionReport(db(), 2025);
    expect({ lybunt: report.lybunt, sybunt: report.sybunt }).toEqual({ lybunt: 2, sybunt: 1 });
    const lybunt = await listLapsedDonors(db(), 2025, "lybunt", { limit: 25 });
    expect(lybunt.map((donor) => donor.email)).toEqual(["b@example.org", "e@example.org"]);
    expect((await listLapsedDonors(db(), 2025, "lybunt", { limit: 1, after: lybunt[0]!.id })).map((donor) => donor.email)).toEqual(["e@example.org"]);
    expect((await listLapsedDonors(db(), 2025, "sybunt", { limit: 25 })).map((donor) => donor.email)).toEqual(["c@example.org"]);
    // A year later: 2025's donors who did not give in 2026 are 2026's LYBUNT; 2024's, SYBUNT.
    expect(await getRetentionReport(db(), 2026)).toMatchObject({ lybunt: 5, sybunt: 3 });
    // A year before: later gifts exist, so each donor's years are read from their gifts (A, H and
    // B gave again in 2024; C did not; F's 2022 gift was lost to a dispute).
    expect(await getRetentionReport(db(), 2024)).toMatchObject({ lybunt: 1, sybunt: 0 });
    expect((await listLapsedDonors(db(), 2024, "lybunt", { limit: 25 })).map((donor) => donor.email)).toEqual(["c@example.org"]);
    expect((await getRetentionReport(db(), 2023)).lybunt).toBe(0);

    const csv = await new Response(lapsedDonorsCsv(db(), 2025, "lybunt")).text();
    expect(csv.replace(/^\uFEFF/, "").split("\r\n")).toEqual([
      "Email,Name,Last gift (UTC),Lifetime giving",
      "b@example.org,Donor B,2024-07-01T12:00:00.000Z,USD 50.00",
      "e@example.org,Donor E,2024-01-10T12:00:00.000Z,USD 7.00",
      "",
    ]);
  });

  it("splits each month's donors into new and returning", async () => {
    const { months } = await getRetentionReport(db(), 2025);
    expect(months.slice(0, 5).map(({ month, donors, newDonors, returningDonors }) => ({ month, donors, newDonors, returningDonors }))).toEqual([
      { month: 1, donors: 1, newDonors: 0, returningDonors: 1 },
      { month: 2, donors: 3, newDonors: 2, returningDonors: 1 },
      { month: 3, donors: 1, newDonors: 0, returningDonors: 1 },
      { month: 4, donors: 1, newDonors: 1, returningDonors: 0 },
      { month: 5, donors: 0, newDonors: 0, returningDonors: 0 },
    ]);
    expect(months).toHaveLength(12);
  });

  it("gives the average and median gift per currency, never mixing currencies", async () => {
    expect((await getRetentionReport(db(), 2025)).giftSizes).toEqual([
      { currency: "EUR", gifts: 2, total: 4_001, average: 2_001, median: 2_001 },
      { currency: "GBP", gifts: 1, total: 10_000, average: 10_000, median: 10_000 },
      { currency: "USD", gifts: 3, total: 4_100, average: 1_367, median: 600 },
    ]);
    expect((await getRetentionReport(db(), 2024)).giftSizes).toEqual([{ currency: "USD", gifts: 4, total: 9_700, average: 2_425, median: 2_000 }]);
  });

  it("counts recurring donors gained and lost by month", async () => {
    const report = await getRetentionReport(db(), 2025);
    expect(report.months.filter((month) => month.recurringGained > 0).map(({ month, recurringGained }) => ({ month, recurringGained }))).toEqual([
      { month: 1, recurringGained: 1 },
      { month: 2, recurringGained: 1 },
    ]);
    // B's March ending is not a loss: B's other monthly gift is still going.
    expect(report.months.filter((month) => month.recurringLost > 0).map(({ month, recurringLost }) => ({ month, recurringLost }))).toEqual([
      { month: 6, recurringLost: 1 },
    ]);
    expect({ gained: report.recurringGained, lost: report.recurringLost }).toEqual({ gained: 2, lost: 1 });
    expect(await getRetentionReport(db(), 2024)).toMatchObject({ recurringGained: 2, recurringLost: 0 });
  });
});
