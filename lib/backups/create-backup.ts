import fs from "node:fs";
import path from "node:path";
import { dumpPgliteDataDir, loadPgliteDataDir } from "@/db/pglite-dump";
import { pgliteOwner } from "@/db/pglite-owner";
import { BackupError, backupFileName, pgliteFolder, writeAtomically, type BackupKind, type DatabaseLocation } from "./backup-files";
import { runPostgresTool } from "./postgres-tools";

export interface BackupResult {
  file: string;
  kind: BackupKind;
  bytes: number;
  /** Tables the backup holds, counted by reading it back: a backup that cannot be read fails here. */
  tables: number;
}

/**
 * `npm run backup`: one consistent copy of the whole database — gifts, the ledger, receipts,
 * subscribers, emails waiting, images (their bytes live in the database) — checked by reading it
 * back before it is called done.
 * - PostgreSQL: pg_dump's custom format, taken from one snapshot while the site keeps running.
 * - Embedded PGlite: its own dump of the data folder; the server must be stopped (one process
 *   owns the folder).
 */
export async function createBackup(location: DatabaseLocation, options: { out?: string; directory: string; now?: Date }): Promise<BackupResult> {
  const kind: BackupKind = location.databaseUrl ? "postgres" : "pglite";
  const file = path.resolve(options.out ?? path.join(options.directory, backupFileName(kind, options.now ?? new Date())));
  if (fs.existsSync(file)) throw new BackupError(`${file} exists already: a backup never overwrites another.`);
  let tables = 0;
  if (location.databaseUrl) {
    const databaseUrl = location.databaseUrl;
    await writeAtomically(file, async (temporary) => {
      await runPostgresTool("pg_dump", databaseUrl, ["--format=custom", "--no-owner", "--no-privileges", `--file=${temporary}`]);
      tables = tableEntries(await runPostgresTool("pg_restore", null, ["--list", temporary]));
      if (tables === 0) throw new BackupError("pg_dump wrote a backup with no table in it: nothing was kept.");
    });
  } else {
    const folder = pgliteFolder(location);
    if (!fs.existsSync(path.join(folder, "PG_VERSION"))) throw new BackupError(`There is no embedded database in ${folder} (LANTERN_DATA_DIR) to back up.`);
    const owner = pgliteOwner(folder);
    if (owner !== null) throw new BackupError(`The embedded database in ${folder} is open in process ${owner} (the server?): stop it, then back up.`);
    const dump = await dumpPgliteDataDir(folder);
    tables = await loadPgliteDataDir(null, dump);
    if (tables === 0) throw new BackupError("The embedded database's dump holds no table: nothing was kept.");
    await writeAtomically(file, async (temporary) => fs.writeFileSync(temporary, dump));
  }
  return { file, kind, bytes: fs.statSync(file).size, tables };
}

/** Table definitions in `pg_restore --list` output ("123; 1259 16385 TABLE public donations postgres"). */
function tableEntries(list: string): number {
  return list.split("\n").filter((line) => / TABLE (?!DATA)/.test(line) && !line.startsWith(";")).length;
}
