/**
 * `npm run ledger:verify`: recomputes every ledger total from the gift rows of the app's
 * database (DATABASE_URL, or PGlite in ${LANTERN_DATA_DIR:-.data}/pglite), prints every
 * difference and exits 1 when there is any. Read-only apart from pending migrations.
 */
import path from "node:path";
import { formatDifferences, verifyLedger } from "@/lib/ledger/verify-ledger";
import { openPglite, openPostgres, prepareDatabase } from "@/db/open";

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  const open = url ? await openPostgres(url, 2) : await openPglite(path.resolve(process.env.LANTERN_DATA_DIR || ".data", "pglite"));
  try {
    await prepareDatabase(open, { seed: false });
    const differences = await verifyLedger(open.db);
    const where = url ? "PostgreSQL" : "PGlite";
    if (differences.length === 0) {
      console.log(`ledger:verify (${where}): every total matches the gift rows`);
      return;
    }
    console.error(`ledger:verify (${where}): ${differences.length} difference(s)\n${formatDifferences(differences)}`);
    process.exitCode = 1;
  } finally {
    await open.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
