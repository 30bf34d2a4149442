import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";

/**
 * The embedded database's own backup: PGlite's dumpDataDir, a gzipped tar of its data folder
 * taken by the one process that has it open, and loadDataDir to start a new folder from one.
 */

export async function dumpPgliteDataDir(dataDir: string): Promise<Buffer> {
  const client = new PGlite(dataDir, { extensions: { pg_trgm } });
  try {
    await client.waitReady;
    const dump = await client.dumpDataDir("gzip");
    return Buffer.from(await dump.arrayBuffer());
  } finally {
    await client.close();
  }
}

/** Starts `dataDir` (null: in memory, to check a backup) from a dump; returns its table count. */
export async function loadPgliteDataDir(dataDir: string | null, dump: Buffer): Promise<number> {
  const loadDataDir = new Blob([new Uint8Array(dump)], { type: "application/x-gzip" });
  const options = { extensions: { pg_trgm }, loadDataDir };
  const client = dataDir ? new PGlite(dataDir, options) : new PGlite(options);
  try {
    await client.waitReady;
    const { rows } = await client.query<{ tables: number }>(
      "select count(*)::int as tables from information_schema.tables where table_schema not in ('pg_catalog', 'information_schema')",
    );
    return rows[0]!.tables;
  } finally {
    await client.close();
  }
}
