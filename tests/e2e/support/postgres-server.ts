/**
 * A second `next start` of the e2e build, on a PostgreSQL database of its own, for tests that
 * need to see or control the database under a running server (an outage, table checksums).
 * The build is copied so this server's page cache never mixes with the main e2e server's.
 * Needs TEST_DATABASE_URL (a local server; CI sets it); specs skip with a printed reason without it.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { copyBuildWithoutCaches } from "./build-copy";
import playwrightConfig from "../../../playwright.config";

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "::1", "[::1]"]);
const BUILD_DIR = ".next-e2e"; // playwright.config.ts builds there

export const NO_POSTGRES_REASON =
  "TEST_DATABASE_URL is not set: the PostgreSQL-backed server tests (outage, bad-input corpus, standalone server) are skipped; CI sets it, so they run there";

export function postgresConfigured(): boolean {
  if (!process.env.TEST_DATABASE_URL) {
    console.log(`[skip] ${NO_POSTGRES_REASON}`);
    return false;
  }
  return true;
}

export interface PostgresServer {
  baseURL: string;
  databaseName: string;
  webhookSecret: string;
  /** Runs SQL on this server's database through a separate admin connection. */
  query<T extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values?: unknown[]): Promise<T[]>;
  /** Runs SQL as the maintenance connection (on TEST_DATABASE_URL's own database). */
  adminQuery(text: string): Promise<void>;
  output(): string;
  stop(): Promise<void>;
}

function mainServerEnv(): Record<string, string> {
  const server = playwrightConfig.webServer;
  const first = Array.isArray(server) ? server[0] : server;
  return { ...(first?.env ?? {}) };
}

async function waitForHealth(baseURL: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited (${child.exitCode}):\n${output()}`);
    try {
      if ((await fetch(`${baseURL}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`next start did not become healthy:\n${output()}`);
}

export async function startPostgresServer(purpose: string, port: number): Promise<PostgresServer> {
  const adminUrl = new URL(process.env.TEST_DATABASE_URL!);
  if (!LOCAL_HOSTS.has(adminUrl.hostname)) throw new Error(`Refusing non-local database host "${adminUrl.hostname}"`);
  const databaseName = `lantern_e2e_${purpose}_${randomBytes(4).toString("hex")}`;
  const adminQuery = async (text: string) => {
    const client = new pg.Client({ connectionString: adminUrl.toString() });
    await client.connect();
    try {
      await client.query(text);
    } finally {
      await client.end();
    }
  };
  await adminQuery(`create database ${databaseName}`);
  const databaseUrl = new URL(adminUrl);
  databaseUrl.pathname = `/${databaseName}`;

  const distDir = `${BUILD_DIR}-${purpose}-${port}`;
  // Without the caches (data, and ISR pages in server/route-cache) the main server has filled.
  copyBuildWithoutCaches(BUILD_DIR, distDir);
  const dataDir = path.resolve(`.data/e2e-${purpose}-${port}`);
  fs.rmSync(dataDir, { recursive: true, force: true });

  const baseURL = `http://127.0.0.1:${port}`;
  const webhookSecret = `whsec_${randomBytes(24).toString("hex")}`;
  let log = "";
  const child = spawn("npx", ["next", "start", "-p", String(port)], {
    env: {
      ...process.env,
      ...mainServerEnv(),
      NEXT_DIST_DIR: distDir,
      DATABASE_URL: databaseUrl.toString(),
      LANTERN_DATA_DIR: dataDir,
      APP_URL: baseURL,
      STRIPE_WEBHOOK_SECRET: webhookSecret,
    },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true, // its own process group, so stop() ends npx and next together
  });
  child.stdout!.on("data", (chunk: Buffer) => (log += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (log += chunk.toString()));
  const output = () => log;

  const pool = new pg.Pool({ connectionString: databaseUrl.toString(), max: 2 });
  pool.on("error", () => undefined); // terminated on purpose by the outage test
  const stop = async () => {
    if (child.exitCode === null && child.pid) {
      process.kill(-child.pid, "SIGTERM");
      await new Promise((resolve) => child.once("exit", resolve));
    }
    await pool.end().catch(() => undefined);
    await adminQuery(`drop database if exists ${databaseName} with (force)`);
    fs.rmSync(distDir, { recursive: true, force: true });
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForHealth(baseURL, child, output);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    baseURL,
    databaseName,
    webhookSecret,
    query: async (text, values) => (await pool.query(text, values)).rows,
    adminQuery,
    output,
    stop,
  };
}

/** An md5 of every row of every table in the public schema, per table, except `except`. */
export async function tableChecksums(server: PostgresServer, except: string[] = []): Promise<Record<string, string>> {
  const tables = await server.query<{ name: string }>(`select tablename as name from pg_tables where schemaname = 'public' order by tablename`);
  const sums: Record<string, string> = {};
  for (const { name } of tables) {
    if (except.includes(name)) continue;
    const [row] = await server.query<{ sum: string }>(`select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as sum from "${name}" t`);
    sums[name] = row!.sum;
  }
  return sums;
}
