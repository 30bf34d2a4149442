import { execFile } from "node:child_process";
import path from "node:path";

export interface LighthouseScores {
  performance: number;
  accessibility: number;
  "best-practices": number;
  seo: number;
}

/** Lighthouse mobile scores for each URL (bench/support/lighthouse.mjs, in its own Node process). */
export function lighthouseScores(urls: string[], debuggingPort: number): Promise<Record<string, LighthouseScores>> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [path.join("bench", "support", "lighthouse.mjs"), String(debuggingPort), ...urls],
      { timeout: 300_000, maxBuffer: 1 << 20 },
      (error, stdout, stderr) => {
        if (error) return reject(new Error(stderr.trim().split("\n").at(-1) || error.message));
        resolve(JSON.parse(stdout) as Record<string, LighthouseScores>);
      },
    );
  });
}
