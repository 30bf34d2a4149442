/**
 * The e2e build run as the container image runs it (Containerfile): assembled by
 * scripts/assemble-standalone.mjs (standalone output, static files, public/, the bundled email
 * worker), then `node server.js` or `node worker/delivery-worker.cjs` from that folder with
 * NODE_ENV=production, HOSTNAME and PORT, and only the environment given here (an image has no
 * shell profile). No `next` CLI, no tsx, no repository around it.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { E2E_BUILD_DIR } from "./e2e-server";

/**
 * A fresh assembled copy of the e2e build in a new folder outside the repository, returned. Outside,
 * because Node looks for a package in every node_modules above the importing file: inside the
 * checkout, a package the standalone output lacks would still be found in the repository's own
 * node_modules, and the test would pass where the image fails (it did: drizzle-orm, which
 * rate-limiter-flexible imports by name at run time).
 */
export function assembleStandaloneCopy(label: string): string {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), `lantern-e2e-${label}-`));
  execFileSync(process.execPath, ["scripts/assemble-standalone.mjs", E2E_BUILD_DIR, outDir], { stdio: "pipe" });
  return outDir;
}

export interface StandaloneProcess {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
  /** Resolves once GET /api/health answers 200 on `port`; throws with the output if the process stops first. */
  healthy: (port: number) => Promise<void>;
  /** SIGTERM (as `podman stop` sends) and waits for the exit. */
  stop: () => Promise<void>;
}

/**
 * Starts `node <entry>` in the assembled folder with `environment` and nothing else from this
 * process's environment but PATH.
 */
export function startStandalone(dir: string, entry: "server.js" | "worker/delivery-worker.cjs", environment: Record<string, string>): StandaloneProcess {
  let log = "";
  const child = spawn(process.execPath, [entry], {
    cwd: dir,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin", NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production", ...environment },
  });
  child.stdout?.on("data", (chunk: Buffer) => (log += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (log += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const output = () => log;
  const running = () => child.exitCode === null && child.signalCode === null;
  return {
    child,
    output,
    exited,
    healthy: async (port) => {
      for (let waited = 0; waited < 90_000; waited += 250) {
        if (!running()) throw new Error(`node ${entry} stopped (${child.exitCode ?? child.signalCode}): ${output()}`);
        const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then(
          (response) => response.ok,
          () => false,
        );
        if (ok) return;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      throw new Error(`node ${entry} on port ${port} did not become healthy: ${output()}`);
    },
    stop: async () => {
      if (!child.pid || !running()) return;
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {
        // already gone
      }
      await exited;
    },
  };
}
