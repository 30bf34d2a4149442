/**
 * The benchmark's results as Markdown, and where a full run writes them: between two markers in
 * docs/performance.md, so the document always shows the latest full run beside what it means.
 * A smoke run (CI) writes nothing there: its numbers mean nothing.
 */
export const RESULTS_DOCUMENT = "docs/performance.md";
export const RESULTS_START = "<!-- bench table: start -->";
export const RESULTS_END = "<!-- bench table: end -->";

/** One row of the table: a load measurement and its ratios, or a note (freshness, JavaScript, Lighthouse). */
export interface ResultRow {
  name: string;
  rps?: number;
  p50?: number;
  p99?: number;
  errors?: number;
  /** Which row this is for the ratios (raw, static) and notes that refer to another row. */
  key?: string;
  vsStatic?: number;
  vsRaw?: number;
  note?: string;
  target?: string;
  met?: boolean;
}

export function markdownTable(rows: ResultRow[]): string[] {
  const header = ["measure", "req/s", "p50 ms", "p99 ms", "× static", "× raw", "note", "target"];
  const lines = rows.map((row) => [
    row.name,
    row.rps?.toString() ?? "",
    row.p50?.toString() ?? "",
    row.p99?.toString() ?? "",
    row.vsStatic?.toFixed(2) ?? "",
    row.vsRaw?.toFixed(2) ?? "",
    row.note ?? "",
    row.target ? `${row.target} ${row.met === undefined ? "" : row.met ? "✓" : "✗"}`.trim() : "",
  ]);
  return [`| ${header.join(" | ")} |`, `|${header.map(() => "---").join("|")}|`, ...lines.map((line) => `| ${line.join(" | ")} |`)];
}

export interface FullRun {
  date: Date;
  cpus: number;
  /** The one-minute load average when the run started: how quiet the machine was. */
  loadAverage: number;
  rows: ResultRow[];
  /** The printed lines of the dashboard and webhook benchmarks of the same run. */
  dashboard: string[];
  webhooks: string[];
  missing: string[];
}

/** The text that goes between the markers: what ran where, the table, the other benchmarks' output. */
export function resultsSection(run: FullRun): string {
  const day = run.date.toISOString().slice(0, 10);
  const parts = [
    `Latest full run (${day}, \`npm run bench\` on PostgreSQL, ${run.cpus} CPUs, load average ${run.loadAverage.toFixed(1)} at the start):`,
    markdownTable(run.rows).join("\n"),
  ];
  if (run.dashboard.length) parts.push("The admin dashboard's figures from the same run (`bench/dashboard.ts`):", ["```", ...run.dashboard, "```"].join("\n"));
  if (run.webhooks.length) parts.push("Webhook ingestion from the same run (`npm run bench:webhooks`):", ["```", ...run.webhooks, "```"].join("\n"));
  if (run.missing.length) parts.push(`Not measured: ${run.missing.join("; ")}.`);
  return parts.join("\n\n");
}

/** `document` with the text between the markers replaced by `section`; refuses a document without them. */
export function replaceResultsSection(document: string, section: string): string {
  const start = document.indexOf(RESULTS_START);
  const end = document.indexOf(RESULTS_END);
  if (start < 0 || end < start || document.indexOf(RESULTS_START, start + 1) >= 0 || document.indexOf(RESULTS_END, end + 1) >= 0) {
    throw new Error(`${RESULTS_DOCUMENT} must contain ${RESULTS_START} and then ${RESULTS_END}, once each`);
  }
  return `${document.slice(0, start + RESULTS_START.length)}\n${section.trim()}\n${document.slice(end)}`;
}
