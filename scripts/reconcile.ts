/**
 * `npm run reconcile -- --since 2026-11-20 [--fees]`: records every Stripe event since that date that the
 * webhook endpoint missed, and prints checked / already recorded / repaired / failed. Run it on
 * the server with the server's environment (DATABASE_URL, STRIPE_SECRET_KEY). Exit 0 when every
 * event is recorded, 1 when some failed (run it again), 2 on bad arguments. `--fees` also reads
 * from Stripe every fee and settlement Lantern never recorded (gifts from before fees were read).
 */
import path from "node:path";
import { openPglite, openPostgres, prepareDatabase } from "@/db/open";
import { parseReconcileArgs } from "@/lib/payments/reconcile-command-args";
import { runReconcileCli } from "@/lib/payments/reconcile-cli";
import { stripe } from "@/lib/payments/stripe-client";
import { environmentIsValid, runCommand } from "./support/command";

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  // Bad arguments are answered before anything is opened.
  const args = parseReconcileArgs(argv);
  if (!args.ok) {
    console.error(args.error);
    return 2;
  }
  if (!environmentIsValid()) return 1;
  const url = process.env.DATABASE_URL;
  if (!url) console.info("(Embedded database: stop the server first; PGlite allows one process per data folder.)");
  const open = url ? await openPostgres(url, 2) : await openPglite(path.resolve(process.env.LANTERN_DATA_DIR || ".data", "pglite"));
  try {
    await prepareDatabase(open, { seed: false });
    return await runReconcileCli(argv, { db: open.db, driver: open.driver, stripe: stripe() }, { out: console.log, err: console.error });
  } finally {
    await open.close();
  }
}

runCommand(main, "Reconcile stopped");
