import "server-only";
import { asc, desc, eq, sql } from "drizzle-orm";
import type { Database } from "@/db/database";
import { campaigns, donations, donorManageLinks, donors, giftsInFlight, recurringGifts, sentEmails, subscribers, type GiftAnswer } from "@/db/schema";
import { emailIdentity } from "@/lib/identity/email-identity";
import { formatReceiptNumber } from "@/lib/receipts/receipt-number";

/*
 * "Download my data": everything Lantern holds about one donor, read from every table that holds
 * something of theirs (db/schema.ts): the donor row, gifts (with dedications, answers and postal
 * addresses), monthly and yearly gifts, bank debits in flight, newsletter subscriptions, the
 * emails sent to them and the giving-page links emailed to them. Amounts are minor units with
 * their currency, as stored; the HTML copy (donor-data-html.ts) formats them.
 */

export interface DonorData {
  exportedAt: string;
  donor: { id: string; email: string | null; name: string | null; createdAt: string; stripeCustomerId: string | null; erasedAt: string | null };
  gifts: Array<{
    id: string;
    receiptNumber: string | null;
    paidAt: string;
    campaign: string;
    kind: "one_off" | "recurring";
    method: string;
    amount: number;
    feeCoveredAmount: number;
    refundedAmount: number;
    currency: string;
    anonymous: boolean;
    dedication: { kind: "in_honour" | "in_memory"; name: string } | null;
    answers: GiftAnswer[];
    postalAddress: string | null;
    givenThrough: string | null;
    voided: boolean;
  }>;
  recurringGifts: Array<{
    id: string;
    campaign: string;
    amount: number;
    currency: string;
    interval: string;
    status: string;
    startedAt: string;
    endedAt: string | null;
    anonymous: boolean;
    dedication: { kind: "in_honour" | "in_memory"; name: string } | null;
  }>;
  giftsInFlight: Array<{
    campaign: string;
    email: string;
    name: string | null;
    amount: number;
    currency: string;
    paymentMethod: string;
    status: string;
    createdAt: string;
  }>;
  subscriptions: Array<{
    email: string;
    firstName: string | null;
    status: string;
    source: string;
    consentText: string;
    consentedAt: string;
    confirmedAt: string | null;
    unsubscribedAt: string | null;
  }>;
  emails: Array<{ subject: string | null; template: string; to: string; status: string; queuedAt: string; sentAt: string | null }>;
  manageLinks: Array<{ sentAt: string; usedAt: string | null }>;
}

const iso = (date: Date) => date.toISOString();
const isoOrNull = (date: Date | null) => (date ? date.toISOString() : null);
const dedicationOf = (kind: "in_honour" | "in_memory" | null, name: string | null) => (kind && name ? { kind, name } : null);

/** Null when there is no such donor. */
export async function donorData(db: Database, donorId: string, now: Date = new Date()): Promise<DonorData | null> {
  const [donor] = await db.select().from(donors).where(eq(donors.id, donorId));
  if (!donor) return null;
  const address = donor.email ? emailIdentity(donor.email) : null;

  const gifts = await db
    .select({ gift: donations, campaign: campaigns.title })
    .from(donations)
    .innerJoin(campaigns, eq(campaigns.id, donations.campaignId))
    .where(eq(donations.donorId, donor.id))
    .orderBy(desc(donations.paidAt));
  const monthly = await db
    .select({ gift: recurringGifts, campaign: campaigns.title })
    .from(recurringGifts)
    .innerJoin(campaigns, eq(campaigns.id, recurringGifts.campaignId))
    .where(eq(recurringGifts.donorId, donor.id))
    .orderBy(desc(recurringGifts.createdAt));
  // Rows kept by address, not by donor: the same address in any case.
  const byAddress = <T>(run: (address: string) => Promise<T[]>) => (address ? run(address) : Promise.resolve([] as T[]));
  const inFlight = await byAddress((a) =>
    db
      .select({ row: giftsInFlight, campaign: campaigns.title })
      .from(giftsInFlight)
      .innerJoin(campaigns, eq(campaigns.id, giftsInFlight.campaignId))
      .where(sql`lower(${giftsInFlight.email}) = ${a}`)
      .orderBy(desc(giftsInFlight.createdAt)),
  );
  const subscriptions = await byAddress((a) =>
    db
      .select()
      .from(subscribers)
      .where(sql`lower(${subscribers.email}) = ${a}`),
  );
  const emails = await byAddress((a) =>
    db
      .select()
      .from(sentEmails)
      .where(sql`lower(${sentEmails.toAddress}) = ${a}`)
      .orderBy(asc(sentEmails.createdAt)),
  );
  const links = await db.select().from(donorManageLinks).where(eq(donorManageLinks.donorId, donor.id)).orderBy(asc(donorManageLinks.createdAt));

  return {
    exportedAt: iso(now),
    donor: {
      id: donor.id,
      email: donor.email,
      name: donor.name,
      createdAt: iso(donor.createdAt),
      stripeCustomerId: donor.stripeCustomerId,
      erasedAt: isoOrNull(donor.erasedAt),
    },
    gifts: gifts.map(({ gift, campaign }) => ({
      id: gift.id,
      receiptNumber: gift.receiptYear && gift.receiptSequence ? formatReceiptNumber({ year: gift.receiptYear, sequence: gift.receiptSequence }) : null,
      paidAt: iso(gift.paidAt),
      campaign,
      kind: gift.kind,
      method: gift.method,
      amount: gift.amount,
      feeCoveredAmount: gift.feeCoveredAmount,
      refundedAmount: gift.refundedAmount,
      currency: gift.currency,
      anonymous: gift.anonymous,
      dedication: dedicationOf(gift.dedicationKind, gift.dedicationName),
      answers: gift.answers,
      postalAddress: gift.postalAddress,
      givenThrough: gift.embedOrigin,
      voided: gift.voidedAt !== null,
    })),
    recurringGifts: monthly.map(({ gift, campaign }) => ({
      id: gift.id,
      campaign,
      amount: gift.amount,
      currency: gift.currency,
      interval: gift.interval,
      status: gift.status,
      startedAt: iso(gift.createdAt),
      endedAt: isoOrNull(gift.endedAt),
      anonymous: gift.anonymous,
      dedication: dedicationOf(gift.dedicationKind, gift.dedicationName),
    })),
    giftsInFlight: inFlight.map(({ row, campaign }) => ({
      campaign,
      email: row.email,
      name: row.name,
      amount: row.amount,
      currency: row.currency,
      paymentMethod: row.paymentMethod,
      status: row.status,
      createdAt: iso(row.createdAt),
    })),
    subscriptions: subscriptions.map((row) => ({
      email: row.email,
      firstName: row.firstName,
      status: row.status,
      source: row.source,
      consentText: row.consentText,
      consentedAt: iso(row.consentedAt),
      confirmedAt: isoOrNull(row.confirmedAt),
      unsubscribedAt: isoOrNull(row.unsubscribedAt),
    })),
    emails: emails.map((row) => ({
      subject: row.subject,
      template: row.template,
      to: row.toAddress,
      status: row.status,
      queuedAt: iso(row.createdAt),
      sentAt: isoOrNull(row.sentAt),
    })),
    manageLinks: links.map((row) => ({ sentAt: iso(row.createdAt), usedAt: isoOrNull(row.usedAt) })),
  };
}
