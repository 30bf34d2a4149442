import "server-only";
import type { Database } from "@/db/database";
import { deliverBulkBatch, deliverQueuedEmails, type DeliveryContext, type DeliveryReport } from "./outbox/delivery";
import { describeError } from "@/lib/errors/describe-error";
import { logger } from "@/lib/observability/logger";

const log = logger("email");

export interface DeliveryWorkerOptions {
  /** How long an idle loop sleeps before looking again (a nudge wakes it sooner). */
  idleMs?: number;
  /** Loops per process, each claiming its own rows; the transport's pacer keeps the rate. */
  concurrency?: number;
  /** Bulk emails per provider call (at most 100). */
  batchSize?: number;
  /** Called after every round that did something (the benchmark and tests watch progress). */
  onProgress?: (report: DeliveryReport) => void;
}

export interface DeliveryWorker {
  /** Look for work now instead of at the next idle tick (e.g. right after publishing). */
  nudge(): void;
  /** Finishes the round in progress, then stops. */
  stop(): Promise<void>;
}

/**
 * One round: transactional emails first (receipts, sign-in links, confirmations); only when
 * none is due, one batch of bulk update emails. Returns what was done, or null when idle.
 */
export async function runDeliveryRound(db: Database, context: DeliveryContext, batchSize?: number): Promise<DeliveryReport | null> {
  const transactional = await deliverQueuedEmails(db, { context, limit: 20 });
  if (transactional.sent + transactional.failed > 0) return transactional;
  return deliverBulkBatch(db, context, batchSize);
}

/**
 * The outbox's delivery worker: loops claiming due emails (FOR UPDATE SKIP LOCKED, so any
 * number of workers in any number of processes share one queue without sending twice).
 */
export function startDeliveryWorker(
  db: Database | (() => Promise<Database>),
  context: DeliveryContext | ((db: Database) => Promise<DeliveryContext>),
  options: DeliveryWorkerOptions = {},
): DeliveryWorker {
  const idleMs = options.idleMs ?? 2000;
  let stopped = false;
  let wake: (() => void) | undefined;
  const rest = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  async function loop(): Promise<void> {
    const database = typeof db === "function" ? await db() : db;
    while (!stopped) {
      try {
        const resolved = typeof context === "function" ? await context(database) : context;
        const report = await runDeliveryRound(database, resolved, options.batchSize);
        if (report) {
          options.onProgress?.(report);
          continue;
        }
      } catch (error) {
        // A database hiccup must not kill the worker: log it and try again after a pause.
        log.error(`delivery worker round failed: ${describeError(error)}`);
      }
      if (!stopped) await rest(idleMs);
    }
  }

  const loops = Array.from({ length: Math.max(1, options.concurrency ?? 1) }, () => loop());
  return {
    nudge: () => wake?.(),
    async stop() {
      stopped = true;
      wake?.();
      await Promise.allSettled(loops);
    },
  };
}
