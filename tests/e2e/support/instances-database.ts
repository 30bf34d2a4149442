/**
 * The two-instance test's PostgreSQL database, named after the first instance's port so that
 * checkouts running side by side never share one. Only TEST_DATABASE_URL on this machine.
 */
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
  const first = Number(process.env.E2E_INSTANCE_PORT ?? Number(process.env.E2E_PORT ?? 3100) + 1);
  return [first, first + 1];
}
