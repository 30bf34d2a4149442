import http from "node:http";
import https from "node:https";
import Stripe from "stripe";
import type { EmulatorState } from "./state";
import type { WireEvent } from "./wire";

/** Stripe retries failed deliveries with growing gaps; these are the gaps before tries 2–8. */
export const DEFAULT_RETRY_DELAYS_MS = [500, 1_000, 2_000, 4_000, 8_000, 16_000, 32_000];

export interface DeliveryAttempt {
  eventId: string;
  type: string;
  attempt: number;
  status: number | null;
  error: string | null;
  at: number;
}

export interface WebhookDeliveryOptions {
  /** Where events go; null records events without sending them. */
  url: string | null;
  secret: () => string;
  retryDelaysMs: number[];
  /** "manual": events wait until a test calls `deliverEvents` (to choose the order) or `resume`. */
  mode: "auto" | "manual";
  timeoutMs: number;
  logger: Pick<Console, "warn">;
}

interface PostResult {
  status: number | null;
  error: string | null;
}

/** POSTs with node:http rather than fetch, so Next.js's patched fetch never sees these calls. */
function post(url: string, body: string, headers: Record<string, string>, timeoutMs: number): Promise<PostResult> {
  return new Promise((resolve) => {
    const target = new URL(url);
    const client = target.protocol === "https:" ? https : http;
    const request = client.request(
      target,
      { method: "POST", headers: { ...headers, "Content-Length": String(Buffer.byteLength(body)) }, timeout: timeoutMs },
      (response) => {
        response.resume(); // the body does not matter, only the status
        response.on("end", () => resolve({ status: response.statusCode ?? null, error: null }));
        response.on("error", (error) => resolve({ status: response.statusCode ?? null, error: error.message }));
      },
    );
    request.on("timeout", () => request.destroy(new Error(`timed out after ${timeoutMs} ms`)));
    request.on("error", (error) => resolve({ status: null, error: error.message }));
    request.end(body);
  });
}

/**
 * Sends events to the app's webhook endpoint the way Stripe does: signed with the endpoint
 * secret, body exactly as signed, one at a time in the order they happened, each retried with
 * backoff until it gets a 2xx (or tries run out). Runs outside the request that caused the
 * events. The queue is part of the saved state, so a restart resumes delivery.
 */
export class WebhookDelivery {
  private running = false;
  private paused: boolean;
  private closed = false;
  private readonly timers = new Set<NodeJS.Timeout>();
  private idleWaiters: (() => void)[] = [];
  readonly attempts: DeliveryAttempt[] = [];

  constructor(
    private readonly state: () => EmulatorState,
    private readonly options: WebhookDeliveryOptions,
    /** Saves the queue; not awaited between events (a restart may resend one: at least once, like Stripe). */
    private readonly persist: () => void,
  ) {
    this.paused = options.mode === "manual";
  }

  get enabled(): boolean {
    return this.options.url !== null;
  }

  /** Called after a change has been committed: starts the worker soon, never inline. */
  notify(): void {
    if (!this.enabled || this.paused || this.running || this.closed) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.run();
    }, 0);
    timer.unref?.();
    this.timers.add(timer);
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    this.notify();
  }

  /** Resolves once nothing is queued (or delivery is paused) and nothing is being sent. */
  waitForDeliveries({ timeoutMs = 60_000 }: { timeoutMs?: number } = {}): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.idleWaiters = this.idleWaiters.filter((waiter) => waiter !== done);
        reject(new Error(`webhook deliveries still pending after ${timeoutMs} ms: ${this.state().webhookQueue.join(", ")}`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      this.idleWaiters.push(done);
    });
  }

  /**
   * Test hook: sends these events now, in exactly this order, once each (no retries), and
   * takes them off the queue when they succeed. Use with `mode: "manual"` to prove the app
   * copes with events arriving out of order or more than once.
   */
  async deliverEvents(eventIds: string[]): Promise<DeliveryAttempt[]> {
    const results: DeliveryAttempt[] = [];
    for (const id of eventIds) {
      const event = this.state().events.find((candidate) => candidate.id === id);
      if (!event) throw new Error(`no such event: ${id}`);
      const attempt = await this.send(event, 1);
      results.push(attempt);
      if (isSuccess(attempt)) this.markDelivered(event);
    }
    this.persist();
    this.settle();
    return results;
  }

  close(): void {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.settle(true);
  }

  private isIdle(): boolean {
    return !this.running && (this.paused || !this.enabled || this.closed || this.state().webhookQueue.length === 0);
  }

  private settle(force = false): void {
    if (!force && !this.isIdle()) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const waiter of waiters) waiter();
  }

  private async run(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (!this.paused && !this.closed) {
        const id = this.state().webhookQueue[0];
        if (id === undefined) break;
        const event = this.state().events.find((candidate) => candidate.id === id);
        if (event && (await this.deliverWithRetries(event))) this.markDelivered(event);
        else this.dequeue(id); // gave up (or unknown event): Stripe moves on too
        this.persist();
      }
    } finally {
      this.running = false;
      this.settle();
    }
  }

  private async deliverWithRetries(event: WireEvent): Promise<boolean> {
    const delays = this.options.retryDelaysMs;
    for (let attempt = 1; attempt <= delays.length + 1; attempt += 1) {
      if (this.closed) return false;
      const result = await this.send(event, attempt);
      if (isSuccess(result)) return true;
      const delay = delays[attempt - 1];
      const why = result.status ? `HTTP ${result.status}` : result.error;
      if (delay === undefined) {
        this.options.logger.warn(`[stripe-emulator] gave up delivering ${event.type} ${event.id} after ${attempt} tries (${why})`);
        return false;
      }
      this.options.logger.warn(`[stripe-emulator] ${event.type} ${event.id} → ${why}; retrying in ${delay} ms`);
      await this.sleep(delay);
    }
    return false;
  }

  private async send(event: WireEvent, attempt: number): Promise<DeliveryAttempt> {
    const url = this.options.url;
    if (!url) throw new Error("webhook delivery has no URL");
    // Stripe sends pretty-printed JSON and signs exactly those bytes.
    const payload = JSON.stringify(event, null, 2);
    const signature = await Stripe.webhooks.generateTestHeaderStringAsync({ payload, secret: this.options.secret() });
    const result = await post(
      url,
      payload,
      {
        "Content-Type": "application/json; charset=utf-8",
        "Stripe-Signature": signature,
        "User-Agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
        "Cache-Control": "no-cache",
      },
      this.options.timeoutMs,
    );
    const record: DeliveryAttempt = { eventId: event.id, type: event.type, attempt, ...result, at: Date.now() };
    this.attempts.push(record);
    if (this.attempts.length > 500) this.attempts.splice(0, this.attempts.length - 500);
    return record;
  }

  private markDelivered(event: WireEvent): void {
    event.pending_webhooks = 0;
    this.dequeue(event.id);
  }

  private dequeue(id: string): void {
    const queue = this.state().webhookQueue;
    const index = queue.indexOf(id);
    if (index >= 0) queue.splice(index, 1);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      timer.unref?.();
      this.timers.add(timer);
    });
  }
}

function isSuccess(attempt: DeliveryAttempt): boolean {
  return attempt.status !== null && attempt.status >= 200 && attempt.status < 300;
}
