/**
 * Backups that restore (issue 22): a database with gifts, refunds, a monthly gift, subscribers and
 * images is backed up, restored elsewhere, and the copy holds the same rows in every table, shows
 * the same campaign pages' figures and passes ledger:verify. On PGlite through the commands as an
 * operator runs them; on PostgreSQL (TEST_DATABASE_URL) through pg_dump and pg_restore.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { randomBytes } from "node:crypto";
import pg from "pg";
import sharp from "sharp";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { subscribers } from "@/db/schema";
import type { Database } from "@/db/database";
import { openPglite, openPostgres, prepareDatabase, type OpenDatabase } from "@/db/open";
import { findPublicCampaign, listActiveCampaigns } from "@/lib/campaigns/campaign-queries";
import { createBackup } from "@/lib/backups/create-backup";
import { restoreBackup } from "@/lib/backups/restore-backup";
import { BackupError } from "@/lib/backups/backup-files";
import { databaseImageStore } from "@/lib/images/image-store";
import { uploadImage } from "@/lib/images/upload-image";
import { verifyLedger } from "@/lib/ledger/verify-ledger";
import { insertDonor, insertGift, insertRecurringGift } from "../support/gift-rows";

const run = promisify(execFile);

/** Gifts (one refunded in part), a monthly gift, subscribers and an uploaded image. */
async function fill(db: Database): Promise<void> {
  const [campaign, other] = await listActiveCampaigns(db);
  const ann = await insertDonor(db, "ann@backup.test", "Ann Backup");
  const bo = await insertDonor(db, "bo@backup.test", null);
  await insertGift(db, { donorId: ann, campaignId: campaign!.id, amount: 5_000, currency: "USD", paidAt: new Date("2026-03-01T10:00:00Z") });
  await insertGift(db, {
    donorId: bo,
    campaignId: campaign!.id,
    amount: 2_500,
    currency: "USD",
    paidAt: new Date("2026-03-02T10:00:00Z"),
    refundedAmount: 1_000,
  });
  await insertGift(db, { donorId: bo, campaignId: other!.id, amount: 1_200, currency: "USD", paidAt: new Date("2026-03-03T10:00:00Z"), anonymous: true });
  await insertRecurringGift(db, { donorId: ann, campaignId: other!.id, amount: 1_000, currency: "USD", status: "active" });
  await db.insert(subscribers).values([
    { email: "reader@backup.test", firstName: "Rae", status: "confirmed", source: "home", consentText: "Send me updates.", consentedAt: new Date() },
    { email: "pending@backup.test", status: "pending", source: "footer", consentText: "Send me updates.", consentedAt: new Date() },
  ]);
  const photo = await sharp({ create: { width: 800, height: 600, channels: 3, background: "#0f766e" } })
    .jpeg()
    .toBuffer();
  const uploaded = await uploadImage(
    db,
    databaseImageStore,
    { owner: "campaign", ownerId: campaign!.id, altText: "Radios", useAsCover: true, file: "" },
    photo,
  );
  expect(uploaded.ok).toBe(true);
}

/** Every table's rows, as one digest per table: the copy must match row for row. */
async function tableDigests(db: Database): Promise<Record<string, string>> {
  const tables = (await db.execute(
    sql`select table_schema || '.' || table_name as name from information_schema.tables
        where table_schema not in ('pg_catalog', 'information_schema') and table_type = 'BASE TABLE' order by 1`,
  )) as unknown as { rows: { name: string }[] };
  const digests: Record<string, string> = {};
  for (const { name } of tables.rows) {
    const [schema, table] = name.split(".");
    const result = (await db.execute(
      sql.raw(`select count(*)::int as n, coalesce(md5(string_agg(t::text, '|' order by t::text)), '') as digest from "${schema}"."${table}" t`),
    )) as unknown as { rows: { n: number; digest: string }[] };
    digests[name] = `${result.rows[0]!.n}:${result.rows[0]!.digest}`;
  }
  return digests;
}

/** What the public pages show: each active campaign's figures and supporters. */
async function pageFigures(db: Database) {
  const active = await listActiveCampaigns(db);
  return Promise.all(active.map(async (campaign) => ({ campaign, page: await findPublicCampaign(db, campaign.slug) })));
}

async function expectSameDatabase(original: Database, copy: Database): Promise<void> {
  const [before, after] = [await tableDigests(original), await tableDigests(copy)];
  expect(Object.keys(after).length).toBeGreaterThan(25);
  for (const table of [
    "public.donations",
    "public.gift_refunds",
    "public.recurring_gifts",
    "public.subscribers",
    "public.image_variants",
    "public.ledger_campaign_totals",
  ]) {
    expect(Number(after[table]!.split(":")[0]), table).toBeGreaterThan(0);
  }
  expect(after).toEqual(before);
  expect(await pageFigures(copy)).toEqual(await pageFigures(original));
  expect(await verifyLedger(copy)).toEqual([]);
}

describe("backups [pglite], through npm run backup and npm run restore", () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "lantern-backup-test-"));
  const [source, target, backups] = ["source", "target", "backups"].map((name) => path.join(folder, name)) as [string, string, string];
  const command = (script: "backup" | "restore", dataDir: string, ...args: string[]) =>
    run("node_modules/.bin/tsx", ["--tsconfig", "tsconfig.scripts.json", `scripts/${script}.ts`, ...args], {
      encoding: "utf8",
      env: { ...process.env, NODE_ENV: "production", LANTERN_DATA_DIR: dataDir, DATABASE_URL: "" },
    }).then(
      ({ stdout }) => ({ code: 0, stdout, stderr: "" }),
      (error: { code: number; stdout: string; stderr: string }) => error,
    );

  beforeAll(async () => {
    // An installation that has run: the seeded database from the run's template, then its gifts.
    fs.cpSync(inject("databaseTemplates").pglite.seeded, path.join(source, "pglite"), { recursive: true });
    const open = await openPglite(path.join(source, "pglite"));
    try {
      await fill(open.db);
    } finally {
      await open.close();
    }
  });
  afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

  it("refuses while a server has the embedded database open, and writes nothing", async () => {
    const open = await openPglite(path.join(source, "pglite"));
    try {
      const refused = await command("backup", source, "--dir", backups);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(`is open in process ${process.pid}`);
      expect(fs.existsSync(backups) ? fs.readdirSync(backups) : []).toEqual([]);
    } finally {
      await open.close();
    }
  }, 120_000);

  it("backs up, restores into a new folder (never over one), and the copy is the same database", async () => {
    const backup = await command("backup", source, "--dir", backups);
    expect(backup.code, backup.stderr).toBe(0);
    const [file] = fs.readdirSync(backups);
    expect(file).toMatch(/^lantern-pglite-\d{8}T\d{6}Z\.tar\.gz$/);
    expect(backup.stdout).toContain(path.join(backups, file!));

    const restored = await command("restore", target, path.join(backups, file!));
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toContain("every total matches the gift rows");
    const again = await command("restore", target, path.join(backups, file!));
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("holds an embedded database already");

    const [original, copy] = [await openPglite(path.join(source, "pglite")), await openPglite(path.join(target, "pglite"))];
    try {
      await expectSameDatabase(original.db, copy.db);
    } finally {
      await original.close();
      await copy.close();
    }
  }, 180_000);
});

const adminUrl = process.env.TEST_DATABASE_URL;
describe.skipIf(!adminUrl)("backups [postgres], through pg_dump and pg_restore", () => {
  const names = ["source", "target"].map((name) => `lantern_backup_${name}_${randomBytes(4).toString("hex")}`);
  const urlOf = (name: string) => Object.assign(new URL(adminUrl!), { pathname: `/${name}` }).toString();
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "lantern-backup-pg-"));
  let original: OpenDatabase;

  async function admin(statement: string) {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  }

  beforeAll(async () => {
    await admin(`create database ${names[0]} template ${inject("databaseTemplates").postgres!.seeded}`);
    await admin(`create database ${names[1]}`);
    original = await openPostgres(urlOf(names[0]!), 4);
    await prepareDatabase(original, { seed: false });
    await fill(original.db);
  });
  afterAll(async () => {
    await original?.close();
    for (const name of names) await admin(`drop database if exists ${name} with (force)`);
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it("backs up while the site is connected, restores into an empty database only, and the copy is the same database", async () => {
    const backup = await createBackup({ databaseUrl: urlOf(names[0]!), dataDir: folder }, { directory: folder });
    expect(backup).toMatchObject({ kind: "postgres", tables: expect.any(Number) });
    expect(backup.tables).toBeGreaterThan(25);
    expect(fs.readdirSync(folder)).toEqual([path.basename(backup.file)]);

    await expect(restoreBackup(backup.file, { databaseUrl: null, dataDir: folder })).rejects.toThrow("is a PostgreSQL backup");
    await expect(restoreBackup(backup.file, { databaseUrl: urlOf(names[0]!), dataDir: folder })).rejects.toThrow(BackupError);
    await restoreBackup(backup.file, { databaseUrl: urlOf(names[1]!), dataDir: folder });

    const copy = await openPostgres(urlOf(names[1]!), 2);
    try {
      await prepareDatabase(copy, { seed: false });
      await expectSameDatabase(original.db, copy.db);
    } finally {
      await copy.close();
    }
  }, 180_000);
});
