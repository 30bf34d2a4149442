import { sql } from "drizzle-orm";
import { donations } from "@/db/schema";

/**
 * The ledger's one definition of "raised", as SQL over `donations`: a gift counts for what is
 * left after refunds, and a fully refunded gift no longer counts as a gift (nor its donor as a
 * donor). Every figure that says "raised" sums these, never amounts of different currencies.
 */
export const giftNetAmount = sql`(${donations.amount} - ${donations.refundedAmount})`;
export const giftStillCounts = sql`(${donations.amount} > ${donations.refundedAmount})`;
/** `sum(net)` that is 0, not null, when nothing matched. */
export const raisedAmount = sql`coalesce(sum(${giftNetAmount}), 0)`;
