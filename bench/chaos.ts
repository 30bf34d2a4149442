/**
 * `npm run chaos`: the exactly-once proof of issue 12, on PostgreSQL (when TEST_DATABASE_URL is
 * set) and on PGlite. Each database runs in its own process (the app reads its environment once
 * per process). Exits 1 when any count that must be zero is not.
 *
 *   CHAOS_PAYMENTS (2000)  CHAOS_FAULT_SHARE (0.1)  CHAOS_SENDERS (16)  CHAOS_COPIES (3)
 *   CHAOS_OFFLINE_SHARE (0.1: gifts received offline entered by staff meanwhile, per payment)
 *   CHAOS_EMULATOR_DUPLICATES (0.2: share of events the emulator's own, Stripe-like delivery sends twice)
 *   CHAOS_BANK_SHARE (0.15: payments by bank debit where the campaign's currency has one, one-off and monthly)
 *   CHAOS_BANK_FAILURE_SHARE (0.3: of those, the share whose bank returns them days later, renewals included)
 *   CHAOS_SEED (12: payments, delivery order, faults and the emulator's delivery choices)  CHAOS_DRIVERS ("postgres,pglite"; postgres only with TEST_DATABASE_URL)
 *   CHAOS_CPU_PROFILE (a path: CPU profiles of the delivery window, PATH-postgres.cpuprofile and PATH-pglite.cpuprofile)
 *   CHAOS_STATEMENTS (1: the statements sent in the delivery window, counted by their first words; PostgreSQL)
 *   CHAOS_CPU_BY_TYPE (1, with CHAOS_SENDERS=1: the app's CPU per delivery by event type and answer, printed under the run's CPU line)
 *   CHAOS_MAIL (bench:webhooks only: "dev-mailbox" sends receipts to the dev mailbox instead of a fake Resend)
 *
 * `npm run bench:webhooks` is the same harness as an ingestion benchmark: every event once plus
 * 20 % duplicates, no faults, no cut (BENCH_MODE=webhooks).
 */
import { spawnSync } from "node:child_process";
import { failedCounts, runChaos, type ChaosReport } from "./chaos/chaos-run";

const webhookBenchmark = process.env.BENCH_MODE === "webhooks";
const number = (name: string, fallback: number) => (process.env[name] ? Number(process.env[name]) : fallback);
const REPORT_PREFIX = "CHAOS_REPORT ";

async function runOne(driver: "postgres" | "pglite"): Promise<void> {
  const report = await runChaos({
    driver,
    payments: number("CHAOS_PAYMENTS", webhookBenchmark ? 1000 : 2000),
    copies: webhookBenchmark ? 1 : number("CHAOS_COPIES", 3),
    duplicateShare: webhookBenchmark ? 0.2 : 0,
    faultShare: webhookBenchmark ? 0 : number("CHAOS_FAULT_SHARE", 0.1),
    senders: number("CHAOS_SENDERS", 16),
    // The chaos run: the emulator also delivers each event itself, like Stripe (8 at once, in no order, 20 % twice).
    emulatorDelivery: webhookBenchmark ? null : { concurrency: 8, duplicateProbability: number("CHAOS_EMULATOR_DUPLICATES", 0.2) },
    cutConnection: !webhookBenchmark,
    offlineShare: webhookBenchmark ? 0 : number("CHAOS_OFFLINE_SHARE", 0.1),
    bankDebit: webhookBenchmark ? undefined : { share: number("CHAOS_BANK_SHARE", 0.15), failureShare: number("CHAOS_BANK_FAILURE_SHARE", 0.3) },
    seed: number("CHAOS_SEED", 12),
    reactProductionBuilds: true,
    productionLogs: true,
    // The benchmark sends receipts as production does (Resend's API, a fake one here); the chaos run keeps the dev mailbox.
    mailTransport: webhookBenchmark && process.env.CHAOS_MAIL !== "dev-mailbox" ? "fake-resend" : "dev-mailbox",
    cpuProfilePath: process.env.CHAOS_CPU_PROFILE ? process.env.CHAOS_CPU_PROFILE.replace(/(\.cpuprofile)?$/, `-${driver}.cpuprofile`) : undefined,
    log: (line) => console.log(line),
  });
  console.log(REPORT_PREFIX + JSON.stringify(report));
}

function table(reports: ChaosReport[]): void {
  const rows: [string, (r: ChaosReport) => string][] = [
    ["payments made at the emulator", (r) => String(r.payments)],
    ["events emitted", (r) => String(r.events)],
    ["emulator's own deliveries (tries) / twice", (r) => `${r.emulatorDeliveries} / ${r.emulatorDuplicates}`],
    ["emulator's deliveries answered 5xx", (r) => String(r.emulatorServerErrors)],
    ["emulator delivery seed", (r) => (r.emulatorDeliverySeed === null ? "n/a" : String(r.emulatorDeliverySeed))],
    ["deliveries (incl. duplicates, redeliveries)", (r) => String(r.deliveries)],
    ["answered 5xx, redelivered", (r) => String(r.serverErrors)],
    ["injected faults (before COMMIT)", (r) => String(r.injectedFaults)],
    ["connections cut mid-run", (r) => (r.connectionsCut === null ? "n/a" : String(r.connectionsCut))],
    ["seconds delivering", (r) => r.seconds.toFixed(1)],
    ["deliveries/s", (r) => r.deliveriesPerSecond.toFixed(0)],
    ["distinct events/s", (r) => r.eventsPerSecond.toFixed(0)],
    ["statements per delivery", (r) => (r.statementsPerDelivery === null ? "n/a" : r.statementsPerDelivery.toFixed(2))],
    ["CPU ms per delivery: app (node process)", (r) => r.cpuMsPerDelivery.toFixed(2)],
    ["CPU ms per delivery: PostgreSQL backends", (r) => (r.postgresCpuMsPerDelivery === null ? "n/a" : r.postgresCpuMsPerDelivery.toFixed(2))],
    ["CPU ms per delivery: Stripe emulator", (r) => (r.emulatorCpuMsPerDelivery === null ? "n/a" : r.emulatorCpuMsPerDelivery.toFixed(2))],
    ["CPU ms per delivery: fake Resend", (r) => (r.mailCpuMsPerDelivery == null ? "n/a" : r.mailCpuMsPerDelivery.toFixed(2))],
    ["gifts at Stripe / gift rows", (r) => `${r.expectedGifts} / ${r.giftRows}`],
    ["missing gifts", (r) => String(r.missingGifts)],
    ["duplicated gifts", (r) => String(r.duplicatedGifts)],
    ["gifts Stripe does not know", (r) => String(r.unexpectedGifts)],
    ["wrong amounts (or method)", (r) => String(r.wrongAmounts)],
    ["gifts by bank debit / in flight wrong", (r) => `${r.bankDebits} / ${r.wrongGiftsInFlight}`],
    ["receipts missing", (r) => String(r.receiptsMissing)],
    ["receipt number gaps/duplicates", (r) => String(r.receiptNumberFaults)],
    ["receipts sent twice", (r) => String(r.receiptsSentTwice)],
    ["emails left for the outbox sweep", (r) => String(r.unsentBeforeSweep)],
    ["offline gifts entered / corrected / voided", (r) => `${r.offlineGifts} / ${r.offlineCorrections} / ${r.offlineVoids}`],
    ["offline forms sent again after a failure", (r) => String(r.offlineRetries)],
    ["totals compared (campaign × currency)", (r) => String(r.totalsCompared)],
    ["wrong totals", (r) => String(r.wrongTotals)],
    ["ledger:verify differences", (r) => String(r.ledgerDifferences)],
    ["deliveries given up (> 40 tries)", (r) => String(r.abandonedDeliveries)],
  ];
  const width = 24;
  console.log(
    `\n  ${"".padEnd(44)}${reports
      .map((r) =>
        r.database
          .split(" (")[0]!
          .slice(0, width - 2)
          .padStart(width),
      )
      .join("")}`,
  );
  for (const [label, value] of rows) console.log(`  ${label.padEnd(44)}${reports.map((r) => value(r).padStart(width)).join("")}`);
}

async function main(): Promise<void> {
  const only = process.argv.find((arg) => arg.startsWith("--driver="))?.slice("--driver=".length);
  if (only === "postgres" || only === "pglite") return runOne(only);

  const drivers = (process.env.CHAOS_DRIVERS ?? (process.env.TEST_DATABASE_URL ? "postgres,pglite" : "pglite")).split(",").map((d) => d.trim());
  if (webhookBenchmark && process.env.CHAOS_DRIVERS === undefined && process.env.TEST_DATABASE_URL) drivers.splice(0, drivers.length, "postgres");
  console.log(
    webhookBenchmark
      ? "Webhook ingestion benchmark: signed events through POST /api/webhooks/stripe, 20 % duplicates"
      : "Chaos run: the emulator delivers like Stripe (concurrent, unordered, some twice), then every event 3× in random order; faults before COMMIT, one connection cut",
  );
  const reports: ChaosReport[] = [];
  for (const driver of drivers) {
    console.log(`\n${driver}:`);
    const child = spawnSync(process.execPath, [...process.execArgv, process.argv[1]!, `--driver=${driver}`], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
      env: process.env,
      maxBuffer: 64 * 1024 * 1024,
    });
    const lines = (child.stdout ?? "").split("\n");
    for (const line of lines) if (line && !line.startsWith(REPORT_PREFIX)) console.log(line);
    const reportLine = lines.find((line) => line.startsWith(REPORT_PREFIX));
    if (!reportLine) throw new Error(`the ${driver} run ended without a report (exit ${child.status})`);
    reports.push(JSON.parse(reportLine.slice(REPORT_PREFIX.length)) as ChaosReport);
  }
  table(reports);
  let failed = false;
  for (const report of reports) {
    const counts = failedCounts(report);
    if (counts.length > 0 || report.problems.length > 0) {
      failed = true;
      console.log(`\n  ${report.database}: FAILED — ${counts.join(", ")}\n    ${report.problems.join("\n    ")}`);
    }
  }
  if (webhookBenchmark) {
    for (const report of reports)
      console.log(
        `\n  ${report.database}: ${report.deliveriesPerSecond.toFixed(0)} signed deliveries/s at concurrency ${number("CHAOS_SENDERS", 16)} (target ≥ 400), totals ${failedCounts(report).length === 0 ? "exact" : "WRONG"}`,
      );
  } else if (!failed) console.log("\n  every count is zero");
  if (failed) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
