/**
 * Test-only helpers that write donors, gifts and monthly gifts straight into a test database,
 * shaped as the Stripe webhooks record them (db/schema.ts): `amount` is the total charged,
 * fee cover included; refunds are recorded in `refunded_amount` and, one per gift, in gift_refunds. The app itself never writes
 * gifts anywhere but the webhook handlers.
 */
import { randomUUID } from "node:crypto";
import { campaigns, donations, donors, giftRefunds, recurringGifts, type NewCampaign } from "@/db/schema";
import type { Database } from "@/db/database";
import { applyGiftChange, applyRecurringGiftChange } from "@/lib/ledger/apply-ledger-change";

export async function insertCampaign(db: Database, values: Partial<NewCampaign> & { slug: string }): Promise<string> {
  const [row] = await db
    .insert(campaigns)
    .values({ title: values.slug, summary: `Summary of ${values.slug}`, status: "active", currency: "USD", ...values })
    .returning({ id: campaigns.id });
  return row!.id;
}

export async function insertDonor(db: Database, email: string, name: string | null = null): Promise<string> {
  const [row] = await db.insert(donors).values({ email, name }).returning({ id: donors.id });
  return row!.id;
}

export interface GiftRow {
  donorId: string;
  campaignId: string;
  amount: number;
  currency: string;
  paidAt: Date;
  kind?: "one_off" | "recurring";
  recurringGiftId?: string;
  feeCoveredAmount?: number;
  refundedAmount?: number;
  anonymous?: boolean;
  dedicationKind?: "in_honour" | "in_memory";
  dedicationName?: string;
  disputeStatus?: string;
  /** Stripe's fee for the payment, and every fee of the gift (set both, as the webhooks do: fee_amount = the payment's + refunds' + disputes'). */
  processingFeeAmount?: number;
  feeAmount?: number;
}

/** Inserts the gift and its part in the ledger totals, as the webhook handlers do. */
export async function insertGift(db: Database, gift: GiftRow): Promise<string> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(donations)
      .values({
        kind: "one_off",
        stripePaymentIntentId: `pi_test_${randomUUID()}`,
        ...gift,
      })
      .returning();
    await applyGiftChange(tx, row!, null, row!);
    // The refunded amount stands on one succeeded refund, as the webhooks would have stored it.
    if (row!.refundedAmount > 0) {
      await tx.insert(giftRefunds).values({
        stripeRefundId: `re_test_${randomUUID()}`,
        donationId: row!.id,
        amount: row!.refundedAmount,
        currency: row!.currency,
        status: "succeeded",
        refundedAt: row!.paidAt,
      });
    }
    return row!.id;
  });
}

export async function insertRecurringGift(
  db: Database,
  gift: {
    donorId: string;
    campaignId: string;
    amount: number;
    currency: string;
    status: string;
    cancelAtPeriodEnd?: boolean;
    cancelAt?: Date;
    currentPeriodEnd?: Date;
    canceledAt?: Date;
    endedAt?: Date;
  },
): Promise<string> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(recurringGifts)
      .values({ ...gift, stripeSubscriptionId: `sub_test_${randomUUID()}` })
      .returning();
    await applyRecurringGiftChange(tx, null, row!);
    return row!.id;
  });
}
