import { sql } from "drizzle-orm";
import type { Database } from "@/db/database";
import { REBUILD_LEDGER_STATEMENTS } from "./ledger-sql";

/**
 * Recomputes every ledger table from the gift and monthly-gift rows, in one transaction. For
 * rows written outside the webhook handlers (benchmark seeds, test fixtures) and for repairs;
 * the app itself never needs it.
 */
export async function rebuildLedger(db: Database): Promise<void> {
  await db.transaction(async (tx) => {
    for (const statement of REBUILD_LEDGER_STATEMENTS) await tx.execute(sql.raw(statement));
  });
}
