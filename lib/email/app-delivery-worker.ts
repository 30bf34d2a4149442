import "server-only";
import { getDb } from "@/db/client";
import type { Database } from "@/db/database";
import { env } from "@/lib/env";
import { roleRunsDeliveryLoop } from "@/lib/env/process-role";
import { deliverySettingsFromEnv } from "./delivery-settings";
import { startDeliveryWorker, type DeliveryWorker } from "./delivery-worker";
import type { DeliveryContext } from "./outbox/delivery";
import { emailLinkSettingsFromEnv } from "./outbox/personalisation";
import { emailTransportFromEnv } from "./transport";

/** The outbox context the app uses: transport, retry policy and link settings from the environment. */
export async function appDeliveryContext(db: Database): Promise<DeliveryContext> {
  return { transport: emailTransportFromEnv(db), settings: deliverySettingsFromEnv(), links: emailLinkSettingsFromEnv() };
}

// On globalThis: Next.js may load this module more than once, and one worker per process is enough.
const globalForWorker = globalThis as typeof globalThis & { __lanternDeliveryWorker?: DeliveryWorker };

/**
 * Starts this process's delivery worker (once): every process of role `all` or `worker`
 * (LANTERN_ROLE) runs one unless EMAIL_WORKER=disabled; `web` and `webhooks` processes do not.
 */
export function startAppDeliveryWorker(): DeliveryWorker | null {
  const { LANTERN_ROLE, EMAIL_WORKER } = env();
  if (!roleRunsDeliveryLoop(LANTERN_ROLE, EMAIL_WORKER)) return null;
  globalForWorker.__lanternDeliveryWorker ??= startDeliveryWorker(getDb, appDeliveryContext, { concurrency: 2 });
  return globalForWorker.__lanternDeliveryWorker;
}

/** Wakes the worker now (after publishing an update) instead of at its next idle tick. */
export function nudgeAppDeliveryWorker(): void {
  globalForWorker.__lanternDeliveryWorker?.nudge();
}
