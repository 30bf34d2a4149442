import type { Database } from "../../db/database";

/** Thrown inside a handler's transaction by the chaos run; the route must answer 5xx and roll back. */
export class InjectedFault extends Error {
  constructor() {
    super("chaos: injected fault after the handler's writes, before commit");
  }
}

/**
 * Makes a share of the app database's transactions fail at the worst moment: after the
 * handler did all its writes (event claimed, gift inserted, totals moved, receipt queued) and
 * before COMMIT. Everything must roll back and the redelivered event must do it all again.
 * Installed on the one Database object the route uses (db/client.ts); returns the undo.
 */
export function injectFaults(
  db: Database,
  share: number,
  random: () => number,
): { injected: () => number; setShare: (share: number) => void; remove: () => void } {
  const original = db.transaction.bind(db);
  let injected = 0;
  const faulty: Database["transaction"] = (work, config) =>
    original(async (tx) => {
      const result = await work(tx);
      if (random() < share) {
        injected += 1;
        throw new InjectedFault();
      }
      return result;
    }, config);
  (db as { transaction: Database["transaction"] }).transaction = faulty;
  return {
    injected: () => injected,
    setShare: (next) => void (share = next),
    remove: () => ((db as { transaction: Database["transaction"] }).transaction = original),
  };
}
