import "server-only";
import { and, eq, isNotNull } from "drizzle-orm";
import type Stripe from "stripe";
import type { Database } from "@/db/database";
import { donorManageLinks } from "@/db/schema";
import { manageTokenSecret } from "@/lib/env";
import { verifyManageToken } from "@/lib/payments/manage-link";
import { donorForStripeCustomer } from "./donor-giving";
import { verifyManageSession } from "./manage-session";

/**
 * Who may see a giving page: the donor named by a receipt's signed link (`?token=`, HMAC over
 * the Stripe customer; it never expires, as receipts stay in inboxes), or by the short-lived
 * session an emailed single-use link started (the cookie). The receipt link wins when both are
 * there: it is what this page was opened with.
 */
export async function donorWithManageAccess(db: Database, stripe: Stripe, credentials: { receiptToken?: unknown; session?: unknown }): Promise<string | null> {
  if (typeof credentials.receiptToken === "string" && credentials.receiptToken !== "") {
    const customerId = verifyManageToken(credentials.receiptToken);
    if (customerId) return donorForStripeCustomer(db, stripe, customerId);
  }
  return donorOfManageSession(db, credentials.session);
}

/** The donor of a signed session that was not ended ("Sign out of this page" deletes its link row). */
export async function donorOfManageSession(db: Database, session: unknown): Promise<string | null> {
  const sessionId = verifyManageSession(session, manageTokenSecret());
  if (!sessionId) return null;
  const [link] = await db
    .select({ donorId: donorManageLinks.donorId })
    .from(donorManageLinks)
    .where(and(eq(donorManageLinks.id, sessionId), isNotNull(donorManageLinks.usedAt)));
  return link?.donorId ?? null;
}

/**
 * "Sign out of this page": ends the session on the server, so the cookie, or any copy of it,
 * opens nothing for the rest of its 2 hours. The emailed link it came from was used up already.
 */
export async function endManageSession(db: Database, session: unknown): Promise<void> {
  const sessionId = verifyManageSession(session, manageTokenSecret());
  if (sessionId) await db.delete(donorManageLinks).where(and(eq(donorManageLinks.id, sessionId), isNotNull(donorManageLinks.usedAt)));
}
