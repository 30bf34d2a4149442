/**
 * `npm run restore -- FILE`: loads a backup made by `npm run backup` into an empty database
 * (DATABASE_URL, or a new LANTERN_DATA_DIR), applies newer migrations, then checks the copy as
 * `npm run ledger:verify` does. Exit 0 when restored and every total matches, 1 otherwise,
 * 2 on bad arguments.
 */
import { openPglite, openPostgres, prepareDatabase } from "@/db/open";
import { BackupError, databaseLocationFromEnv, pgliteFolder } from "@/lib/backups/backup-files";
import { restoreBackup } from "@/lib/backups/restore-backup";
import { formatDifferences, verifyLedger } from "@/lib/ledger/verify-ledger";
import { runCommand } from "./support/command";

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (args.length !== 1 || args[0]!.startsWith("-")) {
    console.error("Usage: npm run restore -- FILE");
    return 2;
  }
  const location = databaseLocationFromEnv(process.env);
  try {
    const restored = await restoreBackup(args[0]!, location);
    console.log(`restore (${restored.kind}): ${restored.tables} tables loaded from ${args[0]}`);
  } catch (error) {
    if (!(error instanceof BackupError)) throw error;
    console.error(`restore: ${error.message}`);
    return 1;
  }
  const open = location.databaseUrl ? await openPostgres(location.databaseUrl, 2) : await openPglite(pgliteFolder(location));
  try {
    await prepareDatabase(open, { seed: false });
    const differences = await verifyLedger(open.db);
    if (differences.length > 0) {
      console.error(`restore: the copy's ledger disagrees with its gifts, ${differences.length} difference(s)\n${formatDifferences(differences)}`);
      return 1;
    }
    console.log("restore: migrations applied; ledger:verify on the copy: every total matches the gift rows");
    return 0;
  } finally {
    await open.close();
  }
}

runCommand(main, "restore failed");
