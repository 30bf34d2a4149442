import "server-only";
import type Stripe from "stripe";
import type { Database, DatabaseDriver } from "@/db/database";
import { notifyCacheTags } from "@/lib/cache/shared-cache-tags";
import { campaignFigureTags } from "@/lib/campaigns/cache-tags";
import { parseReconcileArgs } from "./reconcile-command-args";
import { reconcileStripeEvents, type ReconcileReport } from "./reconcile";
import { backfillStripeFees, formatFeeBackfillReport } from "./backfill-fees";

export interface ReconcileCliIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

/** Exit codes: 0 all checked, 1 some events failed (run it again), 2 bad arguments. */
export type ReconcileExitCode = 0 | 1 | 2;

/**
 * `npm run reconcile -- --since <date> [--fees]` once the database and Stripe are open: the same repair
 * as the reconcile route (every event goes through the webhook's own idempotent processing, so a
 * webhook arriving meanwhile and this command never record anything twice), then a tally.
 * With `--fees`, then reads the Stripe fees and settlements never recorded (lib/payments/backfill-fees.ts).
 * On PostgreSQL the running instances are told to refresh the campaigns whose figures changed.
 */
export async function runReconcileCli(
  argv: readonly string[],
  deps: { db: Database; driver: DatabaseDriver; stripe: Stripe; now?: Date },
  io: ReconcileCliIo,
): Promise<ReconcileExitCode> {
  const args = parseReconcileArgs(argv, deps.now);
  if (!args.ok) {
    io.err(args.error);
    return 2;
  }
  const report = await reconcileStripeEvents(deps.db, deps.stripe, { since: args.since });
  const fees = args.fees ? await backfillStripeFees(deps.db, deps.stripe) : null;
  if (deps.driver === "postgres") {
    for (const campaignId of new Set([...report.campaignIds, ...(fees?.campaignIds ?? [])])) await notifyCacheTags(deps.db, campaignFigureTags(campaignId));
  }
  for (const line of formatReconcileReport(report, args.since)) io.out(line);
  for (const failure of report.failed) io.err(`failed: ${failure.eventId} (${failure.type}): ${failure.error}`);
  if (fees) {
    for (const line of formatFeeBackfillReport(fees)) io.out(line);
    for (const failure of fees.failed) io.err(`failed to read the fee of ${failure.id}: ${failure.error}`);
  }
  return report.failed.length > 0 || (fees?.failed.length ?? 0) > 0 ? 1 : 0;
}

export function formatReconcileReport(report: ReconcileReport, since: Date): string[] {
  const rows: [string, number][] = [
    ["checked", report.listed],
    ["already recorded", report.alreadyRecorded],
    ["repaired", report.processed],
    ["failed", report.failed.length],
  ];
  if (report.nothingToDo > 0) rows.push(["nothing to record", report.nothingToDo]);
  const width = Math.max(...rows.map(([label]) => label.length));
  const lines = [`Stripe events since ${since.toISOString()}:`, ...rows.map(([label, count]) => `  ${label.padEnd(width)}  ${count}`)];
  if (report.emails.sent + report.emails.failed > 0)
    lines.push(`Emails sent from the outbox: ${report.emails.sent}${report.emails.failed ? `, ${report.emails.failed} failed (retried later)` : ""}`);
  for (const event of report.unresolvable)
    lines.push(`Unresolvable (Stripe has no ${event.objectId ?? "object"}): ${event.eventId} ${event.type}, ${event.reason}`);
  return lines;
}
