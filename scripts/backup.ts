/**
 * `npm run backup [-- --out FILE | --dir DIR]`: a consistent backup of the app's database
 * (DATABASE_URL, or the embedded one in LANTERN_DATA_DIR with the server stopped), checked by
 * reading it back. Default: backups/lantern-<kind>-<UTC time>.<ext>. Exit 0 with the file's path,
 * 1 when no backup was made, 2 on bad arguments. docs/operations.md#backups says how often and where.
 */
import { createBackup } from "@/lib/backups/create-backup";
import { BackupError, databaseLocationFromEnv } from "@/lib/backups/backup-files";
import { runCommand } from "./support/command";

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const valueOf = (flag: string) => (args.includes(flag) ? args[args.indexOf(flag) + 1] : undefined);
  const unknown = args.filter((arg, index) => !["--out", "--dir"].includes(arg) && !["--out", "--dir"].includes(args[index - 1] ?? ""));
  if (unknown.length > 0 || (args.includes("--out") && !valueOf("--out")) || (args.includes("--dir") && !valueOf("--dir"))) {
    console.error("Usage: npm run backup [-- --out FILE | --dir DIR]");
    return 2;
  }
  try {
    const backup = await createBackup(databaseLocationFromEnv(process.env), { out: valueOf("--out"), directory: valueOf("--dir") ?? "backups" });
    const size = backup.bytes >= 1024 * 1024 ? `${(backup.bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(backup.bytes / 1024)} KB`;
    console.log(`backup (${backup.kind}): ${backup.file}, ${size}, ${backup.tables} tables; copy it off this machine.`);
    return 0;
  } catch (error) {
    if (!(error instanceof BackupError)) throw error;
    console.error(`backup: ${error.message}`);
    return 1;
  }
}

runCommand(main, "backup failed");
