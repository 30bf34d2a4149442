import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "::1", "[::1]"]);

/** Where a chaos run keeps its data, and how to cut the app's connections to it. */
export interface ChaosDatabase {
  label: string;
  /** The environment the app's own database client (db/client.ts) opens it from. */
  env: { DATABASE_URL?: string; LANTERN_DATA_DIR: string };
  /** Terminates every connection the app holds (PostgreSQL); null where there is no connection to cut (PGlite runs in-process). */
  cutConnections: (() => Promise<number>) | null;
  /**
   * CPU time (ms, user + system) each of the run's PostgreSQL backends has used so far, by pid,
   * read from /proc (a local server whose processes this user can read); null where it cannot be
   * read (PGlite runs in the node process, whose own CPU time covers it).
   */
  backendCpu: (() => Promise<Map<number, number>>) | null;
  drop: () => Promise<void>;
}

/** A throwaway PostgreSQL database beside TEST_DATABASE_URL's (local hosts only), or a PGlite folder in the temp dir. */
export async function createChaosDatabase(driver: "postgres" | "pglite"): Promise<ChaosDatabase> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lantern-chaos-"));
  if (driver === "pglite") {
    return {
      label: "PGlite (on disk, in-process)",
      env: { LANTERN_DATA_DIR: dataDir },
      cutConnections: null,
      backendCpu: null,
      drop: async () => fs.rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const raw = process.env.TEST_DATABASE_URL;
  if (!raw) throw new Error("The PostgreSQL chaos run needs TEST_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test).");
  const adminUrl = new URL(raw);
  if (!LOCAL_HOSTS.has(adminUrl.hostname)) throw new Error(`Refusing to run chaos against non-local host "${adminUrl.hostname}".`);
  const name = `lantern_chaos_${randomBytes(5).toString("hex")}`;
  const admin = async <T>(work: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: adminUrl.toString() });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };
  const version = await admin(async (client) => {
    await client.query(`create database ${name}`);
    return (await client.query<{ server_version: string }>("show server_version")).rows[0]?.server_version ?? "";
  });
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    label: `PostgreSQL ${version}`.trim(),
    env: { DATABASE_URL: url.toString(), LANTERN_DATA_DIR: dataDir },
    cutConnections: () =>
      admin(async (client) => {
        const result = await client.query(`select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()`, [name]);
        return result.rowCount ?? 0;
      }),
    backendCpu: fs.existsSync("/proc/self/stat")
      ? () =>
          admin(async (client) => {
            const result = await client.query<{ pid: number }>(`select pid from pg_stat_activity where datname = $1`, [name]);
            const ticksPerMs = 100 / 1000; // USER_HZ is 100 on Linux
            const cpu = new Map<number, number>();
            for (const { pid } of result.rows) {
              try {
                const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
                cpu.set(pid, (Number(fields[11]) + Number(fields[12])) / ticksPerMs); // utime + stime
              } catch {
                // another machine's server, or the backend just ended
              }
            }
            return cpu;
          })
      : null,
    drop: async () => {
      await admin((client) => client.query(`drop database if exists ${name} with (force)`));
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
