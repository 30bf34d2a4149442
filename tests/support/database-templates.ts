/**
 * Vitest global setup for the integration project: migrates (and seeds) each kind of test
 * database once per run, so that each suite starts from a copy instead of migrating again.
 * Migrating PGlite costs seconds per suite, and the suites open about seventy databases.
 * - PGlite: a migrated data folder, copied for each suite (opening a copy takes about a second;
 *   a new database runs initdb, about eight on a busy 2-core machine; loading a dumpDataDir tar
 *   takes three to five);
 * - PostgreSQL (TEST_DATABASE_URL): template databases, copied by `create database … template`.
 * Each run makes its own (several checkouts may run their tests side by side) and removes them.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { openPglite, openPostgres, prepareDatabase } from "../../db/open";

export type TemplateKind = "empty" | "seeded";

export interface DatabaseTemplates {
  /** The PGlite data folder of each kind. */
  pglite: Record<TemplateKind, string>;
  /** The PostgreSQL template database of each kind, when TEST_DATABASE_URL is set. */
  postgres: Record<TemplateKind, string> | null;
}

declare module "vitest" {
  export interface ProvidedContext {
    databaseTemplates: DatabaseTemplates;
  }
}

const KINDS: TemplateKind[] = ["empty", "seeded"];

async function pgliteTemplate(kind: TemplateKind, folder: string): Promise<string> {
  const dataDir = path.join(folder, kind);
  const open = await openPglite(dataDir);
  try {
    await prepareDatabase(open, { seed: kind === "seeded" });
  } finally {
    await open.close();
  }
  return dataDir;
}

async function postgresTemplate(adminUrl: URL, kind: TemplateKind, run: string): Promise<string> {
  const name = `lantern_template_${run}_${kind}`;
  const admin = new pg.Client({ connectionString: adminUrl.toString() });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const open = await openPostgres(url.toString(), 2);
  try {
    await prepareDatabase(open, { seed: kind === "seeded" });
  } finally {
    // A template must have no connections while it is copied.
    await open.close();
  }
  return name;
}

async function dropPostgresTemplates(adminUrl: URL, names: string[]): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl.toString() });
  await admin.connect();
  try {
    for (const name of names) await admin.query(`drop database if exists ${name} with (force)`);
  } finally {
    await admin.end();
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const run = randomBytes(4).toString("hex");
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "lantern-test-templates-"));
  const pgliteFolders = await Promise.all(KINDS.map((kind) => pgliteTemplate(kind, folder)));
  const adminUrl = process.env.TEST_DATABASE_URL ? new URL(process.env.TEST_DATABASE_URL) : null;
  let postgresNames: string[] = [];
  if (adminUrl) {
    if (!["localhost", "127.0.0.1", "::1", "[::1]"].includes(adminUrl.hostname)) {
      throw new Error(`Refusing to run tests against non-local database host "${adminUrl.hostname}".`);
    }
    postgresNames = await Promise.all(KINDS.map((kind) => postgresTemplate(adminUrl, kind, run)));
  }
  project.provide("databaseTemplates", {
    pglite: { empty: pgliteFolders[0]!, seeded: pgliteFolders[1]! },
    postgres: adminUrl ? { empty: postgresNames[0]!, seeded: postgresNames[1]! } : null,
  });
  return async () => {
    fs.rmSync(folder, { recursive: true, force: true });
    if (adminUrl) await dropPostgresTemplates(adminUrl, postgresNames);
  };
}
