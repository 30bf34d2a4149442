import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { RESULTS_DOCUMENT, RESULTS_END, RESULTS_START, replaceResultsSection, resultsSection } from "@/bench/support/results-section";

describe("where `npm run bench` writes its table", () => {
  it("docs/performance.md holds the markers a full run writes between, once each", () => {
    const document = fs.readFileSync(RESULTS_DOCUMENT, "utf8");
    expect(document.split(RESULTS_START)).toHaveLength(2);
    expect(document.split(RESULTS_END)).toHaveLength(2);
    expect(document.indexOf(RESULTS_START)).toBeLessThan(document.indexOf(RESULTS_END));
  });

  it("the README no longer carries the benchmark's table", () => {
    expect(fs.readFileSync("README.md", "utf8")).not.toContain(RESULTS_START);
  });

  it("replaces only what is between the markers", () => {
    const before = `# Performance\n\nintro\n\n${RESULTS_START}\nold table\n${RESULTS_END}\n\nwhat it means\n`;
    const section = resultsSection({
      date: new Date("2026-12-07T10:00:00Z"),
      cpus: 2,
      loadAverage: 0.84,
      rows: [{ name: "campaign page", rps: 372, p50: 111, p99: 737, vsStatic: 1.06, target: "≥ 0.95× static", met: true }],
      dashboard: ["dashboard totals 3.5 8.0"],
      webhooks: [],
      missing: [],
    });
    const after = replaceResultsSection(before, section);
    expect(after).toContain("# Performance\n\nintro\n\n");
    expect(after).toContain(`${RESULTS_END}\n\nwhat it means\n`);
    expect(after).not.toContain("old table");
    expect(after).toContain("Latest full run (2026-12-07, `npm run bench` on PostgreSQL, 2 CPUs, load average 0.8 at the start):");
    expect(after).toContain("| campaign page | 372 | 111 | 737 | 1.06 |  |  | ≥ 0.95× static ✓ |");
    expect(after).toContain("```\ndashboard totals 3.5 8.0\n```");
    // Writing the same run twice gives the same document.
    expect(replaceResultsSection(after, section)).toBe(after);
  });

  it("refuses a document without the markers rather than appending somewhere", () => {
    expect(() => replaceResultsSection("# Performance\n", "table")).toThrow(/must contain/);
    expect(() => replaceResultsSection(`${RESULTS_END}\n${RESULTS_START}`, "table")).toThrow(/must contain/);
  });
});
