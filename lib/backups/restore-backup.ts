import fs from "node:fs";
import pg from "pg";
import { loadPgliteDataDir } from "@/db/pglite-dump";
import { BackupError, backupKindOf, pgliteFolder, type BackupKind, type DatabaseLocation } from "./backup-files";
import { runPostgresTool } from "./postgres-tools";

/**
 * `npm run restore <file>`: loads a backup into an EMPTY database — a new PostgreSQL database
 * (DATABASE_URL) or a LANTERN_DATA_DIR with no embedded database yet. It never writes over data:
 * restoring is for a new server or a copy to check, and the operator moves traffic there.
 * Migrations newer than the backup run when the server (or `prepareDatabase`) next opens it.
 */
export async function restoreBackup(file: string, location: DatabaseLocation): Promise<{ kind: BackupKind; tables: number }> {
  if (!fs.existsSync(file)) throw new BackupError(`There is no backup file at ${file}.`);
  const kind = backupKindOf(file);
  const target: BackupKind = location.databaseUrl ? "postgres" : "pglite";
  if (kind !== target) {
    throw new BackupError(
      kind === "postgres"
        ? `${file} is a PostgreSQL backup: set DATABASE_URL to a new, empty PostgreSQL database to restore it.`
        : `${file} is a backup of the embedded database: unset DATABASE_URL and set LANTERN_DATA_DIR to a new folder to restore it.`,
    );
  }
  if (location.databaseUrl) {
    const tables = await countTables(location.databaseUrl);
    if (tables > 0) throw new BackupError(`The database in DATABASE_URL is not empty (${tables} tables): restore into a new database, never over one.`);
    // One transaction: a restore that fails half-way leaves the database empty, not half-filled.
    await runPostgresTool("pg_restore", location.databaseUrl, ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", file]);
    return { kind, tables: await countTables(location.databaseUrl) };
  }
  const folder = pgliteFolder(location);
  if (fs.existsSync(folder) && fs.readdirSync(folder).length > 0) {
    throw new BackupError(`${folder} holds an embedded database already: set LANTERN_DATA_DIR to a new folder, never over one.`);
  }
  try {
    fs.mkdirSync(folder, { recursive: true });
    return { kind, tables: await loadPgliteDataDir(folder, fs.readFileSync(file)) };
  } catch (error) {
    fs.rmSync(folder, { recursive: true, force: true });
    throw error;
  }
}

async function countTables(databaseUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ tables: number }>(
      "select count(*)::int as tables from information_schema.tables where table_schema not in ('pg_catalog', 'information_schema')",
    );
    return rows[0]!.tables;
  } finally {
    await client.end();
  }
}
