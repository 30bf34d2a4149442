/**
 * /api/ready's checks (lib/observability/readiness.ts) on both databases: ready when migrated and
 * (PostgreSQL) listening; not ready when the build ships a migration the database lacks, when the
 * cache listener is down, or when the database does not answer.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, expect, it } from "vitest";
import { MIGRATIONS_FOLDER } from "@/db/open";
import type { Database } from "@/db/database";
import { checkReadiness } from "@/lib/observability/readiness";
import { describeEachDatabase } from "../support/test-database";

/** A copy of the migrations folder whose journal names one more, newer migration. */
function folderWithNewerMigration(): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "lantern-migrations-"));
  fs.cpSync(MIGRATIONS_FOLDER, folder, { recursive: true });
  const journalFile = path.join(folder, "meta", "_journal.json");
  const journal = JSON.parse(fs.readFileSync(journalFile, "utf8")) as { entries: { idx: number; tag: string; when: number }[] };
  const last = journal.entries.at(-1)!;
  journal.entries.push({ ...last, idx: last.idx + 1, tag: "9999_from_a_newer_build", when: last.when + 1 });
  fs.writeFileSync(journalFile, JSON.stringify(journal));
  return folder;
}
const newer = folderWithNewerMigration();
afterAll(() => fs.rmSync(newer, { recursive: true, force: true }));

describeEachDatabase("readiness", (db, driver) => {
  const names = (checks: { name: string; ok: boolean }[]) => checks.filter((check) => !check.ok).map((check) => check.name);

  it("is ready when every migration is applied and, on PostgreSQL, the cache listener is connected", async () => {
    const readiness = await checkReadiness(db(), driver, "listening");
    expect(readiness.ready).toBe(true);
    expect(readiness.checks.map((check) => check.name)).toEqual(
      driver === "postgres" ? ["database", "migrations", "cache listener"] : ["database", "migrations"],
    );
  });

  it("is not ready while a migration this build ships is not applied", async () => {
    const readiness = await checkReadiness(db(), driver, "listening", newer);
    expect(readiness.ready).toBe(false);
    expect(readiness.checks.find((check) => check.name === "migrations")?.detail).toBe("9999_from_a_newer_build is not applied yet");
  });

  it("is not ready on PostgreSQL while the cache listener reconnects or never started", async () => {
    for (const state of ["reconnecting", "none"] as const) {
      const readiness = await checkReadiness(db(), driver, state);
      expect(readiness.ready).toBe(driver === "pglite");
      expect(names(readiness.checks)).toEqual(driver === "postgres" ? ["cache listener"] : []);
    }
  });

  it("is not ready when the database does not answer, and says no more than that", async () => {
    const unreachable = { execute: () => Promise.reject(new Error("connect ECONNREFUSED 10.0.0.5:5432 (user lantern)")) } as unknown as Database;
    const readiness = await checkReadiness(unreachable, driver, "listening");
    expect(readiness.ready).toBe(false);
    expect(names(readiness.checks)).toEqual(["database", "migrations"]);
    expect(JSON.stringify(readiness)).not.toContain("10.0.0.5");
    // The real database still answers the same query.
    await expect(db().execute(sql`select 1`)).resolves.toBeDefined();
  });
});
