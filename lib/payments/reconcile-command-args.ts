/** Stripe lists events from the last 30 days only; asking for older ones would silently check nothing. */
export const STRIPE_EVENT_RETENTION_DAYS = 30;

/** `fees`: also read the fees Lantern never recorded (`--fees`, lib/payments/backfill-fees.ts). */
export type ReconcileArgs = { ok: true; since: Date; fees?: true } | { ok: false; error: string };

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Reads `--since <date>` (or `--since=<date>`) for `npm run reconcile`. A date is midnight UTC;
 * a date-time needs its offset (`Z` or `+02:00`), so the window never depends on the server's
 * time zone. Without `--since` the window is the last 3 days, like the reconcile route.
 * Every refusal is one sentence, for the command to print before exiting 2.
 */
export function parseReconcileArgs(argv: readonly string[], now: Date = new Date()): ReconcileArgs {
  const usage =
    "Usage: npm run reconcile -- --since 2026-11-20 (a date within the last 30 days; Stripe keeps events for 30 days), and --fees to read the Stripe fees never recorded.";
  let raw: string | undefined;
  let fees = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--fees" && !fees) {
      fees = true;
    } else if (arg === "--since" && raw === undefined) {
      raw = argv[++i];
      if (raw === undefined || raw.startsWith("--")) return { ok: false, error: `--since needs a date. ${usage}` };
    } else if (arg.startsWith("--since=") && raw === undefined) {
      raw = arg.slice("--since=".length);
    } else {
      return { ok: false, error: `Unexpected argument “${arg}”. ${usage}` };
    }
  }
  const feesFlag = fees ? { fees: true as const } : {};
  if (raw === undefined) return { ok: true, since: new Date(now.getTime() - 3 * 86_400_000), ...feesFlag };

  const since = DATE_ONLY.test(raw) ? new Date(`${raw}T00:00:00Z`) : DATE_TIME.test(raw) ? new Date(raw) : null;
  // new Date("2026-02-30") rolls over to March: compare the date part back to catch it.
  if (!since || Number.isNaN(since.getTime()) || (DATE_ONLY.test(raw) && since.toISOString().slice(0, 10) !== raw)) {
    return { ok: false, error: `--since “${raw}” is not a date such as 2026-11-20 or 2026-11-20T08:00:00Z.` };
  }
  if (since.getTime() > now.getTime())
    return { ok: false, error: `--since ${raw} is in the future; give a date in the last ${STRIPE_EVENT_RETENTION_DAYS} days.` };
  if (since.getTime() < now.getTime() - STRIPE_EVENT_RETENTION_DAYS * 86_400_000) {
    return {
      ok: false,
      error: `--since ${raw} is more than ${STRIPE_EVENT_RETENTION_DAYS} days ago, and Stripe keeps events for ${STRIPE_EVENT_RETENTION_DAYS} days only.`,
    };
  }
  return { ok: true, since, ...feesFlag };
}
