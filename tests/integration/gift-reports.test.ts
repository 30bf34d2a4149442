import { beforeAll, describe, expect, it } from "vitest";
import { rebuildLedger } from "@/lib/ledger/rebuild-ledger";
import { getGiftTrend } from "@/lib/reports/gift-trend";
import { listRecentGifts } from "@/lib/reports/recent-gifts";
import { giftExportBatches, giftsCsv } from "@/lib/reports/gifts-export";
import { describeEachDatabase } from "../support/test-database";
import { insertDashboardFixture, type DashboardFixture } from "../support/dashboard-fixture";
import { insertDonor, insertGift } from "../support/gift-rows";

async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  // ignoreBOM keeps the byte order mark (Response.text() would drop it).
  return new TextDecoder("utf-8", { ignoreBOM: true }).decode(await new Response(stream).arrayBuffer());
}

describeEachDatabase("gift reports", (db) => {
  let fixture: DashboardFixture;
  beforeAll(async () => {
    fixture = await insertDashboardFixture(db());
  });

  describe("trend", () => {
    it("buckets a campaign's gifts per UTC day, every day present", async () => {
      const points = await getGiftTrend(db(), {
        range: { from: "2026-03-01", to: "2026-03-06" },
        granularity: "day",
        currency: "USD",
        campaignId: fixture.campaignA,
      });
      expect(points).toEqual([
        { bucket: "2026-03-01", giftCount: 0, raisedAmount: 0 },
        // 10:00 and 23:30 UTC on the 2nd; the 00:10 gift belongs to the 3rd
        { bucket: "2026-03-02", giftCount: 2, raisedAmount: 12_500 },
        { bucket: "2026-03-03", giftCount: 1, raisedAmount: 5_000 },
        { bucket: "2026-03-04", giftCount: 0, raisedAmount: 0 }, // that day's gift was in JPY
        { bucket: "2026-03-05", giftCount: 0, raisedAmount: 0 }, // fully refunded
        { bucket: "2026-03-06", giftCount: 0, raisedAmount: 0 },
      ]);
    });

    it("buckets all campaigns per week starting on Monday, in one currency", async () => {
      const usd = await getGiftTrend(db(), { range: { from: "2026-03-01", to: "2026-03-10" }, granularity: "week", currency: "USD" });
      expect(usd).toEqual([
        { bucket: "2026-02-23", giftCount: 0, raisedAmount: 0 },
        { bucket: "2026-03-02", giftCount: 3, raisedAmount: 17_500 },
        { bucket: "2026-03-09", giftCount: 1, raisedAmount: 2_000 },
      ]);
      const jpy = await getGiftTrend(db(), { range: { from: "2026-03-01", to: "2026-03-10" }, granularity: "week", currency: "JPY" });
      expect(jpy).toEqual([
        { bucket: "2026-02-23", giftCount: 0, raisedAmount: 0 },
        { bucket: "2026-03-02", giftCount: 2, raisedAmount: 15_000 },
        { bucket: "2026-03-09", giftCount: 1, raisedAmount: 3_000 },
      ]);
    });
  });

  describe("recent gifts", () => {
    it("lists newest first with donor, anonymity, dedication and kind", async () => {
      const page = await listRecentGifts(db(), { campaignId: fixture.campaignA }, { limit: 10 });
      expect(page.gifts.map((gift) => [gift.paidAt, gift.donorName, gift.amount, gift.currency, gift.kind])).toEqual([
        ["2026-03-05T12:00:00.000Z", "Ben", 5_000, "USD", "one_off"],
        ["2026-03-04T08:00:00.000Z", "dan@example.org", 5_000, "JPY", "one_off"],
        ["2026-03-03T00:10:00.000Z", null, 7_000, "USD", "one_off"],
        ["2026-03-02T23:30:00.000Z", "Ben", 2_500, "USD", "recurring"],
        ["2026-03-02T10:00:00.000Z", "Ann", 10_000, "USD", "one_off"],
      ]);
      expect(page.gifts[0]?.refundedAmount).toBe(5_000);
      expect(page.gifts[2]?.dedication).toEqual({ kind: "in_memory", name: "Grandma Kim" });
      expect(page.olderCursor).toBeNull();
      expect(page.newerCursor).toBeNull();
    });

    it("filters by kind and by UTC date range", async () => {
      const monthly = await listRecentGifts(db(), { kind: "recurring" });
      expect(monthly.gifts.map((gift) => gift.paidAt)).toEqual(["2026-03-10T09:00:00.000Z", "2026-03-02T23:30:00.000Z", "2026-02-10T09:00:00.000Z"]);
      const march3 = await listRecentGifts(db(), { range: { from: "2026-03-03", to: "2026-03-04" } });
      expect(march3.gifts.map((gift) => gift.paidAt)).toEqual(["2026-03-04T08:00:00.000Z", "2026-03-03T00:10:00.000Z"]);
    });

    it("pages backwards and forwards by cursor without gaps or repeats", async () => {
      const all = (await listRecentGifts(db(), {}, { limit: 100 })).gifts.map((gift) => gift.id);
      expect(all).toHaveLength(9);
      const seen: string[] = [];
      let page = await listRecentGifts(db(), {}, { limit: 4 });
      expect(page.newerCursor).toBeNull();
      seen.push(...page.gifts.map((gift) => gift.id));
      const pages = [page];
      while (page.olderCursor) {
        page = await listRecentGifts(db(), {}, { limit: 4, before: page.olderCursor });
        pages.push(page);
        seen.push(...page.gifts.map((gift) => gift.id));
      }
      expect(seen).toEqual(all);
      expect(pages.map((p) => p.gifts.length)).toEqual([4, 4, 1]);
      // back from the last page to the second, then the first
      const second = await listRecentGifts(db(), {}, { limit: 4, after: pages[2]!.newerCursor! });
      expect(second.gifts.map((gift) => gift.id)).toEqual(all.slice(4, 8));
      const first = await listRecentGifts(db(), {}, { limit: 4, after: second.newerCursor! });
      expect(first.gifts.map((gift) => gift.id)).toEqual(all.slice(0, 4));
      expect(first.newerCursor).toBeNull();
    });

    it("keeps microsecond-apart gifts distinct across pages", async () => {
      const campaign = fixture.generalFund;
      const donor = await insertDonor(db(), "micro@example.org", "Micro");
      // Same millisecond, different microseconds (written through SQL so JS Dates do not round them).
      const ids: string[] = [];
      for (let i = 0; i < 3; i += 1)
        ids.push(
          await insertGift(db(), { donorId: donor, campaignId: campaign, amount: 100 + i, currency: "EUR", paidAt: new Date("2026-01-01T00:00:00.000Z") }),
        );
      const { sql } = await import("drizzle-orm");
      await db().execute(sql`update donations set paid_at = paid_at + (amount - 100) * interval '1 microsecond' where currency = 'EUR'`);
      await rebuildLedger(db()); // the donor's last gift moved with it (ledger:verify checks it after the suite)
      const firstPage = await listRecentGifts(db(), { range: { from: "2026-01-01", to: "2026-01-01" } }, { limit: 2 });
      const secondPage = await listRecentGifts(db(), { range: { from: "2026-01-01", to: "2026-01-01" } }, { limit: 2, before: firstPage.olderCursor! });
      expect([...firstPage.gifts, ...secondPage.gifts].map((gift) => gift.amount)).toEqual([102, 101, 100]);
    });
  });

  describe("CSV export", () => {
    it("streams every gift in the range, oldest first, in batches", async () => {
      const batches: number[] = [];
      for await (const batch of giftExportBatches(db(), { range: { from: "2026-02-01", to: "2026-03-31" } }, 4)) batches.push(batch.length);
      expect(batches).toEqual([4, 4, 1]);
      const csv = await readAll(giftsCsv(db(), { campaignId: fixture.campaignA, range: { from: "2026-03-03", to: "2026-03-03" } }));
      expect(
        csv.startsWith(
          "\uFEFFPaid at (UTC),Campaign,Campaign slug,Kind,Donor name,Donor email,Anonymous,Currency,Amount,Fee covered,Refunded,Net,Fee,Net after fees,Settled in,Settled amount,Settled refunds and disputes,Settled fees,Settled net,Exchange rate,Method,Reference,Void,Dedication,Dedicated to,Dispute,Embedded on,Widget,Matched,Matched by,Answers,Postal address,Stripe payment intent,Stripe invoice,Gift id\r\n",
        ),
      ).toBe(true);
      const lines = csv.trimEnd().split("\r\n");
      expect(lines).toHaveLength(2);
      expect(lines[1]).toMatch(
        /^2026-03-03T00:10:00Z,Campaign A,campaign-a,one-off,Cat,cat@example\.org,yes,USD,70\.00,0\.00,20\.00,50\.00,unknown,unknown,,,,,,,Card \(Stripe\),,no,in memory of,Grandma Kim,,,,0\.00,,,,pi_test_[0-9a-f-]+,,[0-9a-f-]{36}$/,
      );
    });

    it("writes zero-decimal currencies without decimals", async () => {
      const csv = await readAll(giftsCsv(db(), { campaignId: fixture.campaignB, kind: "one_off" }));
      // A Stripe gift whose fee was never read (the fixture's): its fee is unknown, not 0.
      expect(csv).toContain(",JPY,10000,0,0,10000,unknown,unknown,");
    });

    it("escapes formulas, quotes, commas and newlines in cells", async () => {
      const campaign = fixture.generalFund;
      const names = ['=HYPERLINK("http://evil.example","x")', "+1 555", "-2+3", "@SUM(A1)", 'Smith, "Jo"\nSecond line'];
      for (const [index, name] of names.entries()) {
        const donor = await insertDonor(db(), `csv${index}@example.org`, name);
        await insertGift(db(), {
          donorId: donor,
          campaignId: campaign,
          amount: 1_000,
          currency: "GBP",
          paidAt: new Date(`2025-05-0${index + 1}T12:00:00Z`),
          dedicationKind: "in_honour",
          dedicationName: "=1+1",
        });
      }
      const csv = await readAll(giftsCsv(db(), { range: { from: "2025-05-01", to: "2025-05-31" } }));
      expect(csv).toContain(`,"'=HYPERLINK(""http://evil.example"",""x"")",`);
      expect(csv).toContain(",'+1 555,");
      expect(csv).toContain(",'-2+3,");
      expect(csv).toContain(",'@SUM(A1),");
      expect(csv).toContain(`,"Smith, ""Jo""\nSecond line",`);
      expect(csv).toContain(",in honour of,'=1+1,");
      expect(csv).not.toMatch(/,=1\+1,/);
    });
  });
});
