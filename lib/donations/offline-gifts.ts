import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import { campaigns, donations, donors } from "@/db/schema";
import type { Database, Executor } from "@/db/database";
import { queueEmail } from "@/lib/email/outbox";
import { emailIdentity } from "@/lib/identity/email-identity";
import { applyGiftChange, type GiftPlace } from "@/lib/ledger/apply-ledger-change";
import type { GiftRowState } from "@/lib/ledger/gift-figures";
import { formatMoney } from "@/lib/money/money";
import { receiptIssuer } from "@/lib/organisation/organisation";
import { formatReceiptNumber, numberGift, receiptNumberOf, receiptYearOf } from "@/lib/receipts/receipt-number";
import { receiptUrl } from "@/lib/receipts/receipt-link";
import { findOrCreateDonor } from "./donors";
import { GIFT_METHOD_LABELS, OFFLINE_GIFT_METHODS, type OfflineGiftMethod } from "./gift-methods";
import type { Dedication } from "./gift-types";
import { dedicationText, formatGiftDate } from "./gift-wording";

/*
 * Gifts Lantern did not take through Stripe (a cheque, a bank transfer, cash, a donor-advised
 * fund), recorded by an admin. They live in the same `donations` rows as Stripe payments, so
 * the ledger, the receipt sequence, statements, the supporters list and the CSV count them with
 * no second path; `method` says how the gift came and `recorded_by` who entered it. Like the
 * webhook, each write is one transaction: the gift row, its part in the ledger, the receipt
 * email (only when staff have the donor's address) and, last, the receipt number.
 *
 * A correction edits the row and moves its figures in the ledger in the same transaction (out
 * of the old place, into the new); the receipt number stays. A void takes the gift out of every
 * total (the ledger treats it as no gift) and keeps its receipt number, marked void.
 */

export interface OfflineGiftInput {
  method: OfflineGiftMethod;
  /** In the currency's minor units. */
  amount: number;
  currency: string;
  /** The day the gift was received, `YYYY-MM-DD` (recorded as midnight UTC, like the ledger's days). */
  receivedOn: string;
  donorName: string | null;
  donorEmail: string | null;
  campaignId: string;
  reference: string | null;
  anonymous: boolean;
  dedication: Dedication | null;
}

export type OfflineGiftOutcome =
  | { ok: true; donationId: string; receiptNumber: string; campaignIds: string[]; emailKeys: string[]; duplicate?: boolean }
  | { ok: false; reason: "no-campaign" | "not-found" | "voided" };

/**
 * The timestamp a received-on date is recorded as: midnight UTC of that day, or now for a gift
 * received today, so that it sorts as the newest gift (the campaign's recent supporters) instead
 * of behind every card gift since midnight.
 */
export function receivedAt(receivedOn: string, now: Date = new Date()): Date {
  return receivedOn === now.toISOString().slice(0, 10) ? now : new Date(`${receivedOn}T00:00:00Z`);
}

async function campaignExists(tx: Executor, campaignId: string): Promise<boolean> {
  const [row] = await tx.select({ id: campaigns.id }).from(campaigns).where(eq(campaigns.id, campaignId));
  return Boolean(row);
}

/** A donor of an offline gift: staff may not have their address. */
interface OfflineDonor {
  id: string;
  email: string | null;
  name: string | null;
}

/** The donor named on the form: by address when staff have one; otherwise a donor of the gift's own, never emailed. */
async function offlineDonor(tx: Executor, name: string | null, email: string | null): Promise<OfflineDonor> {
  if (email) return findOrCreateDonor(tx, { email, name, stripeCustomerId: null });
  const [row] = await tx.insert(donors).values({ email: null, name }).returning({ id: donors.id, email: donors.email, name: donors.name });
  return row!;
}

interface ReceiptFacts {
  donationId: string;
  method: OfflineGiftMethod;
  amount: number;
  currency: string;
  paidAt: Date;
  campaignId: string;
  dedication: Dedication | null;
  donorName: string | null;
  receiptNumber: string;
}

async function queueOfflineReceipt(tx: Executor, to: string, key: string, facts: ReceiptFacts, status: "issued" | "corrected" | "void"): Promise<void> {
  const [campaign] = await tx.select({ title: campaigns.title, kind: campaigns.kind }).from(campaigns).where(eq(campaigns.id, facts.campaignId));
  await queueEmail(tx, {
    idempotencyKey: key,
    template: "offline-gift-receipt",
    to,
    props: {
      ...receiptIssuer(),
      donorName: facts.donorName,
      amount: formatMoney(facts.amount, facts.currency, { showCents: true }),
      feeCovered: null,
      date: formatGiftDate(facts.paidAt),
      campaignTitle: campaign?.kind === "general_fund" ? "General fund" : (campaign?.title ?? ""),
      dedication: dedicationText(facts.dedication),
      receiptNumber: facts.receiptNumber,
      receiptUrl: receiptUrl(facts.donationId),
      manageUrl: null,
      method: GIFT_METHOD_LABELS[facts.method],
      status,
    },
  });
}

/**
 * Records a gift received offline. `entryKey` is the entry form's own key (made when the form
 * rendered): the same form sent twice, or at once from two tabs, records one gift, and the
 * second answer names the first's receipt.
 */
export async function recordOfflineGift(db: Database, input: OfflineGiftInput, entry: { entryKey: string; adminId: string }): Promise<OfflineGiftOutcome> {
  return db
    .transaction(async (tx): Promise<OfflineGiftOutcome> => {
      if (!(await campaignExists(tx, input.campaignId))) return { ok: false, reason: "no-campaign" };
      const paidAt = receivedAt(input.receivedOn);
      const donor = await offlineDonor(tx, input.donorName, input.donorEmail);
      const [inserted] = await tx
        .insert(donations)
        .values({
          donorId: donor.id,
          campaignId: input.campaignId,
          kind: "one_off",
          amount: input.amount,
          currency: input.currency,
          anonymous: input.anonymous,
          dedicationKind: input.dedication?.kind ?? null,
          dedicationName: input.dedication?.name ?? null,
          method: input.method,
          recordedBy: entry.adminId,
          offlineReference: input.reference,
          offlineEntryKey: entry.entryKey,
          paidAt,
        })
        .onConflictDoNothing({ target: donations.offlineEntryKey })
        .returning({ id: donations.id });
      if (!inserted) {
        // Sent before: the donor row just written (if any) goes with this rolled-back duplicate.
        const [existing] = await tx
          .select({ id: donations.id, campaignId: donations.campaignId, receiptYear: donations.receiptYear, receiptSequence: donations.receiptSequence })
          .from(donations)
          .where(eq(donations.offlineEntryKey, entry.entryKey));
        if (!existing) throw new Error(`offline gift ${entry.entryKey} neither inserted nor found`);
        throw new DuplicateEntry({
          ok: true,
          donationId: existing.id,
          receiptNumber: receiptNumberOf(existing) ?? "",
          campaignIds: [],
          emailKeys: [],
          duplicate: true,
        });
      }
      const place: GiftPlace = { campaignId: input.campaignId, currency: input.currency, donorId: donor.id, paidAt };
      await applyGiftChange(tx, place, null, { kind: "one_off", amount: input.amount, refundedAmount: 0, disputeStatus: null });
      const emailKey = `offline-receipt:${entry.entryKey}`;
      if (donor.email) {
        // Queued with its number blank: numberGift, last, writes it in (as recordGift does).
        await queueOfflineReceipt(tx, donor.email, emailKey, { ...input, donationId: inserted.id, paidAt, donorName: donor.name, receiptNumber: "" }, "issued");
      }
      const receiptNumber = formatReceiptNumber(await numberGift(tx, { year: receiptYearOf(paidAt), donationId: inserted.id, receiptEmailKey: emailKey }));
      return { ok: true, donationId: inserted.id, receiptNumber, campaignIds: [input.campaignId], emailKeys: donor.email ? [emailKey] : [] };
    })
    .catch((error: unknown) => {
      // Thrown to roll the duplicate's transaction back (with the donor it may have written); it carries the answer.
      if (error instanceof DuplicateEntry) return error.outcome;
      throw error;
    });
}

class DuplicateEntry extends Error {
  constructor(readonly outcome: OfflineGiftOutcome) {
    super("offline gift already recorded");
  }
}

/** The offline gift row, locked for the change; null when it is not an offline gift. */
async function lockOfflineGift(tx: Executor, donationId: string) {
  const [row] = await tx
    .select({
      id: donations.id,
      donorId: donations.donorId,
      donorEmail: donors.email,
      campaignId: donations.campaignId,
      kind: donations.kind,
      method: donations.method,
      amount: donations.amount,
      currency: donations.currency,
      refundedAmount: donations.refundedAmount,
      disputeStatus: donations.disputeStatus,
      paidAt: donations.paidAt,
      voidedAt: donations.voidedAt,
      dedicationKind: donations.dedicationKind,
      dedicationName: donations.dedicationName,
      receiptYear: donations.receiptYear,
      receiptSequence: donations.receiptSequence,
    })
    .from(donations)
    .innerJoin(donors, eq(donors.id, donations.donorId))
    .where(and(eq(donations.id, donationId), inArray(donations.method, [...OFFLINE_GIFT_METHODS])))
    .for("update", { of: donations });
  return row ?? null;
}

function rowState(row: {
  kind: "one_off" | "recurring";
  amount: number;
  refundedAmount: number;
  disputeStatus: string | null;
  voidedAt: Date | null;
}): GiftRowState {
  return { kind: row.kind, amount: row.amount, refundedAmount: row.refundedAmount, disputeStatus: row.disputeStatus, voided: row.voidedAt !== null };
}

/**
 * Corrects an offline gift: every field of the entry form may change. The ledger moves the gift
 * out of where it was and into where it now is, in the same transaction; the receipt number
 * stays (a corrected receipt is the same receipt). When staff have the donor's address, a
 * corrected receipt is queued under the correction form's own key, so sending it twice emails once.
 */
export async function correctOfflineGift(
  db: Database,
  donationId: string,
  input: OfflineGiftInput,
  correction: { correctionKey: string; adminId: string },
): Promise<OfflineGiftOutcome> {
  return db.transaction(async (tx): Promise<OfflineGiftOutcome> => {
    const current = await lockOfflineGift(tx, donationId);
    if (!current) return { ok: false, reason: "not-found" };
    if (current.voidedAt) return { ok: false, reason: "voided" };
    if (!(await campaignExists(tx, input.campaignId))) return { ok: false, reason: "no-campaign" };
    const email = input.donorEmail ? emailIdentity(input.donorEmail) : null;
    let donor: OfflineDonor;
    if (email === current.donorEmail) {
      // The same donor (by address, or the gift's own donor without one): the name is corrected on it.
      const [updated] = await tx
        .update(donors)
        .set({ name: input.donorName ?? sql`${donors.name}` })
        .where(eq(donors.id, current.donorId))
        .returning({ id: donors.id, email: donors.email, name: donors.name });
      donor = updated!;
    } else {
      donor = await offlineDonor(tx, input.donorName, email);
    }
    // A correction that keeps the day keeps the recorded time.
    const paidAt = current.paidAt.toISOString().slice(0, 10) === input.receivedOn ? current.paidAt : receivedAt(input.receivedOn);
    await tx
      .update(donations)
      .set({
        donorId: donor.id,
        campaignId: input.campaignId,
        amount: input.amount,
        currency: input.currency,
        anonymous: input.anonymous,
        dedicationKind: input.dedication?.kind ?? null,
        dedicationName: input.dedication?.name ?? null,
        method: input.method,
        offlineReference: input.reference,
        paidAt,
        correctedAt: new Date(),
        correctedBy: correction.adminId,
      })
      .where(eq(donations.id, donationId));
    const before = rowState(current);
    await applyGiftChange(tx, { campaignId: current.campaignId, currency: current.currency, donorId: current.donorId, paidAt: current.paidAt }, before, null);
    await applyGiftChange(tx, { campaignId: input.campaignId, currency: input.currency, donorId: donor.id, paidAt }, null, { ...before, amount: input.amount });
    const receiptNumber = receiptNumberOf(current) ?? "";
    const emailKeys: string[] = [];
    if (donor.email) {
      const key = `offline-receipt-correction:${donationId}:${correction.correctionKey}`;
      await queueOfflineReceipt(tx, donor.email, key, { ...input, donationId, paidAt, donorName: donor.name, receiptNumber }, "corrected");
      emailKeys.push(key);
    }
    return { ok: true, donationId, receiptNumber, campaignIds: [...new Set([current.campaignId, input.campaignId])], emailKeys };
  });
}

/**
 * Voids an offline gift (entered by mistake, a cheque that bounced): it leaves every total, and
 * its receipt keeps its number, marked void. Voiding twice changes nothing the second time.
 */
export async function voidOfflineGift(db: Database, donationId: string, void_: { reason: string | null; adminId: string }): Promise<OfflineGiftOutcome> {
  return db.transaction(async (tx): Promise<OfflineGiftOutcome> => {
    const current = await lockOfflineGift(tx, donationId);
    if (!current) return { ok: false, reason: "not-found" };
    const receiptNumber = receiptNumberOf(current) ?? "";
    if (current.voidedAt) return { ok: true, donationId, receiptNumber, campaignIds: [], emailKeys: [], duplicate: true };
    await tx.update(donations).set({ voidedAt: new Date(), voidedBy: void_.adminId, voidReason: void_.reason }).where(eq(donations.id, donationId));
    const before = rowState(current);
    await applyGiftChange(tx, { campaignId: current.campaignId, currency: current.currency, donorId: current.donorId, paidAt: current.paidAt }, before, {
      ...before,
      voided: true,
    });
    const emailKeys: string[] = [];
    if (current.donorEmail) {
      const key = `offline-receipt-void:${donationId}`;
      const [donor] = await tx.select({ name: donors.name }).from(donors).where(eq(donors.id, current.donorId));
      const dedication = current.dedicationKind && current.dedicationName ? { kind: current.dedicationKind, name: current.dedicationName } : null;
      await queueOfflineReceipt(
        tx,
        current.donorEmail,
        key,
        { ...current, method: current.method as OfflineGiftMethod, donationId, dedication, donorName: donor?.name ?? null, receiptNumber },
        "void",
      );
      emailKeys.push(key);
    }
    return { ok: true, donationId, receiptNumber, campaignIds: [current.campaignId], emailKeys };
  });
}
