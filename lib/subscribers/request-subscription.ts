import "server-only";
import { eq, sql } from "drizzle-orm";
import { subscribers, type Subscriber } from "@/db/schema";
import type { Database, Executor } from "@/db/database";
import { emailIdentity } from "@/lib/identity/email-identity";
import { issueConfirmation, mayResendConfirmation } from "./issue-confirmation";
import type { SubscriptionSettings } from "./subscription-settings";

export interface SubscriptionRequest {
  /** Already normalised by parseEmailAddress. */
  email: string;
  firstName: string | null;
  /** "home", "footer", "campaign:<slug>", … */
  source: string;
  /** The consent statement shown beside the form, word for word. */
  consentText: string;
}

/**
 * What happened, for tests and logs only. The visitor always sees the same answer ("check your
 * inbox"), whatever the outcome, so the form cannot reveal whether an address is subscribed.
 */
export type SubscriptionRequestOutcome = "confirmation-sent" | "confirmation-recently-sent" | "already-confirmed";

export interface SubscriptionRequestResult {
  outcome: SubscriptionRequestOutcome;
  subscriberId: string;
  /** Outbox keys to deliver once the transaction has committed. */
  emailKeys: string[];
}

async function lockByEmail(tx: Executor, email: string): Promise<Subscriber | undefined> {
  const [row] = await tx
    .select()
    .from(subscribers)
    .where(sql`lower(${subscribers.email}) = ${emailIdentity(email)}`)
    .for("update");
  return row;
}

/**
 * A sign-up (double opt-in, step one):
 * - new address → pending, confirmation email;
 * - pending → consent refreshed; the email again unless one went out minutes ago;
 * - confirmed → nothing changes, nothing is sent;
 * - unsubscribed → pending again, with a new confirmation email.
 */
export async function requestSubscription(
  db: Database,
  request: SubscriptionRequest,
  settings: SubscriptionSettings,
  now: Date = new Date(),
): Promise<SubscriptionRequestResult> {
  return db.transaction(async (tx) => {
    const consent = { source: request.source, consentText: request.consentText, consentedAt: now };
    let subscriber = await lockByEmail(tx, request.email);
    if (!subscriber) {
      const [inserted] = await tx
        .insert(subscribers)
        .values({ email: request.email, firstName: request.firstName, status: "pending", ...consent, createdAt: now })
        .onConflictDoNothing()
        .returning();
      if (inserted) {
        const key = await issueConfirmation(tx, inserted, settings, now);
        return { outcome: "confirmation-sent", subscriberId: inserted.id, emailKeys: [key] };
      }
      // A concurrent sign-up for the same address committed first: carry on with its row.
      subscriber = await lockByEmail(tx, request.email);
      if (!subscriber) throw new Error("subscriber vanished during sign-up");
    }

    if (subscriber.status === "confirmed") {
      return { outcome: "already-confirmed", subscriberId: subscriber.id, emailKeys: [] };
    }

    await tx
      .update(subscribers)
      .set({ ...consent, status: "pending", firstName: request.firstName ?? subscriber.firstName })
      .where(eq(subscribers.id, subscriber.id));
    if (!(await mayResendConfirmation(tx, subscriber, now))) {
      return { outcome: "confirmation-recently-sent", subscriberId: subscriber.id, emailKeys: [] };
    }
    const key = await issueConfirmation(tx, subscriber, settings, now);
    return { outcome: "confirmation-sent", subscriberId: subscriber.id, emailKeys: [key] };
  });
}
