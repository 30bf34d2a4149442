/**
 * The closing line of `npm test`: every suite's counts added up, read from the JSON reports
 * Vitest and Playwright write beside their usual output, so the log ends on one honest line
 * ("tests: N passed, N failed, N skipped") instead of whichever runner happened to go last.
 *
 *   node scripts/test-totals.mjs --reset   # before the suites: forget the last run's reports
 *   node scripts/test-totals.mjs           # after them: print the totals; exit 1 if a suite
 *                                          # left no report, or anything failed
 */
import fs from "node:fs";
import path from "node:path";

const DIR = path.resolve(import.meta.dirname, "..", ".test-totals");
/** The suites `npm test` runs, in order, and the report each one writes. */
const SUITES = [
  { name: "Vitest unit", file: "unit.json", read: vitestCounts },
  { name: "Vitest integration", file: "integration.json", read: vitestCounts },
  { name: "Playwright", file: "e2e.json", read: playwrightCounts },
  { name: "Playwright two instances", file: "e2e-instances.json", read: playwrightCounts },
];

function vitestCounts(report) {
  return {
    passed: report.numPassedTests,
    failed: report.numFailedTests,
    skipped: report.numPendingTests + report.numTodoTests,
    flaky: 0,
  };
}

function playwrightCounts(report) {
  const { expected, unexpected, flaky, skipped } = report.stats;
  // A flaky test passed on a retry: it counts as passed and is named as flaky too.
  return { passed: expected + flaky, failed: unexpected, skipped, flaky };
}

if (process.argv.includes("--reset")) {
  fs.rmSync(DIR, { recursive: true, force: true });
  fs.mkdirSync(DIR, { recursive: true });
  process.exit(0);
}

const total = { passed: 0, failed: 0, skipped: 0, flaky: 0 };
let missing = 0;
for (const suite of SUITES) {
  const file = path.join(DIR, suite.file);
  if (!fs.existsSync(file)) {
    console.log(`${suite.name}: no report (${path.relative(process.cwd(), file)}), so it did not finish`);
    missing += 1;
    continue;
  }
  const counts = suite.read(JSON.parse(fs.readFileSync(file, "utf8")));
  console.log(`${suite.name}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped${counts.flaky ? ` (${counts.flaky} flaky)` : ""}`);
  for (const key of Object.keys(total)) total[key] += counts[key];
}
if (total.flaky) console.log(`flaky (passed on a retry): ${total.flaky}`);
console.log(`tests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(missing || total.failed ? 1 : 0);
