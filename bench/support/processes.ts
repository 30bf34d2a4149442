import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";

/** Child processes the bench starts; every one is stopped (by its process group) at the end. */
const children: ChildProcess[] = [];
const stopping = new Set<ChildProcess>();

export function startProcess(name: string, command: string, args: string[], env: Record<string, string>, logFile: string): ChildProcess {
  const log = fs.openSync(logFile, "w");
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ["ignore", log, log], detached: true });
  child.on("exit", (code, signal) => {
    if (code !== 0 && !stopping.has(child)) console.error(`[bench] ${name} exited (${code ?? signal}); see ${logFile}`);
  });
  children.push(child);
  return child;
}

export function stopProcess(child: ChildProcess, signal: NodeJS.Signals = "SIGTERM"): void {
  if (child.pid && child.exitCode === null) {
    stopping.add(child);
    try {
      process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  }
}

export function stopAll(): void {
  for (const child of children.reverse()) stopProcess(child);
}

export async function waitForUrl(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
