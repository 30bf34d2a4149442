/**
 * The two-instance test's PostgreSQL database, named after the first instance's port so that
 * checkouts running side by side never share one. Only TEST_DATABASE_URL on this machine.
 */
import { E2E_PORT } from "./e2e-server";

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "::1", "[::1]"]);

export function instancesDatabaseUrls(port: number): { adminUrl: string; url: string; name: string } | null {
  const raw = process.env.TEST_DATABASE_URL;
  if (!raw) return null;
  const adminUrl = new URL(raw);
  if (!LOCAL_HOSTS.has(adminUrl.hostname)) throw new Error(`Refusing to use non-local database host "${adminUrl.hostname}".`);
  const name = `lantern_e2e_instances_${port}`;
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { adminUrl: adminUrl.toString(), url: url.toString(), name };
}

/** The two instances' ports: E2E_INSTANCE_PORT (default: the main e2e port + 1) and the next one. */
export function instancePorts(): [number, number] {
  const first = Number(process.env.E2E_INSTANCE_PORT ?? E2E_PORT + 1);
  return [first, first + 1];
}

/** The build both instances run: B from its own copy (tests/e2e/support/instance-process.ts). */
export const INSTANCES_BUILD_DIR = ".next-e2e";

/** Each instance's data folder (B's holds the mailbox the admin signs in through). */
export function instanceDataDirs([portA, portB]: [number, number]): [string, string] {
  return [`.data/e2e-instance-${portA}`, `.data/e2e-instance-${portB}`];
}

/**
 * An instance's environment: a production build in demo mode on the shared database.
 * PGAPPNAME names its PostgreSQL connections (its LISTEN connection included), so that a test
 * can find one instance's connections in pg_stat_activity.
 */
export function instanceEnv(port: number, dataDir: string, applicationName: string): Record<string, string> {
  const [portA] = instancePorts();
  const database = instancesDatabaseUrls(portA);
  return {
    NEXT_TELEMETRY_DISABLED: "1",
    NEXT_DIST_DIR: INSTANCES_BUILD_DIR,
    NODE_ENV: "production",
    LANTERN_DATA_DIR: dataDir,
    APP_URL: `http://127.0.0.1:${port}`,
    // A production build on the emulator runs only as a public demo; instances share one AUTH_SECRET.
    LANTERN_TEST_MODE: "demo",
    AUTH_SECRET: process.env.E2E_AUTH_SECRET!,
    DEV_MAILBOX: "",
    DATABASE_URL: database?.url ?? "",
    PGAPPNAME: applicationName,
    STRIPE_SECRET_KEY: "",
    STRIPE_WEBHOOK_SECRET: "",
    RESEND_API_KEY: "",
    ADMIN_EMAILS: "admin@lantern.test",
  };
}
