import type { RunnerTestFile } from "vitest";
import { DefaultReporter } from "vitest/reporters";

/**
 * Vitest's default reporter without its closing "Test Files … / Tests N passed (N)" block.
 * `npm test` ends on one line that adds up every suite (scripts/test-totals.mjs), and CI judges
 * a run by its closing lines: no other line of the log may look like a runner's summary, or a
 * reader can take the wrong one for the verdict. Failures are still printed in full, above.
 */
export default class SuiteReporter extends DefaultReporter {
  override reportTestSummary(files: RunnerTestFile[]): void {
    const seconds = files.reduce((sum, file) => sum + (file.result?.duration ?? 0), 0) / 1000;
    this.log(`\nVitest finished ${files.length} files (${seconds.toFixed(1)} s of tests); the counts close npm test's output.\n`);
  }
}
