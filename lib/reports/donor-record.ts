import "server-only";
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { campaigns, donations, donorNotes, donors, recurringGifts, sentEmails, subscribers } from "@/db/schema";
import type { Database } from "@/db/database";
import { recurringGiftStatus } from "@/lib/donations/recurring-gift-status";
import type { GiftMethod } from "@/lib/donations/gift-methods";
import { receiptNumberOf } from "@/lib/receipts/receipt-number";
import { givingOf, type DonorGiving } from "./donor-list";
import { giftStatusLabels, type GiftStatusLabel } from "./gift-status";

/** The donor page shows this many gifts, newest first; the gift list (filtered by address) has the rest. */
export const DONOR_PAGE_GIFTS = 100;

export interface DonorRecordGift {
  id: string;
  paidAt: Date;
  amount: number;
  currency: string;
  kind: "one_off" | "recurring";
  method: GiftMethod;
  campaignTitle: string;
  receiptNumber: string | null;
  status: GiftStatusLabel[];
}

export interface DonorRecordRecurringGift {
  id: string;
  amount: number;
  currency: string;
  interval: string;
  campaignTitle: string;
  startedAt: Date;
  /** "Active", "Ending on …", "Cancelled on …" (lib/donations/recurring-gift-status.ts). */
  statusLabel: string;
  active: boolean;
}

export interface DonorRecordEmail {
  createdAt: Date;
  sentAt: Date | null;
  subject: string | null;
  status: string;
}

export interface DonorNoteView {
  id: string;
  body: string;
  authorEmail: string;
  createdAt: Date;
}

export interface DonorRecord {
  id: string;
  email: string | null;
  name: string | null;
  createdAt: Date;
  /** When the donor's personal data was erased (lib/privacy/erase-donor.ts); null if never. */
  erasedAt: Date | null;
  keptGifts: number;
  firstGiftAt: Date | null;
  lastGiftAt: Date | null;
  /** Lifetime giving, one entry per currency (never added together). */
  giving: DonorGiving[];
  /** Every gift row of the donor, voided and refunded ones included. */
  giftCount: number;
  gifts: DonorRecordGift[];
  recurringGifts: DonorRecordRecurringGift[];
  /** The donor's address on the newsletter list, if it is there. */
  subscription: { status: "pending" | "confirmed" | "unsubscribed"; confirmedAt: Date | null; unsubscribedAt: Date | null } | null;
  /** Receipt emails (one-off, monthly, offline) sent or queued to the donor's address, newest first. */
  receiptEmails: DonorRecordEmail[];
  /** Yearly giving statements sent or queued to the donor's address, newest first. */
  statements: DonorRecordEmail[];
  notes: DonorNoteView[];
}

const RECEIPT_TEMPLATES = ["one-off-receipt", "monthly-welcome-receipt", "monthly-receipt", "offline-gift-receipt"];
const EMAILS_SHOWN = 50;

export async function findDonorRecord(db: Database, donorId: string): Promise<DonorRecord | null> {
  const [donor] = await db.select().from(donors).where(eq(donors.id, donorId)).limit(1);
  if (!donor) return null;
  const [giving, [counted], giftRows, recurringRows, subscriptionRows, emailRows, notes] = await Promise.all([
    givingOf(db, [donor.id]),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(donations)
      .where(eq(donations.donorId, donor.id)),
    db
      .select({
        id: donations.id,
        paidAt: donations.paidAt,
        amount: donations.amount,
        refundedAmount: donations.refundedAmount,
        currency: donations.currency,
        kind: donations.kind,
        method: donations.method,
        disputeStatus: donations.disputeStatus,
        voidedAt: donations.voidedAt,
        receiptYear: donations.receiptYear,
        receiptSequence: donations.receiptSequence,
        campaignTitle: campaigns.title,
      })
      .from(donations)
      .innerJoin(campaigns, eq(campaigns.id, donations.campaignId))
      .where(eq(donations.donorId, donor.id))
      .orderBy(desc(donations.paidAt), desc(donations.id))
      .limit(DONOR_PAGE_GIFTS),
    db
      .select({ gift: recurringGifts, campaignTitle: campaigns.title })
      .from(recurringGifts)
      .innerJoin(campaigns, eq(campaigns.id, recurringGifts.campaignId))
      .where(eq(recurringGifts.donorId, donor.id))
      .orderBy(desc(recurringGifts.createdAt)),
    donor.email
      ? db
          .select({ status: subscribers.status, confirmedAt: subscribers.confirmedAt, unsubscribedAt: subscribers.unsubscribedAt })
          .from(subscribers)
          .where(sql`lower(${subscribers.email}) = ${donor.email}`)
          .limit(1)
      : Promise.resolve([]),
    donor.email
      ? db
          .select({
            template: sentEmails.template,
            createdAt: sentEmails.createdAt,
            sentAt: sentEmails.sentAt,
            subject: sentEmails.subject,
            status: sentEmails.status,
          })
          .from(sentEmails)
          .where(and(eq(sentEmails.toAddress, donor.email), inArray(sentEmails.template, [...RECEIPT_TEMPLATES, "giving-statement"])))
          .orderBy(desc(sentEmails.createdAt))
          .limit(EMAILS_SHOWN * 2)
      : Promise.resolve([]),
    db
      .select({ id: donorNotes.id, body: donorNotes.body, authorEmail: donorNotes.authorEmail, createdAt: donorNotes.createdAt })
      .from(donorNotes)
      .where(eq(donorNotes.donorId, donor.id))
      .orderBy(desc(donorNotes.createdAt), desc(donorNotes.id)),
  ]);
  const email = (row: (typeof emailRows)[number]): DonorRecordEmail => ({
    createdAt: row.createdAt,
    sentAt: row.sentAt,
    subject: row.subject,
    status: row.status,
  });
  return {
    id: donor.id,
    email: donor.email,
    name: donor.name,
    createdAt: donor.createdAt,
    erasedAt: donor.erasedAt,
    keptGifts: donor.keptGifts,
    firstGiftAt: donor.firstGiftAt,
    lastGiftAt: donor.lastGiftAt,
    giving: giving.get(donor.id) ?? [],
    giftCount: counted?.n ?? 0,
    gifts: giftRows.map((row) => ({
      id: row.id,
      paidAt: row.paidAt,
      amount: row.amount,
      currency: row.currency,
      kind: row.kind,
      method: row.method,
      campaignTitle: row.campaignTitle,
      receiptNumber: receiptNumberOf(row),
      status: giftStatusLabels({ ...row, recurring: null }),
    })),
    recurringGifts: recurringRows.map(({ gift, campaignTitle }) => {
      const status = recurringGiftStatus(gift);
      return {
        id: gift.id,
        amount: gift.amount,
        currency: gift.currency,
        interval: gift.interval,
        campaignTitle,
        startedAt: gift.createdAt,
        statusLabel: status.label,
        active: status.kind === "active" || status.kind === "past_due" || status.kind === "paused",
      };
    }),
    subscription: subscriptionRows[0] ?? null,
    receiptEmails: emailRows
      .filter((row) => RECEIPT_TEMPLATES.includes(row.template))
      .slice(0, EMAILS_SHOWN)
      .map(email),
    statements: emailRows
      .filter((row) => row.template === "giving-statement")
      .slice(0, EMAILS_SHOWN)
      .map(email),
    notes,
  };
}
