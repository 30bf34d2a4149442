/**
 * The donor records (issue 26): each donor's part of the ledger (lifetime giving per currency,
 * counted gifts, first and last gift) kept by the webhook path in the gift's own transaction,
 * exact under duplicates, gifts arriving out of date order, refunds, lost disputes, offline
 * gifts and voids, and concurrent gifts of one donor; the admin's donor list (search, sorts,
 * filters, keyset pages); the donor page; staff notes.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { donorNotes, donors, subscribers, users } from "@/db/schema";
import { findOrCreateDonor } from "@/lib/donations/donors";
import { findGiftCampaignBySlug, type GiftCampaign } from "@/lib/donations/gift-campaign";
import { recordChargeRefunds } from "@/lib/donations/gift-refunds";
import { recordDisputeStatus } from "@/lib/donations/payment-adjustments";
import { recordGift } from "@/lib/donations/record-gift";
import { recordOfflineGift, voidOfflineGift } from "@/lib/donations/offline-gifts";
import { addDonorNote } from "@/lib/donors/donor-notes";
import { rebuildLedger } from "@/lib/ledger/rebuild-ledger";
import { verifyLedger } from "@/lib/ledger/verify-ledger";
import { listDonors, type DonorFilter } from "@/lib/reports/donor-list";
import { findDonorRecord } from "@/lib/reports/donor-record";
import { insertCampaign, insertDonor, insertGift, insertRecurringGift } from "../support/gift-rows";
import { describeEachDatabase } from "../support/test-database";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lantern-donor-records-"));
vi.stubEnv("AUTH_SECRET", "d".repeat(44));
vi.stubEnv("LANTERN_DATA_DIR", dataDir);
vi.stubEnv("RESEND_API_KEY", "");
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describeEachDatabase(
  "donor records",
  (db) => {
    let campaign: GiftCampaign;
    let campaignId: string;
    let adminId: string;

    beforeAll(async () => {
      campaignId = await insertCampaign(db(), { slug: "donor-records" });
      campaign = (await findGiftCampaignBySlug(db(), "donor-records"))!;
      const [admin] = await db().insert(users).values({ email: "finance@example.org", role: "owner" }).returning({ id: users.id });
      adminId = admin!.id;
    });

    /** A card gift as the webhook records it; the same id twice is a redelivery. */
    async function give(email: string, paymentIntentId: string, amount: number, paidAt: string, currency = "USD") {
      return db().transaction(async (tx) => {
        const donor = await findOrCreateDonor(tx, { email, name: null, stripeCustomerId: null });
        return recordGift(tx, {
          donor,
          campaign,
          kind: "one_off",
          recurringGiftId: null,
          amount,
          feeCoveredAmount: 0,
          currency,
          anonymous: false,
          dedication: null,
          stripe: { paymentIntentId },
          paidAt: new Date(paidAt),
          receipt: { template: "one-off-receipt", idempotencyKey: `receipt:${paymentIntentId}`, manageUrl: null },
        });
      });
    }

    const refund = (paymentIntentId: string, ...amounts: number[]) =>
      db().transaction((tx) =>
        recordChargeRefunds(
          tx,
          { chargeId: `ch_${paymentIntentId}`, paymentIntentId },
          amounts.map((amount, index) => ({
            stripeRefundId: `re_${paymentIntentId}_${index}`,
            amount,
            currency: "USD",
            status: "succeeded",
            failureReason: null,
            createdAt: new Date(),
          })),
        ),
      );

    async function summary(email: string) {
      const [donor] = await db().select().from(donors).where(eq(donors.email, email));
      const record = await findDonorRecord(db(), donor!.id);
      return {
        keptGifts: donor!.keptGifts,
        first: donor!.firstGiftAt?.toISOString() ?? null,
        last: donor!.lastGiftAt?.toISOString() ?? null,
        giving: record!.giving,
      };
    }

    it("keeps a donor's giving exact through duplicates, out-of-order gifts, refunds, a lost dispute, offline gifts and a void", async () => {
      const email = "ada@example.org";
      await give(email, "pi_dr_mar", 3_000, "2031-03-10T10:00:00Z");
      expect(await give(email, "pi_dr_mar", 3_000, "2031-03-10T10:00:00Z")).toBeNull(); // redelivered: nothing more
      await give(email, "pi_dr_jan", 1_000, "2031-01-05T10:00:00Z"); // an earlier gift arriving later
      await give(email, "pi_dr_feb", 2_000, "2031-02-07T10:00:00Z");
      expect(await summary(email)).toEqual({
        keptGifts: 3,
        first: "2031-01-05T10:00:00.000Z",
        last: "2031-03-10T10:00:00.000Z",
        giving: [{ currency: "USD", amount: 6_000 }],
      });

      // The last gift refunded in full stops counting: the last gift is the one before it.
      await refund("pi_dr_mar", 1_000);
      await refund("pi_dr_mar", 1_000, 2_000);
      await refund("pi_dr_mar", 1_000, 2_000); // redelivered
      expect(await summary(email)).toEqual({
        keptGifts: 2,
        first: "2031-01-05T10:00:00.000Z",
        last: "2031-02-07T10:00:00.000Z",
        giving: [{ currency: "USD", amount: 3_000 }],
      });

      // A partly refunded gift still counts; a lost dispute takes the first gift out.
      await refund("pi_dr_feb", 500);
      await db().transaction((tx) => recordDisputeStatus(tx, { chargeId: "ch_pi_dr_jan", paymentIntentId: "pi_dr_jan" }, "lost"));
      expect(await summary(email)).toEqual({
        keptGifts: 1,
        first: "2031-02-07T10:00:00.000Z",
        last: "2031-02-07T10:00:00.000Z",
        giving: [{ currency: "USD", amount: 1_500 }],
      });
      // Reversed on appeal: it counts again.
      await db().transaction((tx) => recordDisputeStatus(tx, { chargeId: "ch_pi_dr_jan", paymentIntentId: "pi_dr_jan" }, "won"));
      expect(await summary(email)).toMatchObject({ keptGifts: 2, first: "2031-01-05T10:00:00.000Z", giving: [{ currency: "USD", amount: 2_500 }] });

      // An offline gift in another currency is its own line, never added to dollars; voided, it leaves.
      const offline = await recordOfflineGift(
        db(),
        {
          method: "cheque",
          amount: 40_000,
          currency: "EUR",
          receivedOn: "2031-06-01",
          donorName: "Ada",
          donorEmail: "ADA@example.org",
          campaignId,
          reference: null,
          anonymous: false,
          dedication: null,
        },
        { entryKey: randomUUID(), adminId },
      );
      expect(offline.ok).toBe(true);
      expect(await summary(email)).toEqual({
        keptGifts: 3,
        first: "2031-01-05T10:00:00.000Z",
        last: "2031-06-01T00:00:00.000Z",
        giving: [
          { currency: "EUR", amount: 40_000 },
          { currency: "USD", amount: 2_500 },
        ],
      });
      await voidOfflineGift(db(), offline.ok ? offline.donationId : "", { reason: "Bounced", adminId });
      expect(await summary(email)).toEqual({
        keptGifts: 2,
        first: "2031-01-05T10:00:00.000Z",
        last: "2031-02-07T10:00:00.000Z",
        giving: [{ currency: "USD", amount: 2_500 }],
      });
      expect(await verifyLedger(db())).toEqual([]);
    });

    it("stays exact when one donor's gifts and a refund land at the same time", async () => {
      const email = "concurrent@example.org";
      await give(email, "pi_cc_0", 1_000, "2031-05-01T00:00:00Z");
      const days = Array.from({ length: 12 }, (_, index) => index + 1);
      await Promise.all([
        ...days.map((day) => give(email, `pi_cc_${day}`, 100 * day, `2031-04-${String(day).padStart(2, "0")}T00:00:00Z`)),
        ...days.map((day) => give(email, `pi_cc_${day}`, 100 * day, `2031-04-${String(day).padStart(2, "0")}T00:00:00Z`)), // each delivered twice
        refund("pi_cc_0", 1_000),
      ]);
      expect(await summary(email)).toEqual({
        keptGifts: 12,
        first: "2031-04-01T00:00:00.000Z",
        last: "2031-04-12T00:00:00.000Z",
        giving: [{ currency: "USD", amount: 7_800 }],
      });
      expect(await verifyLedger(db())).toEqual([]);
    });

    it("finds a donor that disagrees with their gifts, and the rebuild puts it right", async () => {
      const [donor] = await db().select({ id: donors.id }).from(donors).where(eq(donors.email, "ada@example.org"));
      await db().execute(sql`update donors set kept_gifts = 7, last_gift_at = now() where id = ${donor!.id}`);
      await db().execute(sql`update ledger_currency_donors set net_amount = net_amount + 1 where donor_id = ${donor!.id} and currency = 'USD'`);
      const differences = await verifyLedger(db());
      expect(differences.map((d) => `${d.table} ${d.figure}`).sort()).toEqual([
        "donors (kept_gifts, first and last gift) kept_gifts",
        "donors (kept_gifts, first and last gift) last_gift_at",
        "ledger_currency_donors (net_amount) net_amount",
      ]);
      await rebuildLedger(db());
      expect(await verifyLedger(db())).toEqual([]);
      expect(await summary("ada@example.org")).toMatchObject({ keptGifts: 2, last: "2031-02-07T10:00:00.000Z" });
    });

    it("lists donors by last gift, first gift and lifetime giving, with search, filters and keyset pages", async () => {
      // Five donors of their own (the list also holds the donors above, all given in 2031).
      const ids: Record<string, string> = {};
      const people = [
        ["list-a@example.org", "Amal Listed", 500, "2024-06-01"],
        ["list-b@example.org", "Bao Listed", 9_000, "2024-02-01"],
        ["list-c@example.org", "Chidi Listed", 2_000, "2025-11-01"],
        ["list-d@example.org", "Dana Listed", 4_000, "2023-01-15"],
        ["list-e@example.org", null, 1_000, "2025-12-20"],
      ] as const;
      for (const [email, name, amount, day] of people) {
        ids[email] = await insertDonor(db(), email, name);
        await insertGift(db(), { donorId: ids[email]!, campaignId, amount, currency: "GBP", paidAt: new Date(`${day}T12:00:00Z`) });
      }
      await insertGift(db(), { donorId: ids["list-d@example.org"]!, campaignId, amount: 100, currency: "GBP", paidAt: new Date("2025-06-01T12:00:00Z") });
      await insertRecurringGift(db(), { donorId: ids["list-c@example.org"]!, campaignId, amount: 1_000, currency: "GBP", status: "active" });
      await insertRecurringGift(db(), {
        donorId: ids["list-a@example.org"]!,
        campaignId,
        amount: 1_000,
        currency: "GBP",
        status: "canceled",
        endedAt: new Date("2025-01-01"),
      });
      await db()
        .insert(subscribers)
        .values({ email: "List-B@example.org", status: "confirmed", source: "home", consentText: "Yes", consentedAt: new Date(), confirmedAt: new Date() });

      const base: DonorFilter = { search: "listed", sort: "last-gift", currency: "GBP", recurring: false, lapsed: false, subscribed: false };
      const now = new Date("2026-01-10T00:00:00Z");
      const emails = async (filter: Partial<DonorFilter>, limit = 25) =>
        (await listDonors(db(), { ...base, ...filter }, { limit, now })).donors.map((donor) => donor.email);

      expect(await emails({})).toEqual(["list-c@example.org", "list-d@example.org", "list-a@example.org", "list-b@example.org"]);
      expect(await emails({ sort: "first-gift" })).toEqual(["list-d@example.org", "list-b@example.org", "list-a@example.org", "list-c@example.org"]);
      expect(await emails({ sort: "lifetime" })).toEqual(["list-b@example.org", "list-d@example.org", "list-c@example.org", "list-a@example.org"]);
      expect(await emails({ search: "LIST-E@" })).toEqual(["list-e@example.org"]);
      expect(await emails({ search: "bao" })).toEqual(["list-b@example.org"]);
      expect(await emails({ search: "List-B@Example.ORG" })).toEqual(["list-b@example.org"]); // a whole address: that donor
      expect(await emails({ search: "ist-b@example.org" })).toEqual([]); // …and only that donor
      expect(await emails({ search: "%" })).toEqual([]); // matched literally
      expect(await emails({ recurring: true })).toEqual(["list-c@example.org"]);
      expect(await emails({ lapsed: true })).toEqual(["list-a@example.org", "list-b@example.org"]);
      expect(await emails({ subscribed: true })).toEqual(["list-b@example.org"]);
      expect(await emails({ sort: "lifetime", currency: "EUR" })).toEqual([]);

      // Keyset pages of two walk the whole list once, in order, for each sort.
      for (const sort of ["last-gift", "first-gift", "lifetime"] as const) {
        const all = await emails({ sort, search: "@example.org" }, 200);
        const walked: (string | null)[] = [];
        let after: string | undefined;
        for (let page = 0; page < 20; page++) {
          const result = await listDonors(db(), { ...base, search: "@example.org", sort }, { limit: 2, after, now });
          walked.push(...result.donors.map((donor) => donor.email));
          if (!result.nextCursor) break;
          after = result.nextCursor;
        }
        expect(walked, sort).toEqual(all);
      }

      const page = await listDonors(db(), { ...base, search: "list-d" }, { now });
      expect(page.donors[0]).toMatchObject({ keptGifts: 2, giving: [{ currency: "GBP", amount: 4_100 }] });
      expect(page.donors[0]!.firstGiftAt?.toISOString()).toBe("2023-01-15T12:00:00.000Z");
      expect(page.donors[0]!.lastGiftAt?.toISOString()).toBe("2025-06-01T12:00:00.000Z");
    });

    it("adds a staff note once however often the form is sent, and shows it on the donor page", async () => {
      const donorId = await insertDonor(db(), "noted@example.org", "Noted Donor");
      const entryKey = randomUUID();
      const note = { donorId, body: "Prefers letters to email.", entryKey, author: { id: adminId, email: "finance@example.org" } };
      expect(await addDonorNote(db(), note)).toEqual({ ok: true, duplicate: false });
      expect(await addDonorNote(db(), note)).toEqual({ ok: true, duplicate: true });
      expect(await addDonorNote(db(), { ...note, donorId: randomUUID(), entryKey: randomUUID() })).toEqual({ ok: false, reason: "donor-not-found" });
      const record = await findDonorRecord(db(), donorId);
      expect(record!.notes).toMatchObject([{ body: "Prefers letters to email.", authorEmail: "finance@example.org" }]);
      expect(await db().select().from(donorNotes).where(eq(donorNotes.donorId, donorId))).toHaveLength(1);
    });

    it("shows a donor's gifts with receipt numbers, recurring gifts with status and their subscription", async () => {
      const record = await findDonorRecord(db(), (await db().select({ id: donors.id }).from(donors).where(eq(donors.email, "ada@example.org")))[0]!.id);
      expect(record!.giftCount).toBe(4);
      expect(record!.gifts.map((gift) => gift.status.map((label) => label.text).join(", "))).toEqual([
        "Void (counts in no total)",
        "Refunded",
        "Partly refunded ($5.00)",
        "Disputed: won",
      ]);
      expect(record!.gifts.every((gift) => gift.receiptNumber !== null)).toBe(true);
      const withMonthly = await findDonorRecord(db(), (await db().select({ id: donors.id }).from(donors).where(eq(donors.email, "list-c@example.org")))[0]!.id);
      expect(withMonthly!.recurringGifts).toMatchObject([{ amount: 1_000, currency: "GBP", statusLabel: "Active", active: true }]);
      const subscribed = await findDonorRecord(db(), (await db().select({ id: donors.id }).from(donors).where(eq(donors.email, "list-b@example.org")))[0]!.id);
      expect(subscribed!.subscription).toMatchObject({ status: "confirmed" });
      expect(await findDonorRecord(db(), randomUUID())).toBeNull();
    });
  },
  { poolSize: 40 },
);
