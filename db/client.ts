import path from "node:path";
import type { Database, DatabaseDriver } from "./database";
import { databaseLocation } from "./location";
import { openPglite, openPostgres, prepareDatabase, type OpenDatabase } from "./open";

/**
 * The app's database: PostgreSQL when DATABASE_URL is set, otherwise embedded PGlite in
 * `${LANTERN_DATA_DIR}/pglite`. Opened, migrated and seeded once per process. The promise
 * lives on globalThis because Next.js may load this module more than once, and two PGlite
 * instances on one folder would corrupt it.
 */
const globalForDb = globalThis as typeof globalThis & { __lanternDb?: Promise<OpenDatabase> };

async function openAppDatabase(): Promise<OpenDatabase> {
  const { databaseUrl, dataDir } = databaseLocation();
  const open = databaseUrl ? await openPostgres(databaseUrl) : await openPglite(path.resolve(dataDir, "pglite"));
  await prepareDatabase(open);
  return open;
}

function appDatabase(): Promise<OpenDatabase> {
  globalForDb.__lanternDb ??= openAppDatabase().catch((error: unknown) => {
    globalForDb.__lanternDb = undefined; // let the next request try again
    throw error;
  });
  return globalForDb.__lanternDb;
}

export async function getDb(): Promise<Database> {
  return (await appDatabase()).db;
}

export async function getDatabaseDriver(): Promise<DatabaseDriver> {
  return (await appDatabase()).driver;
}

export type { Database, Executor } from "./database";

/** The PostgreSQL connection pool, for its figures (/api/metrics); null on PGlite or before the database is opened. */
export async function getOpenedDatabasePool(): Promise<import("pg").Pool | null> {
  const opened = globalForDb.__lanternDb;
  if (!opened) return null;
  return (await opened.catch(() => null))?.pool ?? null;
}
