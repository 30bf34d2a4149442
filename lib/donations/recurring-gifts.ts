import "server-only";
import { and, eq, lte } from "drizzle-orm";
import { recurringGifts } from "@/db/schema";
import type { Executor } from "@/db/database";
import { applyRecurringGiftChange } from "@/lib/ledger/apply-ledger-change";

/** A recurring (monthly or yearly) gift as Stripe's subscription describes it at one moment. */
export interface RecurringGiftState {
  stripeSubscriptionId: string;
  donorId: string;
  campaignId: string;
  amount: number;
  feeCoveredAmount: number;
  currency: string;
  /** The price's recurring interval: "month" (when absent) or "year". */
  interval?: "month" | "year";
  status: string;
  cancelAtPeriodEnd: boolean;
  cancelAt: Date | null;
  currentPeriodEnd: Date | null;
  canceledAt: Date | null;
  endedAt: Date | null;
  /** pause_collection.resumes_at while collection is paused; null (or absent) otherwise. */
  pausedUntil?: Date | null;
  anonymous: boolean;
  dedication: { kind: "in_honour" | "in_memory"; name: string } | null;
  /** Unix seconds when this state was read from Stripe; an older read never overwrites a newer one. */
  observedAt: number;
}

/**
 * Creates the recurring gift or brings it up to date. Webhooks arrive in any order and are
 * handled concurrently, so the row keeps the newest state read from Stripe (stripe_updated_at)
 * and a slower handler holding an older read changes nothing. Its part in the ledger (MRR,
 * active monthly donors) moves with it: a new row is inserted or nothing; an existing row is
 * locked, so the state before the change is the one this transaction replaces.
 */
export async function upsertRecurringGift(tx: Executor, state: RecurringGiftState): Promise<{ id: string; campaignId: string }> {
  const values = {
    stripeSubscriptionId: state.stripeSubscriptionId,
    donorId: state.donorId,
    campaignId: state.campaignId,
    amount: state.amount,
    feeCoveredAmount: state.feeCoveredAmount,
    currency: state.currency,
    interval: state.interval ?? "month",
    status: state.status,
    cancelAtPeriodEnd: state.cancelAtPeriodEnd,
    cancelAt: state.cancelAt,
    currentPeriodEnd: state.currentPeriodEnd,
    canceledAt: state.canceledAt,
    endedAt: state.endedAt,
    pausedUntil: state.pausedUntil ?? null,
    anonymous: state.anonymous,
    dedicationKind: state.dedication?.kind ?? null,
    dedicationName: state.dedication?.name ?? null,
    stripeUpdatedAt: state.observedAt,
  };
  const ledgerState = {
    id: recurringGifts.id,
    campaignId: recurringGifts.campaignId,
    currency: recurringGifts.currency,
    donorId: recurringGifts.donorId,
    amount: recurringGifts.amount,
    interval: recurringGifts.interval,
    status: recurringGifts.status,
    cancelAtPeriodEnd: recurringGifts.cancelAtPeriodEnd,
    cancelAt: recurringGifts.cancelAt,
    pausedUntil: recurringGifts.pausedUntil,
  };
  const [inserted] = await tx.insert(recurringGifts).values(values).onConflictDoNothing().returning(ledgerState);
  if (inserted) {
    await applyRecurringGiftChange(tx, null, inserted);
    return { id: inserted.id, campaignId: inserted.campaignId };
  }
  const [current] = await tx.select(ledgerState).from(recurringGifts).where(eq(recurringGifts.stripeSubscriptionId, state.stripeSubscriptionId)).for("update");
  if (!current) throw new Error(`recurring gift ${state.stripeSubscriptionId} vanished during upsert`);
  const [updated] = await tx
    .update(recurringGifts)
    .set({
      amount: values.amount,
      feeCoveredAmount: values.feeCoveredAmount,
      status: values.status,
      cancelAtPeriodEnd: values.cancelAtPeriodEnd,
      cancelAt: values.cancelAt,
      currentPeriodEnd: values.currentPeriodEnd,
      canceledAt: values.canceledAt,
      endedAt: values.endedAt,
      pausedUntil: values.pausedUntil,
      stripeUpdatedAt: values.stripeUpdatedAt,
    })
    .where(and(eq(recurringGifts.id, current.id), lte(recurringGifts.stripeUpdatedAt, state.observedAt)))
    .returning(ledgerState);
  if (updated) await applyRecurringGiftChange(tx, current, updated);
  return { id: current.id, campaignId: current.campaignId };
}
