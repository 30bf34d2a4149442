/**
 * Gifts received offline (lib/donations/offline-gifts.ts): recorded by an admin in the same
 * donations rows and ledger as Stripe payments, numbered in the same receipt sequence,
 * corrected with the ledger moved in the same transaction, voided out of every total with the
 * receipt number kept. The ledger verifier (run after the suite by describeEachDatabase, and
 * here in the middle) must agree at every step, and one entry form sent twice records one gift.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { donations, donors, sentEmails, users } from "@/db/schema";
import { correctOfflineGift, recordOfflineGift, voidOfflineGift, type OfflineGiftInput } from "@/lib/donations/offline-gifts";
import { givingStatementFor } from "@/lib/donations/giving-statement";
import { listRecentSupporters } from "@/lib/donations/supporters";
import { readLedgerTotals } from "@/lib/ledger/ledger-totals";
import { verifyLedger } from "@/lib/ledger/verify-ledger";
import { rebuildLedger } from "@/lib/ledger/rebuild-ledger";
import { loadGiftReceipt } from "@/lib/receipts/gift-receipt";
import { receiptToken } from "@/lib/receipts/receipt-link";
import { giftExportBatches } from "@/lib/reports/gifts-export";
import { insertCampaign, insertDonor, insertGift } from "../support/gift-rows";
import { describeEachDatabase } from "../support/test-database";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lantern-offline-gifts-"));
vi.stubEnv("AUTH_SECRET", "o".repeat(44));
vi.stubEnv("LANTERN_DATA_DIR", dataDir);
vi.stubEnv("RESEND_API_KEY", "");
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describeEachDatabase("offline gifts", (db) => {
  let campaignId: string;
  let otherCampaignId: string;
  let adminId: string;

  beforeAll(async () => {
    campaignId = await insertCampaign(db(), { slug: "offline-radios" });
    otherCampaignId = await insertCampaign(db(), { slug: "offline-books" });
    const [admin] = await db().insert(users).values({ email: "treasurer@example.org", role: "owner" }).returning({ id: users.id });
    adminId = admin!.id;
    // A card gift first, so offline gifts share the campaign and the receipt year with one.
    const donorId = await insertDonor(db(), "card-donor@example.org", "Card Donor");
    await insertGift(db(), { donorId, campaignId, amount: 1_000, currency: "USD", paidAt: new Date("2030-03-01T10:00:00Z") });
  });

  const cheque = (overrides: Partial<OfflineGiftInput> = {}): OfflineGiftInput => ({
    method: "cheque",
    amount: 50_000,
    currency: "USD",
    receivedOn: "2030-03-04",
    donorName: "Grace Hopper",
    donorEmail: "Grace@Example.org",
    campaignId,
    reference: "Cheque 10442",
    anonymous: false,
    dedication: { kind: "in_honour", name: "Ada" },
    ...overrides,
  });

  const campaignFigures = async (id: string) => (await readLedgerTotals(db())).campaigns.find((row) => row.campaignId === id && row.currency === "USD");

  it("records a cheque in the ledger, the receipt sequence, the supporters list, the statement and the CSV, attributed to the admin", async () => {
    const recorded = await recordOfflineGift(db(), cheque(), { entryKey: randomUUID(), adminId });
    if (!recorded.ok) throw new Error(recorded.reason);
    expect(recorded.receiptNumber).toMatch(/^2030-\d{6}$/);

    const [row] = await db().select().from(donations).where(eq(donations.id, recorded.donationId));
    expect(row).toMatchObject({ method: "cheque", recordedBy: adminId, offlineReference: "Cheque 10442", amount: 50_000, kind: "one_off" });
    expect(row?.stripePaymentIntentId).toBeNull();

    expect(await campaignFigures(campaignId)).toMatchObject({ grossAmount: 51_000, netAmount: 51_000, giftCount: 2, donorCount: 2, oneOffAmount: 51_000 });
    expect(await verifyLedger(db())).toEqual([]);

    const [email] = await db().select().from(sentEmails).where(eq(sentEmails.idempotencyKey, recorded.emailKeys[0]!));
    expect(email).toMatchObject({ template: "offline-gift-receipt", toAddress: "grace@example.org" });
    expect(email?.props).toMatchObject({ receiptNumber: recorded.receiptNumber, method: "Cheque", status: "issued", amount: "$500.00" });

    const receipt = await loadGiftReceipt(db(), receiptToken(recorded.donationId));
    expect(receipt).toMatchObject({
      receiptNumber: recorded.receiptNumber,
      method: "Cheque",
      voided: false,
      amount: "$500.00",
      dedication: "In honour of Ada",
    });

    expect((await listRecentSupporters(db(), campaignId))[0]).toMatchObject({ displayName: "Grace H.", amount: 50_000 });

    const statement = await givingStatementFor(db(), "grace@example.org", 2030);
    expect(statement?.totals).toEqual([{ currency: "USD", amount: 50_000 }]);
    expect(statement?.gifts[0]).toMatchObject({ method: "cheque", keptAmount: 50_000 });

    const exportedRows = [];
    for await (const batch of giftExportBatches(db(), {})) exportedRows.push(...batch);
    const exported = exportedRows.find((gift) => gift.id === recorded.donationId);
    expect(exported).toMatchObject({ method: "cheque", offlineReference: "Cheque 10442", voided: false });
  });

  it("records one gift when the same entry form is sent twice, even at once", async () => {
    const entryKey = randomUUID();
    const before = await campaignFigures(otherCampaignId);
    const [first, second] = await Promise.all([
      recordOfflineGift(db(), cheque({ campaignId: otherCampaignId, donorEmail: null, donorName: "Walk-in donor", method: "cash" }), { entryKey, adminId }),
      recordOfflineGift(db(), cheque({ campaignId: otherCampaignId, donorEmail: null, donorName: "Walk-in donor", method: "cash" }), { entryKey, adminId }),
    ]);
    const third = await recordOfflineGift(db(), cheque({ campaignId: otherCampaignId, donorEmail: null, donorName: "Walk-in donor", method: "cash" }), {
      entryKey,
      adminId,
    });
    if (!first.ok || !second.ok || !third.ok) throw new Error("refused");
    expect(new Set([first.donationId, second.donationId, third.donationId]).size).toBe(1);
    expect(new Set([first.receiptNumber, second.receiptNumber, third.receiptNumber]).size).toBe(1);
    expect([first, second, third].filter((outcome) => outcome.duplicate)).toHaveLength(2);
    expect(await db().select().from(donations).where(eq(donations.offlineEntryKey, entryKey))).toHaveLength(1);
    // No address: a donor of the gift's own, and no receipt email.
    expect(await db().select().from(donors).where(eq(donors.name, "Walk-in donor"))).toHaveLength(1);
    expect(first.emailKeys).toEqual([]);
    expect((await campaignFigures(otherCampaignId))?.netAmount).toBe((before?.netAmount ?? 0) + 50_000);
    expect(await verifyLedger(db())).toEqual([]);
  });

  it("corrects the amount, date, donor and campaign, moving the ledger in the same transaction, keeping the receipt number", async () => {
    const recorded = await recordOfflineGift(db(), cheque({ amount: 20_000, donorEmail: "typo@example.org" }), { entryKey: randomUUID(), adminId });
    if (!recorded.ok) throw new Error(recorded.reason);
    const campaignBefore = (await campaignFigures(campaignId))!;
    const otherBefore = (await campaignFigures(otherCampaignId))!;

    const correctionKey = randomUUID();
    const corrected = await correctOfflineGift(
      db(),
      recorded.donationId,
      cheque({
        amount: 2_000,
        donorEmail: "fixed@example.org",
        donorName: "Fixed Name",
        campaignId: otherCampaignId,
        receivedOn: "2030-02-27",
        method: "bank_transfer",
      }),
      { correctionKey, adminId },
    );
    expect(corrected).toMatchObject({ ok: true, receiptNumber: recorded.receiptNumber });
    // Sent twice: the same values again, and one corrected receipt.
    await correctOfflineGift(
      db(),
      recorded.donationId,
      cheque({
        amount: 2_000,
        donorEmail: "fixed@example.org",
        donorName: "Fixed Name",
        campaignId: otherCampaignId,
        receivedOn: "2030-02-27",
        method: "bank_transfer",
      }),
      { correctionKey, adminId },
    );

    expect((await campaignFigures(campaignId))!.netAmount).toBe(campaignBefore.netAmount - 20_000);
    expect((await campaignFigures(otherCampaignId))!.netAmount).toBe(otherBefore.netAmount + 2_000);
    const [row] = await db().select().from(donations).where(eq(donations.id, recorded.donationId));
    expect(row).toMatchObject({ amount: 2_000, method: "bank_transfer", correctedBy: adminId, campaignId: otherCampaignId });
    expect(row?.paidAt.toISOString()).toBe("2030-02-27T00:00:00.000Z");
    const corrections = await db().select().from(sentEmails).where(eq(sentEmails.toAddress, "fixed@example.org"));
    expect(corrections).toHaveLength(1);
    expect(corrections[0]?.props).toMatchObject({ status: "corrected", receiptNumber: recorded.receiptNumber, amount: "$20.00", method: "Bank transfer" });
    expect(await verifyLedger(db())).toEqual([]);
  });

  it("voids a gift out of every total, keeps its receipt number marked void, and voids once", async () => {
    const recorded = await recordOfflineGift(db(), cheque({ amount: 7_500, donorEmail: "bounced@example.org", donorName: "Bounced Cheque" }), {
      entryKey: randomUUID(),
      adminId,
    });
    if (!recorded.ok) throw new Error(recorded.reason);
    const before = (await campaignFigures(campaignId))!;

    const voided = await voidOfflineGift(db(), recorded.donationId, { reason: "Cheque bounced", adminId });
    const again = await voidOfflineGift(db(), recorded.donationId, { reason: "Cheque bounced", adminId });
    expect(voided).toMatchObject({ ok: true, receiptNumber: recorded.receiptNumber });
    expect(again).toMatchObject({ ok: true, duplicate: true });

    const after = (await campaignFigures(campaignId))!;
    expect(after.grossAmount).toBe(before.grossAmount - 7_500);
    expect(after.netAmount).toBe(before.netAmount - 7_500);
    expect(after.giftCount).toBe(before.giftCount - 1);
    expect(after.donorCount).toBe(before.donorCount - 1);
    expect(await verifyLedger(db())).toEqual([]);

    const [row] = await db().select().from(donations).where(eq(donations.id, recorded.donationId));
    expect(row).toMatchObject({ voidedBy: adminId, voidReason: "Cheque bounced", receiptYear: 2030 });
    expect(await loadGiftReceipt(db(), receiptToken(recorded.donationId))).toMatchObject({ receiptNumber: recorded.receiptNumber, voided: true });
    const voidEmails = await db()
      .select()
      .from(sentEmails)
      .where(eq(sentEmails.idempotencyKey, `offline-receipt-void:${recorded.donationId}`));
    expect(voidEmails).toHaveLength(1);
    expect(voidEmails[0]?.props).toMatchObject({ status: "void", receiptNumber: recorded.receiptNumber });

    expect((await listRecentSupporters(db(), campaignId, 50)).some((supporter) => supporter.displayName === "Bounced C.")).toBe(false);
    expect(await givingStatementFor(db(), "bounced@example.org", 2030)).toBeNull();
    // A void gift cannot be corrected back into the totals.
    expect(await correctOfflineGift(db(), recorded.donationId, cheque(), { correctionKey: randomUUID(), adminId })).toEqual({ ok: false, reason: "voided" });
  });

  it("refuses to correct or void a card payment, or a gift for a campaign that does not exist", async () => {
    const donorId = await insertDonor(db(), "card-only@example.org");
    const cardGiftId = await insertGift(db(), { donorId, campaignId, amount: 3_000, currency: "USD", paidAt: new Date("2030-03-02T10:00:00Z") });
    expect(await voidOfflineGift(db(), cardGiftId, { reason: null, adminId })).toEqual({ ok: false, reason: "not-found" });
    expect(await correctOfflineGift(db(), cardGiftId, cheque(), { correctionKey: randomUUID(), adminId })).toEqual({ ok: false, reason: "not-found" });
    expect(await recordOfflineGift(db(), cheque({ campaignId: randomUUID() }), { entryKey: randomUUID(), adminId })).toEqual({
      ok: false,
      reason: "no-campaign",
    });
  });

  it("rebuilds the same ledger from the rows, voids left out", async () => {
    const kept = await readLedgerTotals(db());
    await rebuildLedger(db());
    const rebuilt = await readLedgerTotals(db());
    const byKey = (rows: typeof kept.campaigns) => Object.fromEntries(rows.map((row) => [`${row.campaignId}:${row.currency}`, row]));
    expect(byKey(rebuilt.campaigns)).toEqual(byKey(kept.campaigns));
    expect(await verifyLedger(db())).toEqual([]);
  });
});
