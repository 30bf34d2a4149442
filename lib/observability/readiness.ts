import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import type { Database, DatabaseDriver } from "@/db/database";
import { MIGRATIONS_FOLDER } from "@/db/open";
import { describeError } from "@/lib/errors/describe-error";
import { logger } from "@/lib/observability/logger";

const log = logger("ready");

export interface ReadinessCheck {
  name: "database" | "migrations" | "cache listener";
  ok: boolean;
  detail: string;
}

export interface Readiness {
  ready: boolean;
  checks: ReadinessCheck[];
}

/** The newest migration this build ships (drizzle's journal; its `when` is what the migrator records). */
function newestShippedMigration(folder: string): { tag: string; when: number } | null {
  const journal = JSON.parse(fs.readFileSync(path.join(folder, "meta", "_journal.json"), "utf8")) as { entries: { tag: string; when: number }[] };
  return journal.entries.at(-1) ?? null;
}

/**
 * Can this instance serve (/api/ready)? Its database answers, every migration this build ships
 * is applied (an instance of a newer build before `prepareDatabase` ran, or pointed at an old
 * backup, is not), and on PostgreSQL its cache-tag listener is connected: without it, pages could
 * show figures other instances have already replaced. /api/health stays the cheap liveness check.
 */
export async function checkReadiness(
  db: Database,
  driver: DatabaseDriver,
  listener: "listening" | "reconnecting" | "none",
  migrationsFolder: string = MIGRATIONS_FOLDER,
): Promise<Readiness> {
  const checks: ReadinessCheck[] = [];
  let applied: number | null = null;
  try {
    const result = (await db.execute(sql`select max(created_at)::text as newest from drizzle.__drizzle_migrations`)) as unknown as {
      rows: { newest: string | null }[];
    };
    applied = result.rows[0]?.newest ? Number(result.rows[0].newest) : 0;
    checks.push({ name: "database", ok: true, detail: `${driver} answers` });
  } catch (error) {
    // The reason (hosts, users) goes to the log, not to whoever asks.
    log.error(`database check failed: ${describeError(error)}`);
    checks.push({ name: "database", ok: false, detail: "did not answer" });
  }
  const shipped = newestShippedMigration(migrationsFolder);
  if (applied === null) checks.push({ name: "migrations", ok: false, detail: "unknown: the database did not answer" });
  else if (shipped && applied < shipped.when) checks.push({ name: "migrations", ok: false, detail: `${shipped.tag} is not applied yet` });
  else checks.push({ name: "migrations", ok: true, detail: `up to ${shipped?.tag ?? "none"}` });
  if (driver === "postgres") {
    checks.push(
      listener === "listening"
        ? { name: "cache listener", ok: true, detail: "listening for other instances' cache expiries" }
        : { name: "cache listener", ok: false, detail: listener === "none" ? "not started" : "reconnecting to PostgreSQL" },
    );
  }
  return { ready: checks.every((check) => check.ok), checks };
}
