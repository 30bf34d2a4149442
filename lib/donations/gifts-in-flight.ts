import "server-only";
import { and, eq, or, sql } from "drizzle-orm";
import { donations, giftsInFlight } from "@/db/schema";
import type { Database, Executor } from "@/db/database";
import { env } from "@/lib/env";
import { queueEmail } from "@/lib/email/outbox";
import { formatMoney } from "@/lib/money/money";
import { organisation } from "@/lib/organisation/organisation";
import { campaignUrl, giftCampaignTitle, type GiftCampaign } from "./gift-campaign";

/**
 * Gifts in flight: gifts by bank debit that Stripe has not settled (db/schema.ts
 * `gifts_in_flight`): one-off gifts, keyed by their Checkout Session, and each instalment of a
 * monthly gift, keyed by its invoice. They never count: totals, the ledger and progress read
 * donations only, and a gift becomes a donation only when its payment succeeds. Every write here
 * is safe under Stripe's duplicate and out-of-order delivery: the row is keyed by the session or
 * invoice, the first write of a final status wins, and a late "processing" never overwrites one.
 */

export type BankDebitMethod = "us_bank_account" | "sepa_debit";

export function isBankDebit(method: string | null | undefined): method is BankDebitMethod {
  return method === "us_bank_account" || method === "sepa_debit";
}

/** How the donor is told they paid. */
export function bankDebitLabel(method: string): string {
  return method === "sepa_debit" ? "SEPA Direct Debit" : "US bank account";
}

export interface GiftInFlight {
  /** A one-off gift's Checkout Session; null for a monthly gift's instalment. */
  checkoutSessionId: string | null;
  /** A monthly gift's instalment: its invoice (the first or a renewal); null for a one-off gift. */
  invoiceId?: string | null;
  paymentIntentId: string | null;
  campaign: Pick<GiftCampaign, "id" | "kind" | "slug" | "title">;
  email: string;
  name: string | null;
  amount: number;
  currency: string;
  method: BankDebitMethod;
}

/** The session or invoice the gift is keyed by (an email's key too), and its column. */
function keyOf(gift: GiftInFlight) {
  if (gift.invoiceId) return { key: gift.invoiceId, column: giftsInFlight.stripeInvoiceId, donationColumn: donations.stripeInvoiceId };
  if (!gift.checkoutSessionId) throw new Error("a gift in flight needs its Checkout Session or invoice");
  return { key: gift.checkoutSessionId, column: giftsInFlight.stripeCheckoutSessionId, donationColumn: donations.stripeCheckoutSessionId };
}

function row(gift: GiftInFlight, status: "processing" | "succeeded" | "failed") {
  return {
    stripeCheckoutSessionId: gift.invoiceId ? null : gift.checkoutSessionId,
    stripeInvoiceId: gift.invoiceId ?? null,
    stripePaymentIntentId: gift.paymentIntentId,
    campaignId: gift.campaign.id,
    email: gift.email,
    name: gift.name,
    amount: gift.amount,
    currency: gift.currency,
    paymentMethod: gift.method,
    status,
    settledAt: status === "processing" ? null : new Date(),
  };
}

/** What both emails about a gift in flight say of it. */
function giftEmailProps(gift: GiftInFlight) {
  const org = organisation();
  return {
    organisationName: org.name,
    donorName: gift.name,
    amount: formatMoney(gift.amount, gift.currency, { showCents: true }),
    campaignTitle: giftCampaignTitle(gift.campaign, org.name),
    methodLabel: bankDebitLabel(gift.method),
  };
}

/**
 * A bank debit is processing (Checkout completed unpaid, or a monthly instalment's debit
 * started): the gift is in flight. Writes the row unless the session or invoice already has a row
 * (an outcome that arrived first) or a recorded gift, and, with `notify` (a gift the donor has
 * just made: one-off, or a monthly gift's first instalment), queues the "on its way" email (not
 * a receipt). Returns the email's key when it was queued.
 */
export async function recordGiftInFlight(tx: Executor, gift: GiftInFlight, options: { notify: boolean } = { notify: true }): Promise<string | null> {
  const { key: giftKey, column, donationColumn } = keyOf(gift);
  const [recorded] = await tx.select({ id: donations.id }).from(donations).where(eq(donationColumn, giftKey)).limit(1);
  if (recorded) return null;
  const inserted = await tx.insert(giftsInFlight).values(row(gift, "processing")).onConflictDoNothing({ target: column }).returning({ id: giftsInFlight.id });
  if (inserted.length === 0 && gift.invoiceId) {
    // An instalment Stripe tries again (Smart Retries) after a failed debit is in flight again;
    // the caller read the PaymentIntent processing now, so this is the retry, not a late event.
    await tx
      .update(giftsInFlight)
      .set({ status: "processing", settledAt: null, stripePaymentIntentId: gift.paymentIntentId })
      .where(and(eq(giftsInFlight.stripeInvoiceId, gift.invoiceId), eq(giftsInFlight.status, "failed")));
  }
  if (inserted.length === 0 || !options.notify) return null;
  const key = `gift-on-its-way:${giftKey}`;
  await queueEmail(tx, {
    idempotencyKey: key,
    template: "gift-on-its-way",
    to: gift.email,
    props: { ...giftEmailProps(gift), monthly: Boolean(gift.invoiceId) },
  });
  return key;
}

/**
 * The bank debit succeeded and the gift was recorded in this same transaction: the row becomes
 * `succeeded` (written if the success arrived before Checkout's completion; it waits for a
 * concurrent insert of the same session, so a late "processing" cannot survive it).
 */
export async function markGiftInFlightSucceeded(tx: Executor, gift: GiftInFlight): Promise<void> {
  await settleGiftInFlight(tx, gift, "succeeded");
}

/**
 * Writes the final status, or moves a `processing` row to it; true when this call changed the row.
 * A monthly instalment's failure is settled here by its invoice's handler, which sends its own email.
 */
export async function settleGiftInFlight(tx: Executor, gift: GiftInFlight, status: "succeeded" | "failed"): Promise<boolean> {
  const changed = await tx
    .insert(giftsInFlight)
    .values(row(gift, status))
    .onConflictDoUpdate({
      target: keyOf(gift).column,
      set: { status, settledAt: sql`now()` },
      // Success is final whatever came before (an instalment can fail, then succeed when retried); a failure only ends a debit in flight.
      setWhere: status === "succeeded" ? sql`${giftsInFlight.status} <> 'succeeded'` : sql`${giftsInFlight.status} = 'processing'`,
    })
    .returning({ id: giftsInFlight.id });
  return changed.length > 0;
}

/**
 * The bank debit failed: the row becomes `failed` (written if the failure came first, so a late
 * completion never shows it in flight), and the donor gets one kind email with a way to try again.
 * Returns the email's key when this delivery changed the row, else null.
 */
export async function markGiftInFlightFailed(tx: Executor, gift: GiftInFlight): Promise<string | null> {
  if (!(await settleGiftInFlight(tx, gift, "failed"))) return null;
  const key = `bank-debit-failed:${keyOf(gift).key}`;
  const queued = await queueEmail(tx, {
    idempotencyKey: key,
    template: "bank-debit-failed",
    to: gift.email,
    props: { ...giftEmailProps(gift), tryAgainUrl: campaignUrl(gift.campaign, env().APP_URL) },
  });
  return queued ? key : null;
}

/** The dashboard's gifts in flight: count and amount per currency of bank debits still processing. */
export async function giftsInFlightByCurrency(db: Database | Executor): Promise<{ currency: string; count: number; amount: number }[]> {
  return db
    .select({ currency: giftsInFlight.currency, count: sql<number>`count(*)::int`, amount: sql<number>`coalesce(sum(${giftsInFlight.amount}), 0)::bigint` })
    .from(giftsInFlight)
    .where(eq(giftsInFlight.status, "processing"))
    .groupBy(giftsInFlight.currency)
    .orderBy(giftsInFlight.currency)
    .then((rows) => rows.map((entry) => ({ ...entry, amount: Number(entry.amount), count: Number(entry.count) })));
}

/** A session's gift in flight (or, for a monthly gift, its first invoice's), for the thank-you page. */
export async function giftInFlightStatus(
  db: Database,
  checkoutSessionId: string,
  invoiceId: string | null = null,
): Promise<"processing" | "succeeded" | "failed" | null> {
  const [found] = await db
    .select({ status: giftsInFlight.status })
    .from(giftsInFlight)
    .where(
      invoiceId
        ? or(eq(giftsInFlight.stripeCheckoutSessionId, checkoutSessionId), eq(giftsInFlight.stripeInvoiceId, invoiceId))
        : eq(giftsInFlight.stripeCheckoutSessionId, checkoutSessionId),
    )
    .limit(1);
  return (found?.status as "processing" | "succeeded" | "failed" | undefined) ?? null;
}
