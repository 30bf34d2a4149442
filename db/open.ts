import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/node-postgres";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { migrate as migratePostgres } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import * as schema from "./schema";
import type { Database, DatabaseDriver } from "./database";
import { seedDatabase } from "./seed/seed-database";
import { recordPgliteOwner } from "./pglite-owner";

export const MIGRATIONS_FOLDER = path.join(process.cwd(), "db", "migrations");

export interface OpenDatabase {
  db: Database;
  driver: DatabaseDriver;
  close: () => Promise<void>;
  /** Set for PostgreSQL: the connection pool behind `db`. */
  pool?: pg.Pool;
}

/** Opens PGlite in `dataDir` (created if missing) or in memory when `dataDir` is null. */
export async function openPglite(dataDir: string | null): Promise<OpenDatabase> {
  if (dataDir) fs.mkdirSync(dataDir, { recursive: true });
  // pg_trgm: the admin's donor search (donors_search_trgm_idx); PostgreSQL ships it in contrib.
  const options = { extensions: { pg_trgm } };
  const client = dataDir ? new PGlite(dataDir, options) : new PGlite(options);
  await client.waitReady;
  const releaseOwner = dataDir ? recordPgliteOwner(dataDir) : () => {};
  const db = drizzlePglite(client, { schema }) as unknown as Database;
  return {
    db,
    driver: "pglite",
    close: async () => {
      await client.close();
      releaseOwner();
    },
  };
}

export async function openPostgres(connectionString: string, poolSize = 10): Promise<OpenDatabase> {
  // A connection attempt gives up after 5 s, so requests during an outage fail fast (503) instead
  // of hanging; the pool opens fresh connections once the server answers again (no restart).
  const pool = new pg.Pool({ connectionString, max: poolSize, connectionTimeoutMillis: 5_000 });
  // An idle connection can be closed by the server (restart, failover, a dropped database);
  // pg then emits 'error' on the pool, which would crash the process if nobody listened.
  pool.on("error", (error) => console.error(`[db] idle PostgreSQL connection closed: ${error.message}`));
  // The same for a connection checked out between two queries of a transaction (found by the
  // chaos run, bench/chaos.ts, cutting connections mid-run): the client emits 'error' itself, and
  // unheard it would crash the process. Its next query fails instead, the transaction rolls back
  // and the caller answers 500 (a webhook is redelivered); the pool discards the broken client.
  pool.on("connect", (client) => client.on("error", (error) => console.error(`[db] PostgreSQL connection closed while in use: ${error.message}`)));
  // Fail fast with the driver's own message (bad host, auth, database) rather than on first query.
  const probe = await pool.connect();
  probe.release();
  const db = drizzlePostgres(pool, { schema }) as unknown as Database;
  // drizzle-orm 0.45's pool transaction releases its client only after BEGIN succeeded: a
  // connection cut between checkout and BEGIN leaks the client, and once the pool's every
  // client has leaked, every query waits forever (found by the chaos run cutting connections).
  // So each transaction runs on a client checked out here and always released; the pool drops
  // it if its connection broke.
  (db as { transaction: Database["transaction"] }).transaction = async (work, config) => {
    const client = await pool.connect();
    try {
      return await (drizzlePostgres(client, { schema }) as unknown as Database).transaction(work, config);
    } finally {
      client.release();
    }
  };
  return { db, driver: "postgres", pool, close: () => pool.end() };
}

// An arbitrary, fixed key: instances starting together take turns migrating and seeding.
const MIGRATION_LOCK_KEY = 7_206_371_944;

/** Applies pending migrations, then seeds an empty database. Safe to run from several instances. */
export async function prepareDatabase(open: OpenDatabase, options: { seed?: boolean } = {}): Promise<void> {
  if (open.driver === "pglite") {
    await migratePglite(open.db as never, { migrationsFolder: MIGRATIONS_FOLDER });
    if (options.seed !== false) await seedDatabase(open.db);
    return;
  }
  // Advisory locks belong to a connection, so lock, migrate and unlock on one client.
  const client = await open.pool!.connect();
  try {
    const db = drizzlePostgres(client, { schema }) as unknown as Database;
    await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    try {
      await migratePostgres(db as never, { migrationsFolder: MIGRATIONS_FOLDER });
      if (options.seed !== false) await seedDatabase(db);
    } finally {
      await client.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]);
    }
  } finally {
    client.release();
  }
}
