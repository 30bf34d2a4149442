import http from "node:http";
import https from "node:https";
import Stripe from "stripe";
import { seededRandom, type DeliveryBehaviour } from "./delivery-behaviour";
import type { EmulatorState } from "./state";
import type { WireEvent } from "./wire";

/**
 * Stripe retries a failed delivery with exponential backoff for up to three days (live mode).
 * These are the same gaps compressed: 0.5 s doubling, tries 2–8, about a minute in all.
 */
export const DEFAULT_RETRY_DELAYS_MS = [500, 1_000, 2_000, 4_000, 8_000, 16_000, 32_000];

/**
 * How much Stripe time one compressed millisecond stands for: the default gaps (63.5 s) span
 * Stripe's three days. A retry is also due once the emulator's clock (moved by the clock test
 * helper) has passed its gap at this scale, so a test that moves the clock a day on sees the
 * retries that would have happened in that day.
 */
export const RETRY_TIME_SCALE = (3 * 86_400_000) / DEFAULT_RETRY_DELAYS_MS.reduce((sum, gap) => sum + gap, 0);

export interface DeliveryAttempt {
  eventId: string;
  type: string;
  attempt: number;
  /** True for the second delivery of an event the emulator chose to send twice. */
  duplicate: boolean;
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
  /** Concurrency, order, duplicates and the seed behind them (delivery-behaviour.ts). */
  behaviour: DeliveryBehaviour;
  /** The emulator's clock (ms, test clock included): retries fall due by it too. */
  clock: () => number;
  /** Told of every try (e.g. to count them past the 500 `attempts` keeps). */
  onAttempt?: (attempt: DeliveryAttempt) => void;
}

/** One delivery still to make: an event, or its duplicate, with its tries so far. */
interface PendingDelivery {
  eventId: string;
  duplicate: boolean;
  /** Tries made so far. */
  tries: number;
  /** Real time (ms) from which it may be sent. */
  readyAt: number;
  /** Emulator time (ms) from which a retry is due anyway (the test clock moved past it). */
  dueByClockAt: number;
  inFlight: boolean;
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
 * secret, body exactly as signed, several at once (`behaviour.concurrency`), picked at random
 * among those due (so `checkout.session.completed` can arrive before `customer.created`), some
 * twice (`duplicateProbability`, the copy sent concurrently or later), each retried with backoff
 * until it gets a 2xx or tries run out. A retry waits without holding a sending slot. Runs
 * outside the request that caused the events. The queue is part of the saved state (an event id
 * per pending delivery), so a restart resumes delivery.
 */
export class WebhookDelivery {
  private paused: boolean;
  private closed = false;
  private readonly pending: PendingDelivery[];
  private inFlight = 0;
  private readonly timers = new Set<NodeJS.Timeout>();
  private wakeTimer: NodeJS.Timeout | null = null;
  private idleWaiters: (() => void)[] = [];
  private readonly random: () => number;
  readonly attempts: DeliveryAttempt[] = [];

  constructor(
    private readonly state: () => EmulatorState,
    private readonly options: WebhookDeliveryOptions,
    /** Saves the queue; not awaited between events (a restart may resend one: at least once, like Stripe). */
    private readonly persist: () => void,
  ) {
    this.paused = options.mode === "manual";
    this.random = seededRandom(options.behaviour.seed);
    this.pending = this.state().webhookQueue.map((eventId) => this.newPending(eventId, false));
  }

  get enabled(): boolean {
    return this.options.url !== null;
  }

  get seed(): number {
    return this.options.behaviour.seed;
  }

  /** Queues an event for delivery (the caller commits, then calls `notify`). */
  enqueue(eventId: string): void {
    this.state().webhookQueue.push(eventId);
    this.pending.push(this.newPending(eventId, false));
  }

  /** Called after a change has been committed: starts sending soon, never inline. */
  notify(): void {
    if (!this.enabled || this.paused || this.closed) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.pump();
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

  /**
   * Resolves once nothing is queued (or delivery is paused) and nothing is being sent: every
   * pending retry and every duplicate included.
   */
  waitForDeliveries({ timeoutMs = 60_000 }: { timeoutMs?: number } = {}): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.idleWaiters = this.idleWaiters.filter((waiter) => waiter !== done);
        reject(new Error(`webhook deliveries still pending after ${timeoutMs} ms: ${this.state().webhookQueue.join(", ")} (delivery seed ${this.seed})`));
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
      const event = this.findEvent(id);
      if (!event) throw new Error(`no such event: ${id}`);
      const attempt = await this.send(event, 1, false);
      results.push(attempt);
      if (isSuccess(attempt)) {
        event.pending_webhooks = 0;
        const index = this.pending.findIndex((entry) => entry.eventId === id && !entry.inFlight);
        if (index >= 0) this.remove(this.pending[index]!);
      }
    }
    this.persist();
    this.settle();
    return results;
  }

  close(): void {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    if (this.wakeTimer) clearTimeout(this.wakeTimer);
    this.wakeTimer = null;
    this.settle(true);
  }

  private newPending(eventId: string, duplicate: boolean): PendingDelivery {
    return { eventId, duplicate, tries: 0, readyAt: 0, dueByClockAt: 0, inFlight: false };
  }

  private findEvent(id: string): WireEvent | undefined {
    const events = this.state().events;
    // Recent events are at the end: search from there.
    for (let index = events.length - 1; index >= 0; index -= 1) if (events[index]!.id === id) return events[index];
    return undefined;
  }

  private isIdle(): boolean {
    return this.inFlight === 0 && (this.paused || !this.enabled || this.closed || this.pending.length === 0);
  }

  private settle(force = false): void {
    if (!force && !this.isIdle()) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const waiter of waiters) waiter();
  }

  private isDue(entry: PendingDelivery, now: number, clockNow: number): boolean {
    return !entry.inFlight && (entry.readyAt <= now || entry.dueByClockAt <= clockNow);
  }

  /** Fills the free sending slots with due deliveries, and sets a timer for the next retry. */
  private pump(): void {
    if (this.paused || this.closed || !this.enabled) {
      this.settle();
      return;
    }
    const { behaviour } = this.options;
    while (this.inFlight < behaviour.concurrency) {
      const now = Date.now();
      const clockNow = this.options.clock();
      // In order: strictly the oldest waiting delivery (a retrying event holds the ones behind it).
      const due = behaviour.shuffle
        ? this.pending.filter((entry) => this.isDue(entry, now, clockNow))
        : this.pending
            .filter((entry) => !entry.inFlight)
            .slice(0, 1)
            .filter((entry) => this.isDue(entry, now, clockNow));
      if (due.length === 0) break;
      const entry = due[Math.floor(this.random() * due.length)]!;
      // The first time an event is picked, it may be chosen to go twice: the copy joins the queue
      // and can be sent alongside the first delivery or after it.
      if (entry.tries === 0 && !entry.duplicate && behaviour.duplicateProbability > 0 && this.random() < behaviour.duplicateProbability) {
        this.state().webhookQueue.push(entry.eventId);
        this.pending.push(this.newPending(entry.eventId, true));
      }
      const jitter = behaviour.maxJitterMs > 0 ? Math.floor(this.random() * behaviour.maxJitterMs) : 0;
      entry.inFlight = true;
      this.inFlight += 1;
      void this.deliver(entry, jitter);
    }
    this.scheduleWake();
    this.settle();
  }

  /** One timer, for the earliest retry by real time (the test clock is checked at each notify). */
  private scheduleWake(): void {
    if (this.wakeTimer) clearTimeout(this.wakeTimer);
    this.wakeTimer = null;
    const waiting = this.pending.filter((entry) => !entry.inFlight);
    if (waiting.length === 0 || this.closed || this.paused) return;
    const earliest = Math.min(...waiting.map((entry) => entry.readyAt));
    this.wakeTimer = setTimeout(
      () => {
        this.wakeTimer = null;
        this.pump();
      },
      Math.max(0, earliest - Date.now()),
    );
    this.wakeTimer.unref?.();
  }

  private async deliver(entry: PendingDelivery, jitterMs: number): Promise<void> {
    try {
      if (jitterMs > 0) await this.sleep(jitterMs);
      const event = this.findEvent(entry.eventId);
      if (!event || this.closed) {
        this.remove(entry);
        return;
      }
      entry.tries += 1;
      const result = await this.send(event, entry.tries, entry.duplicate);
      if (isSuccess(result)) {
        if (!entry.duplicate) event.pending_webhooks = 0;
        this.remove(entry);
        return;
      }
      const delay = this.options.retryDelaysMs[entry.tries - 1];
      const why = result.status ? `HTTP ${result.status}` : result.error;
      if (delay === undefined) {
        this.options.logger.warn(`[stripe-emulator] gave up delivering ${event.type} ${event.id} after ${entry.tries} tries (${why})`);
        this.remove(entry); // Stripe moves on too
        return;
      }
      this.options.logger.warn(`[stripe-emulator] ${event.type} ${event.id} → ${why}; retrying in ${delay} ms`);
      entry.readyAt = Date.now() + delay;
      entry.dueByClockAt = this.options.clock() + delay * RETRY_TIME_SCALE;
    } catch (error) {
      this.options.logger.warn(`[stripe-emulator] delivering ${entry.eventId} failed: ${String(error)}`);
      this.remove(entry);
    } finally {
      entry.inFlight = false;
      this.inFlight -= 1;
      this.persist();
      this.pump();
    }
  }

  private remove(entry: PendingDelivery): void {
    const index = this.pending.indexOf(entry);
    if (index >= 0) this.pending.splice(index, 1);
    const queue = this.state().webhookQueue;
    const queued = queue.indexOf(entry.eventId);
    if (queued >= 0) queue.splice(queued, 1);
  }

  private async send(event: WireEvent, attempt: number, duplicate: boolean): Promise<DeliveryAttempt> {
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
    const record: DeliveryAttempt = { eventId: event.id, type: event.type, attempt, duplicate, ...result, at: Date.now() };
    this.attempts.push(record);
    this.options.onAttempt?.(record);
    if (this.attempts.length > 500) this.attempts.splice(0, this.attempts.length - 500);
    return record;
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
