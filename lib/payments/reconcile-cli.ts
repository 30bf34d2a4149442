import "server-only";
import type Stripe from "stripe";
import type { Database, DatabaseDriver } from "@/db/database";
import { notifyCacheTags } from "@/lib/cache/shared-cache-tags";
import { campaignFigureTags } from "@/lib/campaigns/cache-tags";
import { parseReconcileArgs } from "./reconcile-command-args";
import { reconcileStripeEvents, type ReconcileReport } from "./reconcile";

export interface ReconcileCliIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

/** Exit codes: 0 all checked, 1 some events failed (run it again), 2 bad arguments. */
export type ReconcileExitCode = 0 | 1 | 2;

/**
 * `npm run reconcile -- --since <date>` once the database and Stripe are open: the same repair
 * as the reconcile route (every event goes through the webhook's own idempotent processing, so a
 * webhook arriving meanwhile and this command never record anything twice), then a tally.
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
  if (deps.driver === "postgres") {
    for (const campaignId of report.campaignIds) await notifyCacheTags(deps.db, campaignFigureTags(campaignId));
  }
  for (const line of formatReconcileReport(report, args.since)) io.out(line);
  for (const failure of report.failed) io.err(`failed: ${failure.eventId} (${failure.type}): ${failure.error}`);
  return report.failed.length > 0 ? 1 : 0;
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
