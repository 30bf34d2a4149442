import "server-only";
import { eq, sql } from "drizzle-orm";
import { recurringGifts } from "@/db/schema";
import type { Executor } from "@/db/database";

/** A monthly gift as Stripe's subscription describes it at one moment. */
export interface RecurringGiftState {
  stripeSubscriptionId: string;
  donorId: string;
  campaignId: string;
  amount: number;
  feeCoveredAmount: number;
  currency: string;
  status: string;
  cancelAtPeriodEnd: boolean;
  currentPeriodEnd: Date | null;
  canceledAt: Date | null;
  anonymous: boolean;
  dedication: { kind: "in_honour" | "in_memory"; name: string } | null;
  /** Unix seconds when this state was read from Stripe; an older read never overwrites a newer one. */
  observedAt: number;
}

/**
 * Creates the recurring gift or brings it up to date. Webhooks arrive in any order and are
 * handled concurrently, so the row keeps the newest state read from Stripe (stripe_updated_at)
 * and a slower handler holding an older read changes nothing.
 */
export async function upsertRecurringGift(tx: Executor, state: RecurringGiftState): Promise<{ id: string; campaignId: string }> {
  const values = {
    stripeSubscriptionId: state.stripeSubscriptionId,
    donorId: state.donorId,
    campaignId: state.campaignId,
    amount: state.amount,
    feeCoveredAmount: state.feeCoveredAmount,
    currency: state.currency,
    status: state.status,
    cancelAtPeriodEnd: state.cancelAtPeriodEnd,
    currentPeriodEnd: state.currentPeriodEnd,
    canceledAt: state.canceledAt,
    anonymous: state.anonymous,
    dedicationKind: state.dedication?.kind ?? null,
    dedicationName: state.dedication?.name ?? null,
    stripeUpdatedAt: state.observedAt,
  };
  const [written] = await tx
    .insert(recurringGifts)
    .values(values)
    .onConflictDoUpdate({
      target: recurringGifts.stripeSubscriptionId,
      set: {
        amount: values.amount,
        feeCoveredAmount: values.feeCoveredAmount,
        status: values.status,
        cancelAtPeriodEnd: values.cancelAtPeriodEnd,
        currentPeriodEnd: values.currentPeriodEnd,
        canceledAt: values.canceledAt,
        stripeUpdatedAt: values.stripeUpdatedAt,
      },
      setWhere: sql`${recurringGifts.stripeUpdatedAt} <= ${state.observedAt}`,
    })
    .returning({ id: recurringGifts.id, campaignId: recurringGifts.campaignId });
  if (written) return written;
  const [current] = await tx
    .select({ id: recurringGifts.id, campaignId: recurringGifts.campaignId })
    .from(recurringGifts)
    .where(eq(recurringGifts.stripeSubscriptionId, state.stripeSubscriptionId));
  if (!current) throw new Error(`recurring gift ${state.stripeSubscriptionId} vanished during upsert`);
  return current;
}
