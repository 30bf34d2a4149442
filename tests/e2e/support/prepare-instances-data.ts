/**
 * Before the two-instance test: a fresh PostgreSQL database (migrated and seeded), fresh data
 * folders, and no pages or data cached in the build folder from an earlier run on another
 * database (both instances share the build folder, as instances from one build do).
 */
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { openPostgres, prepareDatabase } from "../../../db/open";
import { instancesDatabaseUrls } from "./instances-database";

async function main(): Promise<void> {
  const database = instancesDatabaseUrls(Number(process.env.INSTANCES_PORT));
  if (!database) throw new Error("TEST_DATABASE_URL is not set");
  const admin = new pg.Client({ connectionString: database.adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${database.name} with (force)`);
  await admin.query(`create database ${database.name}`);
  await admin.end();
  const open = await openPostgres(database.url, 2);
  await prepareDatabase(open);
  await open.close();

  for (const dir of (process.env.INSTANCE_DATA_DIRS ?? "").split(",")) {
    if (!dir.includes("e2e")) throw new Error(`Refusing to wipe data folder "${dir}": not an e2e folder.`);
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const distDir = process.env.NEXT_DIST_DIR;
  if (distDir) {
    // Data (unstable_cache) and pages generated at request time (ISR, server/route-cache).
    for (const dir of [
      ["cache", "fetch-cache"],
      ["server", "route-cache"],
    ])
      fs.rmSync(path.resolve(distDir, ...dir), { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
