/**
 * The closing line of `npm test`: every suite's counts added up, read from the JSON reports
 * Vitest and Playwright write beside their usual output, so the log ends on one honest line
 * ("N passed, N failed, N skipped") instead of whichever runner happened to go last.
 *
 * CI judges a run by its closing lines and takes any line shaped like a runner's summary for
 * one. So that line is printed once, last, in the plain form and with nothing before it; the
 * suites' own reporters (tests/support/*-reporter.ts) print no summary of theirs, and the
 * per-suite figures above it are a table, not that shape.
 *
 *   node scripts/test-totals.mjs --reset   # before the suites: forget the last run's reports
 *   node scripts/test-totals.mjs           # after them: print the totals; exit 1 if a suite
 *                                          # left no report, or anything failed
 */
import fs from "node:fs";
import path from "node:path";

// TEST_TOTALS_DIR: only for this script's own test, which must not touch a real run's reports.
const DIR = process.env.TEST_TOTALS_DIR ?? path.resolve(import.meta.dirname, "..", ".test-totals");
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
const rows = [];
let missing = 0;
for (const suite of SUITES) {
  const file = path.join(DIR, suite.file);
  if (!fs.existsSync(file)) {
    console.log(`${suite.name}: no report (${path.relative(process.cwd(), file)}), so it did not finish`);
    missing += 1;
    continue;
  }
  const counts = suite.read(JSON.parse(fs.readFileSync(file, "utf8")));
  rows.push([suite.name, counts.passed, counts.failed, counts.skipped, counts.flaky]);
  for (const key of Object.keys(total)) total[key] += counts[key];
}
const width = Math.max(...SUITES.map((suite) => suite.name.length));
console.log(`\n${"suite".padEnd(width)}  ${["passed", "failed", "skipped", "flaky"].map((title) => title.padStart(7)).join(" ")}`);
for (const [name, ...figures] of rows) console.log(`${name.padEnd(width)}  ${figures.map((figure) => String(figure).padStart(7)).join(" ")}`);
if (total.flaky) console.log(`(flaky means it passed on a retry; flaky tests are counted as passed)`);
console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(missing || total.failed ? 1 : 0);
