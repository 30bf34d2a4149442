import fs from "node:fs";
import path from "node:path";

/**
 * Which process has an embedded database folder open. PGlite has no lock between processes and
 * its own postmaster.pid holds no real process id (and stays behind when a server is killed), so
 * each process that opens a folder writes its pid beside it, and removes it on close; commands
 * that must not run beside a server (`npm run backup`) ask whether that process still lives.
 */
const ownerFile = (dataDir: string) => path.join(path.dirname(path.resolve(dataDir)), `${path.basename(path.resolve(dataDir))}.owner-pid`);

export function recordPgliteOwner(dataDir: string): () => void {
  const file = ownerFile(dataDir);
  fs.writeFileSync(file, String(process.pid));
  return () => {
    if (pgliteOwner(dataDir) === process.pid) fs.rmSync(file, { force: true });
  };
}

/** The live process that has the folder open, or null. */
export function pgliteOwner(dataDir: string): number | null {
  let pid: number;
  try {
    pid = Number(fs.readFileSync(ownerFile(dataDir), "utf8").trim());
  } catch {
    return null;
  }
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (error) {
    // EPERM: it lives, under another user.
    return (error as NodeJS.ErrnoException).code === "EPERM" ? pid : null;
  }
}
