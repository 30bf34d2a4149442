import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { BackupError } from "./backup-files";

const run = promisify(execFile);

/**
 * The database for pg_dump and pg_restore: the URL without its password, which goes in
 * PGPASSWORD instead, so that it never shows in the machine's process list.
 */
function connection(databaseUrl: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const url = new URL(databaseUrl);
  const password = decodeURIComponent(url.password);
  url.password = "";
  return { dbname: url.toString(), env: password ? { ...process.env, PGPASSWORD: password } : process.env };
}

/**
 * Runs PostgreSQL's own pg_dump or pg_restore: the only tools that copy a live database
 * consistently (one snapshot) and restore every object it has, extensions and sequences included.
 */
export async function runPostgresTool(tool: "pg_dump" | "pg_restore", databaseUrl: string | null, args: string[]): Promise<string> {
  const target = databaseUrl ? connection(databaseUrl) : null;
  try {
    const { stdout } = await run(tool, target ? [`--dbname=${target.dbname}`, ...args] : args, {
      encoding: "utf8",
      env: target?.env ?? process.env,
      maxBuffer: 64 * 1024 * 1024,
    });
    return stdout;
  } catch (error) {
    const failure = error as { code?: string | number; stderr?: string };
    if (failure.code === "ENOENT") {
      throw new BackupError(
        `${tool} was not found: install PostgreSQL's client tools of the server's major version or newer (Debian: apt-get install postgresql-client).`,
      );
    }
    // The tool's own first error line says what went wrong (connection, version, permissions).
    const reason = (failure.stderr ?? "").split("\n").find((line) => line.trim()) ?? String(error);
    throw new BackupError(`${tool} failed: ${reason.trim()}`);
  }
}
