import type { Reporter, TestCase, TestResult } from "@playwright/test/reporter";

/**
 * Playwright's list reporter without its closing "N passed (6.4m)" line, for the same reason
 * as tests/support/vitest-reporter.ts: `npm test` ends on one line that adds up every suite
 * (scripts/test-totals.mjs), and no other line may look like a runner's summary. Failures,
 * flaky and slow tests are still printed in full before it.
 *
 * Playwright does not export its reporters' classes as API; `playwright/lib/runner` is the
 * package's own export of them, pinned with @playwright/test in package.json.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- no typed export to import
const { ListReporter } = require("playwright/lib/runner") as { ListReporter: new (options?: object) => Reporter };

export default class SuiteReporter extends ListReporter {
  /**
   * A failed test may have met an unlucky webhook order: the servers' emulators deliver from
   * STRIPE_EMULATOR_SEED (playwright.config.ts), printed with the failure so it can be replayed.
   */
  onTestEnd(test: TestCase, result: TestResult): void {
    super.onTestEnd?.(test, result);
    if (result.status !== test.expectedStatus) {
      const seed = process.env.STRIPE_EMULATOR_SEED;
      process.stdout.write(`  Stripe emulator webhook delivery seed: ${seed} (replay: STRIPE_EMULATOR_SEED=${seed})\n`);
    }
  }

  _printSummary(): void {
    process.stdout.write("Playwright finished; the counts close npm test's output.\n");
  }
}
