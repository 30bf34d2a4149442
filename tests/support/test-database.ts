/**
 * Databases for Vitest: in-memory PGlite always, and a throwaway PostgreSQL database per suite
 * when TEST_DATABASE_URL is set. Refuses any non-local PostgreSQL so tests can never touch a
 * real database.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, inject } from "vitest";
import type { Database, DatabaseDriver } from "@/db/database";
import { openPglite, openPostgres, prepareDatabase, type OpenDatabase } from "@/db/open";
import { formatDifferences, verifyLedger } from "@/lib/ledger/verify-ledger";

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "::1", "[::1]"]);

export function testDatabaseDrivers(): DatabaseDriver[] {
  return process.env.TEST_DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];
}

function localTestUrl(): URL {
  const raw = process.env.TEST_DATABASE_URL;
  if (!raw) throw new Error("TEST_DATABASE_URL is not set");
  const url = new URL(raw);
  if (!LOCAL_HOSTS.has(url.hostname)) {
    throw new Error(`Refusing to run tests against non-local database host "${url.hostname}".`);
  }
  return url;
}

export interface TestDatabase extends OpenDatabase {
  /** Closes connections and drops the throwaway database. */
  destroy: () => Promise<void>;
}

export interface TestDatabaseOptions {
  seed?: boolean;
  /**
   * PostgreSQL connections in the pool (default 20). A suite that opens more concurrent
   * transactions than this, all queueing on one row lock, sets it above their number: otherwise
   * the ones waiting for a connection time out on a busy machine instead of waiting for the lock.
   */
  poolSize?: number;
}

export async function createTestDatabase(driver: DatabaseDriver, options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  // Migrated copies made once per run by tests/support/database-templates.ts (integration project).
  const templates = inject("databaseTemplates");
  const kind = options.seed ? "seeded" : "empty";
  if (driver === "pglite") {
    const template = templates?.pglite[kind];
    if (!template) {
      const open = await openPglite(null);
      await prepareDatabase(open, { seed: options.seed ?? false });
      return { ...open, destroy: open.close };
    }
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lantern-test-pglite-"));
    fs.cpSync(template, dataDir, { recursive: true });
    const open = await openPglite(dataDir);
    // On a copy this only confirms that every migration is applied.
    await prepareDatabase(open, { seed: options.seed ?? false });
    return {
      ...open,
      destroy: async () => {
        await open.close();
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const adminUrl = localTestUrl();
  const name = `lantern_test_${randomBytes(6).toString("hex")}`;
  const template = templates?.postgres?.[kind];
  const admin = new pg.Client({ connectionString: adminUrl.toString() });
  await admin.connect();
  await admin.query(template ? `create database ${name} template ${template}` : `create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const open = await openPostgres(url.toString(), options.poolSize ?? 20);
  await prepareDatabase(open, { seed: options.seed ?? false });
  return {
    ...open,
    destroy: async () => {
      await open.close();
      const cleanup = new pg.Client({ connectionString: adminUrl.toString() });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

/**
 * Runs a suite once per available database. `db()` returns that suite's database, created
 * before its tests and destroyed after them.
 */
export function describeEachDatabase(name: string, suite: (db: () => Database, driver: DatabaseDriver) => void, options: TestDatabaseOptions = {}): void {
  for (const driver of testDatabaseDrivers()) {
    describe(`${name} [${driver}]`, () => {
      let testDb: TestDatabase | undefined;
      beforeAll(async () => {
        testDb = await createTestDatabase(driver, options);
      });
      afterAll(async () => {
        try {
          // The verifier (npm run ledger:verify) at the end of every database suite: whatever the
          // suite wrote, the maintained totals must still equal the sums over the gift rows.
          const differences = testDb ? await verifyLedger(testDb.db) : [];
          if (differences.length > 0)
            throw new Error(`ledger:verify after "${name}" [${driver}]: ${differences.length} difference(s)\n${formatDifferences(differences)}`);
        } finally {
          await testDb?.destroy();
        }
      });
      suite(() => {
        if (!testDb) throw new Error("test database not ready");
        return testDb.db;
      }, driver);
    });
  }
}
