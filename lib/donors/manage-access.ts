import "server-only";
import type Stripe from "stripe";
import type { Database } from "@/db/database";
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
export async function donorWithManageAccess(
  db: Database,
  stripe: Stripe,
  credentials: { receiptToken?: unknown; session?: unknown },
): Promise<string | null> {
  if (typeof credentials.receiptToken === "string" && credentials.receiptToken !== "") {
    const customerId = verifyManageToken(credentials.receiptToken);
    if (customerId) return donorForStripeCustomer(db, stripe, customerId);
  }
  return verifyManageSession(credentials.session, manageTokenSecret());
}
