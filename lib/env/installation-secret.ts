import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/**
 * A secret that belongs to one installation: generated once into the data folder, private
 * (mode 600), and the same on every later start. Used where development and test mode need a
 * secret nobody else knows without asking the operator for one (auth secret, the emulator's
 * API key and webhook secret). Nothing from the repository is ever a secret.
 *
 * Several processes starting at once agree on one value: each writes a complete temporary file
 * and hard-links it into place, which fails for all but the first, and everyone then reads the
 * winner's.
 */
export function installationSecret(dataDir: string, name: string, generate: () => string = defaultSecret): string {
  const file = path.join(path.resolve(dataDir), name);
  let secret = remembered.get(file);
  if (!secret) {
    secret = readOrCreate(file, generate);
    remembered.set(file, secret);
  }
  return secret;
}

/** 32 random bytes, base64url (43 characters). */
export function defaultSecret(): string {
  return randomBytes(32).toString("base64url");
}

const remembered = new Map<string, string>();
const MIN_LENGTH = 32;

function readOrCreate(file: string, generate: () => string): string {
  const existing = readSecret(file);
  if (existing) return existing;
  const value = generate();
  if (value.length < MIN_LENGTH) throw new Error(`A generated secret must be at least ${MIN_LENGTH} characters.`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString("hex")}`;
  fs.writeFileSync(temporary, `${value}\n`, { mode: 0o600 });
  try {
    fs.linkSync(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  } finally {
    fs.rmSync(temporary, { force: true });
  }
  const secret = readSecret(file);
  if (!secret) throw new Error(`Could not read the generated secret in ${file}.`);
  return secret;
}

function readSecret(file: string): string | null {
  try {
    const value = fs.readFileSync(file, "utf8").trim();
    return value.length >= MIN_LENGTH ? value : null;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}
