/**
 * Receipt numbers (lib/receipts/receipt-number.ts), taken in the gift's own transaction by
 * recordGift: per year 1, 2, 3… with no gaps and no duplicates under concurrent gifts, duplicate
 * deliveries and rolled-back transactions; a new year starts again at 1; the receipt email
 * carries the number and a signed link that opens the receipt. And the migration's numbering
 * of gifts recorded before receipt numbers.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq, isNull, like, sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { donations, receiptCounters, sentEmails } from "@/db/schema";
import type { Database } from "@/db/database";
import { findOrCreateDonor } from "@/lib/donations/donors";
import { findGiftCampaignBySlug, type GiftCampaign } from "@/lib/donations/gift-campaign";
import { recordGift, type RecordedGift } from "@/lib/donations/record-gift";
import { resendReceipt } from "@/lib/donations/resend-receipt";
import { listDevMailbox } from "@/lib/email/dev-mailbox";
import { REDACTED_PROP } from "@/lib/email/render-email";
import { DEMO_ORGANISATION_NOTE } from "@/lib/organisation/organisation";
import { loadGiftReceipt } from "@/lib/receipts/gift-receipt";
import { receiptToken } from "@/lib/receipts/receipt-link";
import { insertDonor, insertGift } from "../support/gift-rows";
import { describeEachDatabase } from "../support/test-database";

// Receipt links are signed with AUTH_SECRET; resent receipts go to a dev mailbox in a folder of the test's own.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lantern-receipts-"));
vi.stubEnv("AUTH_SECRET", "r".repeat(44));
vi.stubEnv("LANTERN_DATA_DIR", dataDir);
vi.stubEnv("RESEND_API_KEY", "");
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));
const originalQuery = pg.Client.prototype.query;

describeEachDatabase(
  "receipt numbers",
  (db, driver) => {
    let campaign: GiftCampaign;
    let counter = 0;

    beforeAll(async () => {
      campaign = (await findGiftCampaignBySlug(db(), "foreign-media-in-north-korea"))!;
    });

    function paidGift(paymentIntentId: string, paidAt: Date, email: string) {
      return async (tx: Parameters<Parameters<Database["transaction"]>[0]>[0]): Promise<RecordedGift | null> => {
        const donor = await findOrCreateDonor(tx, { email, name: "Min-ji Park", stripeCustomerId: null });
        return recordGift(tx, {
          donor,
          campaign,
          kind: "one_off",
          recurringGiftId: null,
          amount: 2_500,
          feeCoveredAmount: 0,
          currency: "USD",
          anonymous: false,
          dedication: { kind: "in_memory", name: "Grandma Kim" },
          stripe: { paymentIntentId },
          paidAt,
          receipt: { template: "one-off-receipt", idempotencyKey: `receipt:${paymentIntentId}`, manageUrl: null },
        });
      };
    }

    async function give(paidAt: Date, paymentIntentId = `pi_receipt_${++counter}`) {
      return db().transaction(paidGift(paymentIntentId, paidAt, `receipt${counter}@example.org`));
    }

    const sequencesOf = async (year: number) =>
      (await db().select({ sequence: donations.receiptSequence }).from(donations).where(eq(donations.receiptYear, year)))
        .map((row) => row.sequence!)
        .sort((a, b) => a - b);
    const oneToN = (n: number) => Array.from({ length: n }, (_, index) => index + 1);

    it("numbers 50 concurrent gifts of one year 1…50: no gaps, no duplicates", async () => {
      const recorded = await Promise.all(Array.from({ length: 50 }, (_, index) => give(new Date(Date.UTC(2031, 2, 1, 12, 0, index)))));
      const numbers = recorded.map((gift) => gift!.receiptNumber);
      expect(new Set(numbers).size).toBe(50);
      expect(numbers.every((number) => /^2031-0000[0-5]\d$/.test(number))).toBe(true);
      expect(await sequencesOf(2031)).toEqual(oneToN(50));
      expect(await db().select().from(receiptCounters).where(eq(receiptCounters.year, 2031))).toEqual([{ year: 2031, lastNumber: 50 }]);
    });

    it("uses no number for a payment delivered twice at once, nor for a gift whose transaction rolled back", async () => {
      const twice = `pi_receipt_twice_${++counter}`;
      const paidAt = new Date("2032-05-01T10:00:00Z");
      const deliveries = await Promise.all([
        db().transaction(paidGift(twice, paidAt, "twice@example.org")),
        db().transaction(paidGift(twice, paidAt, "twice@example.org")),
        give(paidAt),
      ]);
      expect(deliveries.filter((gift) => gift === null)).toHaveLength(1);
      expect(await sequencesOf(2032)).toEqual([1, 2]);

      await expect(
        db().transaction(async (tx) => {
          const gift = await paidGift(`pi_receipt_rolled_back_${++counter}`, paidAt, "rollback@example.org")(tx);
          expect(gift?.receiptNumber).toBe("2032-000003");
          throw new Error("the webhook failed after recording");
        }),
      ).rejects.toThrow("the webhook failed after recording");
      const next = await give(paidAt);
      expect(next?.receiptNumber).toBe("2032-000003");
      expect(await sequencesOf(2032)).toEqual([1, 2, 3]);
    });

    it.runIf(driver === "postgres")("takes the number last, so the year's counter row stays locked for one statement and the COMMIT", async () => {
      // Every concurrent gift of the year waits on that row lock: with three round trips under
      // it (the gift row's number, then the receipt email) webhook throughput halved.
      const sent: string[] = [];
      const query = vi.spyOn(pg.Client.prototype, "query").mockImplementation(function (this: pg.Client, ...args: unknown[]) {
        const text = typeof args[0] === "string" ? args[0] : (args[0] as { text?: string } | undefined)?.text;
        if (text) sent.push(text.replace(/\s+/g, " ").trim().toLowerCase());
        return Reflect.apply(originalQuery, this, args) as never;
      });
      try {
        expect((await give(new Date("2036-04-05T06:07:08Z")))?.receiptNumber).toBe("2036-000001");
      } finally {
        query.mockRestore();
      }
      const counter = sent.findIndex((text) => text.includes('"receipt_counters"'));
      expect(counter).toBeGreaterThan(0);
      expect(sent.slice(counter + 1)).toEqual(["commit"]);
      expect(sent.filter((text) => text.includes('"receipt_counters"'))).toHaveLength(1);
    });

    it("starts each year again at 1, by the payment's UTC date", async () => {
      const lastOfYear = await give(new Date("2033-12-31T23:59:59.999Z"));
      const firstOfNext = await give(new Date("2034-01-01T00:00:00Z"));
      const secondOfYear = await give(new Date("2033-06-30T08:00:00Z"));
      expect([lastOfYear?.receiptNumber, firstOfNext?.receiptNumber, secondOfYear?.receiptNumber]).toEqual(["2033-000001", "2034-000001", "2033-000002"]);
    });

    it("sends the number and a signed link to the receipt, which opens that gift's receipt", async () => {
      const gift = (await give(new Date("2035-02-03T04:05:06Z")))!;
      const [email] = await db().select({ props: sentEmails.props }).from(sentEmails).where(eq(sentEmails.idempotencyKey, gift.receiptKey));
      expect(email?.props).toMatchObject({
        receiptNumber: "2035-000001",
        receiptUrl: expect.stringMatching(new RegExp(`/receipts/${gift.donationId}\\.[A-Za-z0-9_-]{43}$`)),
      });
      const token = decodeURIComponent(new URL(String(email!.props.receiptUrl)).pathname.split("/").pop()!);
      expect(await loadGiftReceipt(db(), token)).toMatchObject({
        receiptNumber: "2035-000001",
        donorName: "Min-ji Park",
        amount: "$25.00",
        date: "February 3, 2035",
        campaignTitle: campaign.title,
        dedication: "In memory of Grandma Kim",
        refunded: null,
      });
      expect(await loadGiftReceipt(db(), gift.donationId)).toBeNull();

      // A receipt sent again (the donor's page, the admin) is the same receipt: same number and page.
      expect(await resendReceipt(gift.donationId, { db: db(), requestId: "resend-request-1" })).toEqual({ ok: true, to: `receipt${counter}@example.org` });
      const [resent] = await db()
        .select({ props: sentEmails.props })
        .from(sentEmails)
        .where(like(sentEmails.idempotencyKey, `receipt-resend:${gift.donationId}:%`));
      // Sent at once, so the outbox keeps no working link to it; the email itself had the same page.
      expect(resent?.props).toMatchObject({
        receiptNumber: "2035-000001",
        receiptUrl: REDACTED_PROP,
        organisationDetails: expect.arrayContaining([DEMO_ORGANISATION_NOTE]),
      });
      const [delivered] = await listDevMailbox(db(), { to: `receipt${counter}@example.org`, limit: 1 });
      expect(delivered?.html).toContain(String(email!.props.receiptUrl));
      expect(await loadGiftReceipt(db(), receiptToken(gift.donationId, "another-installation's-secret-key"))).toBeNull();
    });

    it("the migration numbers gifts recorded before receipt numbers per year, in the order they were recorded", async () => {
      const donorId = await insertDonor(db(), `before-numbers-${++counter}@example.org`);
      const earlier = { donorId, campaignId: campaign.id, amount: 1_000, currency: "USD" };
      const ids: string[] = [];
      // Recorded in this order; paid in 2028 and 2029 (one paid late in 2028 but recorded last).
      for (const [index, paidAt] of ["2029-03-01T00:00:00Z", "2028-02-01T00:00:00Z", "2029-01-15T00:00:00Z", "2028-12-31T23:00:00Z"].entries()) {
        const id = await insertGift(db(), { ...earlier, paidAt: new Date(paidAt) });
        await db()
          .update(donations)
          .set({ createdAt: new Date(Date.UTC(2029, 6, 1, 0, 0, index)) })
          .where(eq(donations.id, id));
        ids.push(id);
      }
      expect(
        await db()
          .select({ id: donations.id })
          .from(donations)
          .where(and(eq(donations.donorId, donorId), isNull(donations.receiptYear))),
      ).toHaveLength(4);

      // As the migration found them: gifts without numbers, no counters.
      await db().transaction(async (tx) => {
        await tx.update(donations).set({ receiptYear: null, receiptSequence: null });
        await tx.delete(receiptCounters);
        for (const statement of migrationBackfill()) await tx.execute(sql.raw(statement));
      });
      const numbered = await db()
        .select({ id: donations.id, year: donations.receiptYear, sequence: donations.receiptSequence })
        .from(donations)
        .where(eq(donations.donorId, donorId));
      const byId = new Map(numbered.map((row) => [row.id, `${row.year}-${row.sequence}`]));
      expect(ids.map((id) => byId.get(id))).toEqual(["2029-1", "2028-1", "2029-2", "2028-2"]);
      expect(
        await db()
          .select()
          .from(receiptCounters)
          .where(sql`${receiptCounters.year} in (2028, 2029, 2031)`)
          .orderBy(receiptCounters.year),
      ).toEqual([
        { year: 2028, lastNumber: 2 },
        { year: 2029, lastNumber: 2 },
        { year: 2031, lastNumber: 50 },
      ]);
      expect(await sequencesOf(2031)).toEqual(oneToN(50));
      // And the next gift of a numbered year follows on.
      expect((await give(new Date("2029-07-01T00:00:00Z")))?.receiptNumber).toBe("2029-000003");
    });
  },
  // 50 gifts at once: each holds a connection while it waits for the year's counter row.
  { seed: true, poolSize: 55 },
);

/** The numbering statements of the migration that added receipt numbers (found by what it creates: the lead renumbers migrations). */
function migrationBackfill(): string[] {
  const folder = path.resolve(__dirname, "../../db/migrations");
  const file = fs
    .readdirSync(folder)
    .find((name) => name.endsWith(".sql") && fs.readFileSync(path.join(folder, name), "utf8").includes('CREATE TABLE "receipt_counters"'));
  if (!file) throw new Error("no migration creates receipt_counters");
  const statements = fs
    .readFileSync(path.join(folder, file), "utf8")
    .split("--> statement-breakpoint")
    .map((statement) => statement.trim())
    .filter((statement) => statement.includes('UPDATE "donations" SET "receipt_year"') || statement.includes('INSERT INTO "receipt_counters"'));
  if (statements.length !== 2) throw new Error(`${file}: expected the two numbering statements, found ${statements.length}`);
  return statements;
}
