import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, expect, test } from "vitest";

// npm test's closing line: CI reads it as the run's verdict, so it must be the only line of a
// runner-summary shape, in the plain "N passed, N failed, N skipped" form, and last.
const script = path.resolve(import.meta.dirname, "../../scripts/test-totals.mjs");
let dir: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "test-totals-"));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function vitestReport(passed: number, failed = 0, pending = 0) {
  return { numPassedTests: passed, numFailedTests: failed, numPendingTests: pending, numTodoTests: 0 };
}
function playwrightReport(expected: number, unexpected = 0, flaky = 0) {
  return { stats: { expected, unexpected, flaky, skipped: 0 } };
}
function writeReports(reports: Record<string, unknown>) {
  for (const [file, report] of Object.entries(reports)) fs.writeFileSync(path.join(dir, file), JSON.stringify(report));
}
function run(): { output: string; status: number } {
  try {
    return { output: execFileSync("node", [script], { env: { ...process.env, TEST_TOTALS_DIR: dir }, encoding: "utf8" }), status: 0 };
  } catch (error) {
    const failed = error as { stdout: string; status: number };
    return { output: failed.stdout, status: failed.status };
  }
}
const SUMMARY_SHAPE = /\d+ passed, \d+ failed/;

test("adds every suite up into one plain closing line, the only line of that shape", () => {
  writeReports({
    "unit.json": vitestReport(493),
    "integration.json": vitestReport(525, 0, 2),
    "e2e.json": playwrightReport(94, 0, 1),
    "e2e-instances.json": playwrightReport(2),
  });
  const { output, status } = run();
  const lines = output.trimEnd().split("\n");
  expect(status).toBe(0);
  expect(lines.at(-1)).toBe("1115 passed, 0 failed, 2 skipped");
  expect(lines.filter((line) => SUMMARY_SHAPE.test(line))).toHaveLength(1);
  expect(output).toMatch(/Playwright\s+95\s+0\s+0\s+1/);
});

test("a failure still closes on the totals, and exits 1", () => {
  writeReports({
    "unit.json": vitestReport(10, 1),
    "integration.json": vitestReport(5),
    "e2e.json": playwrightReport(3, 2),
    "e2e-instances.json": playwrightReport(2),
  });
  const { output, status } = run();
  expect(status).toBe(1);
  expect(output.trimEnd().split("\n").at(-1)).toBe("20 passed, 3 failed, 0 skipped");
});

test("a suite that left no report is named and fails the run", () => {
  writeReports({ "unit.json": vitestReport(10), "integration.json": vitestReport(5), "e2e.json": playwrightReport(3) });
  const { output, status } = run();
  expect(status).toBe(1);
  expect(output).toContain("Playwright two instances: no report");
});
