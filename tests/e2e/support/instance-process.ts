/**
 * Instance B of the two-instance suite, started by the spec itself so that a test can stop and
 * start it again, from its OWN COPY of the build folder, as on a machine of its own: Next keeps
 * pages rendered at run time in the build folder, and with one folder shared by both instances
 * B would read the pages A rewrote (issue 23, finding 10 hides). Its data folder is the one
 * playwright.instances.config.ts names (the tests read its mailbox there).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { copyBuildWithoutCaches } from "./build-copy";
import { INSTANCES_BUILD_DIR, instanceEnv } from "./instances-database";

export interface InstanceProcess {
  origin: string;
  /** Stops the process (SIGTERM to its group) and waits for it to exit. */
  stop(): Promise<void>;
  /** Starts it again on the same build copy and data folder; resolves once /api/health answers. */
  start(): Promise<void>;
  output(): string;
}

export async function startInstanceFromOwnBuild(port: number, dataDir: string, applicationName: string): Promise<InstanceProcess> {
  const distDir = `${INSTANCES_BUILD_DIR}-instance-${port}`;
  // The build only: no pages or data cached by another run.
  copyBuildWithoutCaches(INSTANCES_BUILD_DIR, distDir);
  const origin = `http://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;
  let log = "";

  const start = async () => {
    const current = spawn("npx", ["next", "start", "-p", String(port)], {
      env: { ...process.env, ...instanceEnv(port, dataDir, applicationName), NEXT_DIST_DIR: distDir },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true, // its own process group, so stop() ends npx and next together
    });
    child = current;
    current.stdout!.on("data", (chunk: Buffer) => (log += chunk.toString()));
    current.stderr!.on("data", (chunk: Buffer) => (log += chunk.toString()));
    const deadline = Date.now() + 90_000;
    while (Date.now() < deadline) {
      if (current.exitCode !== null) throw new Error(`instance on ${port} exited (${current.exitCode}):\n${log}`);
      try {
        if ((await fetch(`${origin}/api/health`)).ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`instance on ${port} did not become healthy:\n${log}`);
  };
  const stop = async () => {
    const current = child;
    child = null;
    if (!current || current.exitCode !== null || !current.pid) return;
    const exited = new Promise((resolve) => current.once("exit", resolve));
    process.kill(-current.pid, "SIGTERM");
    await exited;
  };

  await start();
  return { origin, stop, start, output: () => log };
}
