import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { subscriberConfirmations, subscribers } from "@/db/schema";
import type { Database, Executor } from "@/db/database";
import { issueConfirmation, mayResendConfirmation } from "./issue-confirmation";
import type { SubscriptionSettings } from "./subscription-settings";
import { hashConfirmationToken, isExpired, isWellFormedConfirmationToken } from "./tokens";

export type ConfirmationOutcome =
  | { kind: "confirmed"; subscriberId: string }
  /** The link (or a sibling link) already confirmed this address. */
  | { kind: "already-confirmed" }
  | { kind: "expired" }
  /** Used or withdrawn, and the address is not confirmed now (e.g. unsubscribed since). */
  | { kind: "used" }
  | { kind: "invalid" };

async function lockConfirmation(tx: Executor, token: string) {
  const [row] = await tx
    .select({
      subscriberId: subscriberConfirmations.subscriberId,
      expiresAt: subscriberConfirmations.expiresAt,
      usedAt: subscriberConfirmations.usedAt,
      status: subscribers.status,
      email: subscribers.email,
      confirmationSentAt: subscribers.confirmationSentAt,
    })
    .from(subscriberConfirmations)
    .innerJoin(subscribers, eq(subscribers.id, subscriberConfirmations.subscriberId))
    .where(eq(subscriberConfirmations.tokenHash, hashConfirmationToken(token)))
    .for("update");
  return row;
}

/**
 * What pressing "Confirm my subscription" would do, without doing it: the emailed link opens a
 * page with that button, so a mail scanner that follows links confirms nobody (the page reads,
 * the button's POST confirms, as with manage links).
 */
export async function inspectConfirmation(
  db: Database,
  token: unknown,
  now: Date = new Date(),
): Promise<{ kind: "pending" } | Exclude<ConfirmationOutcome, { kind: "confirmed" }>> {
  if (!isWellFormedConfirmationToken(token)) return { kind: "invalid" };
  const [row] = await db
    .select({ expiresAt: subscriberConfirmations.expiresAt, usedAt: subscriberConfirmations.usedAt, status: subscribers.status })
    .from(subscriberConfirmations)
    .innerJoin(subscribers, eq(subscribers.id, subscriberConfirmations.subscriberId))
    .where(eq(subscriberConfirmations.tokenHash, hashConfirmationToken(token)));
  if (!row) return { kind: "invalid" };
  if (row.usedAt || row.status !== "pending") return { kind: row.status === "confirmed" ? "already-confirmed" : "used" };
  if (isExpired(row.expiresAt, now)) return { kind: "expired" };
  return { kind: "pending" };
}

/** Double opt-in, step two: pressing the button on the emailed link's page confirms the subscription, once. */
export async function confirmSubscription(db: Database, token: unknown, now: Date = new Date()): Promise<ConfirmationOutcome> {
  if (!isWellFormedConfirmationToken(token)) return { kind: "invalid" };
  return db.transaction(async (tx): Promise<ConfirmationOutcome> => {
    const row = await lockConfirmation(tx, token);
    if (!row) return { kind: "invalid" };
    if (row.usedAt || row.status !== "pending") return { kind: row.status === "confirmed" ? "already-confirmed" : "used" };
    if (isExpired(row.expiresAt, now)) return { kind: "expired" };

    await tx.update(subscribers).set({ status: "confirmed", confirmedAt: now }).where(eq(subscribers.id, row.subscriberId));
    // Every other outstanding link for this address is spent too.
    await tx
      .update(subscriberConfirmations)
      .set({ usedAt: now })
      .where(and(eq(subscriberConfirmations.subscriberId, row.subscriberId), isNull(subscriberConfirmations.usedAt)));
    return { kind: "confirmed", subscriberId: row.subscriberId };
  });
}

export type ResendOutcome =
  | { kind: "sent"; emailKeys: string[] }
  | { kind: "recently-sent" }
  | { kind: "already-confirmed" }
  /** Unsubscribed since: they must sign up again (which starts a new double opt-in). */
  | { kind: "not-pending" }
  | { kind: "invalid" };

/** "Send me a new link" from an expired or used link's page: the old token says who is asking. */
export async function resendConfirmation(db: Database, token: unknown, settings: SubscriptionSettings, now: Date = new Date()): Promise<ResendOutcome> {
  if (!isWellFormedConfirmationToken(token)) return { kind: "invalid" };
  return db.transaction(async (tx): Promise<ResendOutcome> => {
    const row = await lockConfirmation(tx, token);
    if (!row) return { kind: "invalid" };
    if (row.status === "confirmed") return { kind: "already-confirmed" };
    if (row.status === "unsubscribed") return { kind: "not-pending" };
    const subscriber = { id: row.subscriberId, email: row.email, confirmationSentAt: row.confirmationSentAt };
    if (!(await mayResendConfirmation(tx, subscriber, now))) return { kind: "recently-sent" };
    return { kind: "sent", emailKeys: [await issueConfirmation(tx, subscriber, settings, now)] };
  });
}
