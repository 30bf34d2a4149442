import { AsyncLocalStorage } from "node:async_hooks";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

/*
 * This instance's Prometheus metrics (prom-client), served by GET /api/metrics
 * (lib/observability/metrics-endpoint.ts). Each instance counts what it did itself; Prometheus
 * sums them. docs/operations.md ("Metrics") lists each one and what moves it.
 *
 * The registry lives on globalThis: Next loads a module once per bundle that imports it (route
 * handlers, server actions, instrumentation) and again on every hot reload in development, and
 * a gift counted by the webhook's copy must show in the metrics route's copy.
 */
function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    giftsRecorded: new Counter({
      name: "lantern_gifts_recorded_total",
      help: "Gifts recorded from Stripe (committed), by currency and kind (one_off, recurring).",
      labelNames: ["currency", "kind"] as const,
      registers,
    }),
    giftAmountRecorded: new Counter({
      name: "lantern_gifts_recorded_amount_minor_total",
      help: "Sum of recorded gifts' amounts in the currency's minor unit (cents; yen for JPY), by currency. Never add currencies together.",
      labelNames: ["currency"] as const,
      registers,
    }),
    webhookEventsProcessed: new Counter({
      name: "lantern_webhook_events_processed_total",
      help: "Stripe events handled without error, by type and outcome (processed, duplicate, ignored, unresolvable).",
      labelNames: ["type", "outcome"] as const,
      registers,
    }),
    webhookEventsFailed: new Counter({
      name: "lantern_webhook_events_failed_total",
      help: "Stripe events whose handling threw (answered 5xx; Stripe delivers them again), by type.",
      labelNames: ["type"] as const,
      registers,
    }),
    webhookLag: new Histogram({
      name: "lantern_webhook_lag_seconds",
      help: "From a Stripe event's creation (event.created) to its work being committed here, by type.",
      labelNames: ["type"] as const,
      buckets: [0.5, 1, 2, 5, 10, 30, 60, 120, 300, 900, 1800, 3600, 6 * 3600, 24 * 3600, 3 * 24 * 3600],
      registers,
    }),
    emailsSent: new Counter({
      name: "lantern_emails_sent_total",
      help: "Emails handed to the provider (Resend or the dev mailbox), by priority (transactional, bulk).",
      labelNames: ["priority"] as const,
      registers,
    }),
    emailsFailed: new Counter({
      name: "lantern_emails_failed_total",
      help: 'Failed attempts to send an email, by priority; final="true" when it was the last attempt (the email is marked failed).',
      labelNames: ["priority", "final"] as const,
      registers,
    }),
    outboxWaiting: new Gauge({
      name: "lantern_email_outbox_waiting",
      help: "Emails waiting in the outbox (pending or being sent), by priority; read from the database at scrape time.",
      labelNames: ["priority"] as const,
      registers,
    }),
    outboxOldestWaiting: new Gauge({
      name: "lantern_email_outbox_oldest_waiting_seconds",
      help: "Age of the oldest email waiting in the outbox, by priority (0 when none waits); read at scrape time.",
      labelNames: ["priority"] as const,
      registers,
    }),
    databaseUp: new Gauge({
      name: "lantern_metrics_database_up",
      help: "1 when the scrape could read the outbox figures from the database, 0 when it could not.",
      registers,
    }),
    poolConnections: new Gauge({
      name: "lantern_db_pool_connections",
      help: "This instance's PostgreSQL pool (node-postgres): total and idle connections, waiting queries (queued for a connection), and max (its size). Absent on PGlite.",
      labelNames: ["state"] as const,
      registers,
    }),
    cacheTagNotifiesSent: new Counter({
      name: "lantern_cache_tag_notifies_sent_total",
      help: "NOTIFY messages sent to tell other instances to expire cache tags (PostgreSQL only).",
      registers,
    }),
    cacheTagNotifiesFailed: new Counter({
      name: "lantern_cache_tag_notifies_failed_total",
      help: "Cache-tag NOTIFYs that could not be sent (other instances keep their pages until revalidate).",
      registers,
    }),
    cacheTagNotifiesReceived: new Counter({
      name: "lantern_cache_tag_notifies_received_total",
      help: "NOTIFY messages from other instances turned into cache expiries here.",
      registers,
    }),
    cacheTagListenerReconnects: new Counter({
      name: "lantern_cache_tag_listener_reconnects_total",
      help: "Times the LISTEN connection came back after a drop (every page is expired then).",
      registers,
    }),
    httpResponses: new Counter({
      name: "lantern_http_responses_total",
      help: "Responses this instance's HTTP server sent, by method and status class (2xx, 3xx, 4xx, 5xx).",
      labelNames: ["method", "status_class"] as const,
      registers,
    }),
    requestErrors: new Counter({
      name: "lantern_request_errors_total",
      help: "Errors Next reported while serving a request (instrumentation onRequestError), by route type (render, route, action, proxy).",
      labelNames: ["route_type"] as const,
      registers,
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

const globalForMetrics = globalThis as typeof globalThis & {
  __lanternMetrics?: Metrics;
  __lanternUncommittedCounts?: AsyncLocalStorage<(() => void)[]>;
};

/** This process's metrics (made once per process). */
export function metrics(): Metrics {
  return (globalForMetrics.__lanternMetrics ??= createMetrics());
}

const uncommitted = (globalForMetrics.__lanternUncommittedCounts ??= new AsyncLocalStorage<(() => void)[]>());

/**
 * Runs a transaction; what it counted (countOnCommit) is counted once it has committed, and not
 * at all when it throws (rolled back): a gift that did not land is not a gift.
 */
export async function countAfterCommit<T>(transaction: () => Promise<T>): Promise<T> {
  const counts: (() => void)[] = [];
  const result = await uncommitted.run(counts, transaction);
  for (const count of counts) count();
  return result;
}

/** Counts now, or, inside countAfterCommit, once the transaction commits. */
function countOnCommit(count: () => void): void {
  const pending = uncommitted.getStore();
  if (pending) pending.push(count);
  else count();
}

/** A gift row was written (lib/donations/record-gift.ts). */
export function countGiftRecorded(gift: { currency: string; amount: number; kind: string }): void {
  countOnCommit(() => {
    const m = metrics();
    m.giftsRecorded.inc({ currency: gift.currency, kind: gift.kind });
    m.giftAmountRecorded.inc({ currency: gift.currency }, gift.amount);
  });
}

/** A Stripe event handled (lib/payments/webhooks/process-stripe-event.ts); `createdSeconds` is the event's `created`. */
export function countWebhookEvent(event: { type: string; createdSeconds: number }, outcome: string): void {
  const m = metrics();
  m.webhookEventsProcessed.inc({ type: event.type, outcome });
  if (outcome === "processed") m.webhookLag.observe({ type: event.type }, Math.max(0, Date.now() / 1000 - event.createdSeconds));
}

/** A Stripe event whose handling threw. */
export function countWebhookFailure(event: { type: string }): void {
  metrics().webhookEventsFailed.inc({ type: event.type });
}
