import fs from "node:fs";
import path from "node:path";

/** Which database a backup file holds, from its first bytes. */
export type BackupKind = "postgres" | "pglite";

/** A backup, restore or check that cannot go ahead; its message is one sentence for the operator. */
export class BackupError extends Error {
  override name = "BackupError";
}

/** Where the database to back up or restore into is: the server's own settings. */
export interface DatabaseLocation {
  /** PostgreSQL; null for the embedded database. */
  databaseUrl: string | null;
  /** LANTERN_DATA_DIR: the embedded database lives in its `pglite` folder. */
  dataDir: string;
}

export function databaseLocationFromEnv(env: NodeJS.ProcessEnv): DatabaseLocation {
  return { databaseUrl: env.DATABASE_URL || null, dataDir: path.resolve(env.LANTERN_DATA_DIR || ".data") };
}

export const pgliteFolder = (location: DatabaseLocation) => path.join(location.dataDir, "pglite");

/** pg_dump's custom format starts with "PGDMP"; PGlite's dump is a gzip stream. */
export function backupKindOf(file: string): BackupKind {
  const head = Buffer.alloc(5);
  const fd = fs.openSync(file, "r");
  try {
    fs.readSync(fd, head, 0, 5, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (head.toString("latin1") === "PGDMP") return "postgres";
  if (head[0] === 0x1f && head[1] === 0x8b) return "pglite";
  throw new BackupError(`${file} is not a Lantern backup (neither pg_dump's custom format nor PGlite's dump).`);
}

/** `lantern-<kind>-<UTC time>.<ext>`, sortable by time. */
export function backupFileName(kind: BackupKind, at: Date): string {
  const stamp = at
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z");
  return `lantern-${kind}-${stamp}.${kind === "postgres" ? "pgdump" : "tar.gz"}`;
}

/** Writes through a temporary name, so a backup that fails half-way leaves no file that looks whole. */
export async function writeAtomically(file: string, write: (temporary: string) => Promise<void>): Promise<void> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.partial-${process.pid}`;
  try {
    await write(temporary);
    fs.renameSync(temporary, file);
  } finally {
    fs.rmSync(temporary, { force: true });
  }
}
