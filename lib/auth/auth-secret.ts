import "server-only";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { env } from "@/lib/env";

const SECRET_FILE = "auth-secret";

/**
 * The secret Auth.js signs its cookies and hashes magic-link tokens with.
 *
 * AUTH_SECRET when set (lib/env requires it in production). Otherwise — development, tests and
 * test mode — a random secret generated once into the data folder, so a fresh clone signs in
 * with no configuration and links stay valid across restarts. Several processes starting at
 * once agree on one secret: each writes a complete temporary file and hard-links it into
 * place, which fails for all but the first, and everyone then reads the winner's.
 */
export function authSecret(): string {
  const { AUTH_SECRET, LANTERN_DATA_DIR } = env();
  if (AUTH_SECRET) return AUTH_SECRET;
  const dataDir = path.resolve(LANTERN_DATA_DIR);
  let secret = localSecrets.get(dataDir);
  if (!secret) {
    secret = localAuthSecret(dataDir);
    localSecrets.set(dataDir, secret);
  }
  return secret;
}

const localSecrets = new Map<string, string>();

export function localAuthSecret(dataDir: string): string {
  const file = path.join(dataDir, SECRET_FILE);
  const existing = readSecret(file);
  if (existing) return existing;
  fs.mkdirSync(dataDir, { recursive: true });
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString("hex")}`;
  fs.writeFileSync(temporary, `${randomBytes(32).toString("base64url")}\n`, { mode: 0o600 });
  try {
    fs.linkSync(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  } finally {
    fs.rmSync(temporary, { force: true });
  }
  const secret = readSecret(file);
  if (!secret) throw new Error(`Could not read the generated auth secret in ${file}.`);
  return secret;
}

function readSecret(file: string): string | null {
  try {
    const value = fs.readFileSync(file, "utf8").trim();
    return value.length >= 32 ? value : null;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}
