import "server-only";
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db/client";
import type { Database } from "@/db/database";
import { campaigns, donations, donors } from "@/db/schema";
import { sendEmail } from "@/lib/email/outbox";
import { formatMoney } from "@/lib/money/money";
import { receiptIssuer } from "@/lib/organisation/organisation";
import { receiptUrl } from "@/lib/receipts/receipt-link";
import { receiptNumberOf } from "@/lib/receipts/receipt-number";
import { isOfflineMethod, receiptMethodLabel } from "./gift-methods";
import { dedicationText, formatGiftDate } from "./gift-wording";

export type ResendReceiptResult = { ok: true; to: string } | { ok: false; reason: "not-found" | "refunded" | "no-email" | "voided"; message: string };

/**
 * Sends a gift's receipt again to the donor's address, as the receipt of that payment (same
 * number, date and campaign). A partly refunded gift's receipt shows what was kept; a fully
 * refunded gift has nothing to receipt. `requestId` (one per submitted form) makes a double
 * submission send one email. No authorisation here: the donor's page checks the gift is
 * theirs, the admin tools check the admin.
 */
export async function resendReceipt(donationId: string, options: { db?: Database; requestId?: string } = {}): Promise<ResendReceiptResult> {
  const db = options.db ?? (await getDb());
  const notFound = { ok: false, reason: "not-found", message: "We could not find that gift." } as const;
  if (!z.uuid().safeParse(donationId).success) return notFound;
  const [gift] = await db
    .select({
      id: donations.id,
      kind: donations.kind,
      amount: donations.amount,
      feeCoveredAmount: donations.feeCoveredAmount,
      refundedAmount: donations.refundedAmount,
      currency: donations.currency,
      paidAt: donations.paidAt,
      dedicationKind: donations.dedicationKind,
      dedicationName: donations.dedicationName,
      receiptYear: donations.receiptYear,
      receiptSequence: donations.receiptSequence,
      method: donations.method,
      voidedAt: donations.voidedAt,
      campaignTitle: campaigns.title,
      donorEmail: donors.email,
      donorName: donors.name,
    })
    .from(donations)
    .innerJoin(donors, eq(donors.id, donations.donorId))
    .innerJoin(campaigns, eq(campaigns.id, donations.campaignId))
    .where(eq(donations.id, donationId));
  if (!gift) return notFound;
  const kept = gift.amount - gift.refundedAmount;
  if (kept <= 0) return { ok: false, reason: "refunded", message: "This gift was refunded in full, so there is no receipt to send." };
  if (gift.voidedAt) return { ok: false, reason: "voided", message: "This gift was voided, so its receipt is void too." };
  if (!gift.donorEmail) return { ok: false, reason: "no-email", message: "We have no email address for this donor, so there is nowhere to send the receipt." };
  const donorEmail = gift.donorEmail;

  const requestId = options.requestId && /^[A-Za-z0-9_-]{8,64}$/.test(options.requestId) ? options.requestId : randomUUID();
  const dedication = gift.dedicationKind && gift.dedicationName ? { kind: gift.dedicationKind, name: gift.dedicationName } : null;
  await sendEmail(db, {
    idempotencyKey: `receipt-resend:${gift.id}:${requestId}`,
    // A copy of a monthly payment's receipt, never the welcome: that one promises future payments.
    template: isOfflineMethod(gift.method) ? "offline-gift-receipt" : gift.kind === "one_off" ? "one-off-receipt" : "monthly-receipt",
    to: donorEmail,
    props: {
      ...receiptIssuer(),
      donorName: gift.donorName,
      amount: formatMoney(kept, gift.currency, { showCents: true }),
      feeCovered: gift.refundedAmount === 0 && gift.feeCoveredAmount > 0 ? formatMoney(gift.feeCoveredAmount, gift.currency, { showCents: true }) : null,
      date: formatGiftDate(gift.paidAt),
      campaignTitle: gift.campaignTitle,
      dedication: dedicationText(dedication),
      receiptNumber: receiptNumberOf(gift) ?? gift.id,
      receiptUrl: receiptUrl(gift.id),
      manageUrl: null,
      method: receiptMethodLabel(gift.method),
    },
  });
  return { ok: true, to: donorEmail };
}
