import { timingSafeEqual } from "node:crypto";
import { createContext, type OperationContext } from "./context";
import { StripeApiError, apiError, authenticationError, injectedFault, invalidRequest, unrecognizedUrl } from "./errors";
import { parseForm, type FormParams } from "./form-encoding";
import { Idempotency, fingerprint } from "./idempotency";
import { newId } from "./ids";
import { STRIPE_API_VERSION } from "./api-version";
import { EMULATOR_PATH_PREFIX } from "./client";
import { checkoutPage } from "./pages/checkout-page";
import { dashboardPage } from "./pages/dashboard-page";
import type { PageRequest } from "./pages/page-request";
import { portalPage } from "./pages/portal-page";
import { savePortalSettings, type PortalSettings } from "./operations/portal";
import { failDueRefunds, refundFailuresDue } from "./operations/refunds";
import { receiptPage } from "./pages/receipt-page";
import { checkParams } from "./params";
import { loadState, StateWriter } from "./persistence";
import { matchRoute } from "./routes";
import type { ApiRequest, FaultSpec } from "./routes/route";
import type { EmulatorState } from "./state";
import { toUnixSeconds } from "./time";
import type { WireEvent } from "./wire";
import { resolveDeliveryBehaviour, type DeliveryBehaviour } from "./delivery-behaviour";
import { DEFAULT_RETRY_DELAYS_MS, WebhookDelivery, type DeliveryAttempt } from "./webhook-delivery";

export interface EmulatorOptions {
  /** JSON file the state is saved to after every change and loaded from at start; null keeps it in memory. */
  persistPath?: string | null;
  /**
   * At most one write of the state file per this many ms (default 0: after every change). Each
   * write serializes the whole state, so a busy emulator with a long history spends its time
   * there; with an interval, a change after a quiet spell is still written at once.
   */
  persistIntervalMs?: number;
  /** The app's webhook endpoint; null records events (listed at /v1/events) without sending them. */
  webhookUrl?: string | null;
  /**
   * The event types the endpoint is subscribed to (its `enabled_events` at Stripe); other events
   * are recorded (listed at /v1/events) but not sent, as Stripe does. Default: every type.
   */
  webhookEvents?: readonly string[] | null;
  /** Signing secret for webhooks (the app verifies with the same one). */
  webhookSecret?: string | (() => string);
  /** Gaps between delivery tries; Stripe-like by default (0.5 s doubling, 8 tries). */
  webhookRetryDelaysMs?: number[];
  /** "manual" holds events until `deliverEvents` / `resumeWebhooks` (tests that choose the order). */
  webhookMode?: "auto" | "manual";
  /**
   * Concurrency, order, duplicates and seed of automatic delivery (delivery-behaviour.ts). Default:
   * like Stripe (STRIPE_LIKE_DELIVERY), or ORDERED_DELIVERY with STRIPE_EMULATOR_DELIVERY=ordered;
   * the seed from STRIPE_EMULATOR_SEED, else random (read it back from `deliverySeed`).
   */
  webhookDelivery?: Partial<DeliveryBehaviour>;
  /** Called after each webhook delivery try, with its outcome. */
  onDeliveryAttempt?: (attempt: DeliveryAttempt) => void;
  webhookTimeoutMs?: number;
  /** Milliseconds since the epoch; lets tests pin `created` timestamps and expiry. */
  clock?: () => number;
  /** Origin the browser uses for hosted pages (checkout, portal). Default: the origin of each request. */
  publicOrigin?: string | null;
  /** Shown on the hosted pages where Stripe shows the account's business name. */
  businessName?: string;
  /**
   * Portal settings the account has saved (its default portal configuration), applied at start.
   * Without them, portal sessions that name no configuration are refused, as Stripe refuses them.
   */
  portalSettings?: PortalSettings;
  logger?: Pick<Console, "warn" | "error">;
  /**
   * The one secret key this emulator accepts (API and test helpers). Without it any `sk_test_`
   * key is accepted — only for throwaway emulators in tests; the app always passes its own.
   */
  apiKey?: string | (() => string);
  /**
   * Origin that `success_url`, `cancel_url` and `return_url` must be on, so the hosted pages only
   * ever send a browser back to the app; null allows any http(s) URL (tests).
   */
  redirectOrigin?: string | null;
  /** Serve the small dashboard at the root (recent events, subscriptions); default true. */
  dashboard?: boolean;
}

export interface StripeEmulator {
  /** Handles any request under /stripe-emulator (API, hosted pages, test helpers). */
  handle(request: Request): Promise<Response>;
  /** The live state (read it in tests; change it only through requests). */
  readonly state: EmulatorState;
  /** Resolves when every queued webhook has been delivered (or given up on). */
  waitForDeliveries(options?: { timeoutMs?: number }): Promise<void>;
  /** Sends these events now, in this order, once each (test hook for out-of-order delivery). */
  deliverEvents(eventIds: string[]): Promise<DeliveryAttempt[]>;
  pauseWebhooks(): void;
  resumeWebhooks(): void;
  /** Every delivery attempt so far (most recent 500). */
  readonly deliveryAttempts: readonly DeliveryAttempt[];
  /** The seed of delivery's random choices (order, duplicates, jitter): STRIPE_EMULATOR_SEED=<it> replays them. */
  readonly deliverySeed: number;
  /** Resolves when the state file has caught up with every change. */
  flush(): Promise<void>;
  /**
   * Saves the account's portal settings (its default portal configuration), as a real account
   * must in the dashboard before it can create portal sessions without naming a configuration.
   */
  savePortalSettings(settings?: PortalSettings): Promise<void>;
  /**
   * Fault injection: the next `count` Stripe API requests (matching `method`/`path` if given)
   * answer 500 api_error (or `status`) without doing anything, as when Stripe has an outage.
   * The SDK retries such answers, so `count` must cover its retries to make a call fail.
   */
  failNextRequests(fault: FaultSpec): void;
  /** Removes pending faults. */
  clearFaults(): void;
  /** Stops timers (pending retries are abandoned); for tests. */
  close(): Promise<void>;
}

const JSON_HEADERS = { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" };

function redact(key: string): string {
  return key.length > 12 ? `${key.slice(0, 8)}${"*".repeat(key.length - 12)}${key.slice(-4)}` : "********";
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function authenticate(request: Request, expectedKey: string | null): void {
  const header = request.headers.get("authorization") ?? "";
  let key = "";
  if (/^bearer /i.test(header)) key = header.slice(7).trim();
  else if (/^basic /i.test(header)) key = Buffer.from(header.slice(6).trim(), "base64").toString("utf8").split(":")[0] ?? "";
  if (!key) {
    throw authenticationError(
      "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.",
    );
  }
  // The emulator is test mode only: a live key here means a misconfiguration worth stopping.
  if (!/^(sk|rk)_test_[A-Za-z0-9_]+$/.test(key)) throw authenticationError(`Invalid API Key provided: ${redact(key)}`);
  // Only this installation's own key: anybody else could list donors or refund their gifts.
  if (expectedKey !== null && !sameSecret(key, expectedKey)) throw authenticationError(`Invalid API Key provided: ${redact(key)}`);
}

/**
 * Stripe answers in the version a request names. The emulator speaks one version (the one the
 * SDK's types describe), so it refuses any other instead of answering in the wrong shape.
 */
function checkApiVersion(request: Request): void {
  const version = request.headers.get("stripe-version");
  if (version === null || version === STRIPE_API_VERSION) return;
  const wellFormed = /^\d{4}-\d{2}-\d{2}(\.[a-z]+)?$/.test(version);
  throw invalidRequest(
    wellFormed
      ? `Unsupported Stripe-Version: ${version}. The Stripe emulator answers only in API version ${STRIPE_API_VERSION}, the one the stripe SDK's types describe.`
      : `Invalid Stripe API version: ${version}`,
  );
}

function errorResponse(error: StripeApiError, requestId: string, extraHeaders: Record<string, string> = {}): Response {
  return new Response(JSON.stringify({ error: error.body }, null, 2), {
    status: error.status,
    headers: { ...JSON_HEADERS, "Request-Id": requestId, "Stripe-Version": STRIPE_API_VERSION, ...error.headers, ...extraHeaders },
  });
}

export function createEmulator(options: EmulatorOptions = {}): StripeEmulator {
  const logger = options.logger ?? console;
  const baseClock = options.clock ?? Date.now;
  const persistPath = options.persistPath ?? null;
  const state = loadState(persistPath, logger);
  // The clock test helper moves time forward for everything in the emulator (see routes/test-helpers).
  const clock = () => baseClock() + state.clockOffset * 1000;
  const writer = new StateWriter(persistPath, () => state, options.persistIntervalMs ?? 0);
  // Nothing waits for the disk on the way (see commit), so a normal exit or a crash writes what is left.
  const writeOnExit = () => writer.writeNowSync();
  if (persistPath) process.on("exit", writeOnExit);
  const saveInBackground = () => {
    writer.save().catch((error: unknown) => logger.error(`[stripe-emulator] could not save ${persistPath}:`, error));
  };
  const secret = options.webhookSecret ?? "";
  const delivery = new WebhookDelivery(
    () => state,
    {
      url: options.webhookUrl ?? null,
      secret: typeof secret === "function" ? secret : () => secret,
      retryDelaysMs: options.webhookRetryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS,
      mode: options.webhookMode ?? "auto",
      timeoutMs: options.webhookTimeoutMs ?? 10_000,
      logger,
      behaviour: resolveDeliveryBehaviour(options.webhookDelivery),
      clock: () => clock(),
      onAttempt: options.onDeliveryAttempt,
    },
    saveInBackground,
  );
  const idempotency = new Idempotency(() => state);
  const faults: FaultSpec[] = [];
  const failNext = (fault: FaultSpec) => {
    if (fault.count > 0) faults.push({ ...fault, method: fault.method?.toUpperCase() });
  };
  const clearFaults = () => void faults.splice(0);

  /** Consumes one pending fault that matches this request, if any. */
  function takeFault(method: string, path: string): FaultSpec | undefined {
    const fault = faults.find((candidate) => (!candidate.method || candidate.method === method) && (!candidate.path || path.startsWith(candidate.path)));
    if (!fault) return undefined;
    fault.count -= 1;
    if (fault.count <= 0) faults.splice(faults.indexOf(fault), 1);
    return fault;
  }
  const businessName = options.businessName ?? "Lantern";
  const apiKey = options.apiKey ?? null;
  const expectedKey = () => (typeof apiKey === "function" ? apiKey() : apiKey);
  const redirectOrigin = options.redirectOrigin ? new URL(options.redirectOrigin).origin : null;

  const subscribed = options.webhookEvents ? new Set(options.webhookEvents) : null;
  const onEvent = (event: WireEvent) => {
    if (delivery.enabled && (!subscribed || subscribed.has(event.type))) delivery.enqueue(event.id);
    else event.pending_webhooks = 0;
  };

  /**
   * Saves (in the background: a request does not wait for the disk, which may wait for the write
   * interval) and lets the webhook worker pick up new events (never inside the request itself).
   */
  async function commit(): Promise<void> {
    saveInBackground();
    delivery.notify();
  }

  function contextFactory(now: number, origin: string, request?: { id: string | null; idempotency_key: string | null }) {
    let used = false;
    return {
      /** `at`: another moment than the request's (the clock helper's steps). */
      create(at = now): OperationContext {
        used = true;
        return createContext({ state, now: at, origin, request, onEvent });
      },
      get used() {
        return used;
      },
    };
  }

  let lastOrigin = "http://127.0.0.1";
  let refundTimer: ReturnType<typeof setTimeout> | null = null;
  let closed = false;

  /** Fails the scheduled refunds that are due by the clock (5126 card), sending their events. */
  async function failRefundsNow(): Promise<void> {
    const now = toUnixSeconds(clock());
    if (!refundFailuresDue(state, now)) return;
    failDueRefunds(createContext({ state, now, origin: lastOrigin, onEvent }));
    await commit();
  }

  /**
   * Also fails them on time when nothing asks the emulator anything (the app waiting for the
   * webhook): a timer for the earliest, by the real clock. An injected clock is checked when the
   * timer fires, so a test that holds its clock still decides when refunds fail.
   */
  function scheduleRefundFailures(): void {
    if (refundTimer || closed) return;
    const due = Object.values(state.refundFailures);
    if (due.length === 0) return;
    const wait = Math.max(0, Math.min(...due) * 1000 - clock()) + 50;
    refundTimer = setTimeout(
      () => {
        refundTimer = null;
        failRefundsNow()
          .catch((error: unknown) => logger.error("[stripe-emulator] failing due refunds failed", error))
          .finally(scheduleRefundFailures); // re-armed while any remain (a held clock has not reached them)
      },
      Math.min(wait, 60_000),
    );
    refundTimer.unref?.();
  }

  async function handleApi(request: Request, path: string, url: URL, origin: string, requestId: string): Promise<Response> {
    const method = request.method.toUpperCase();
    const match = matchRoute(method, path);
    if (!match.route) throw unrecognizedUrl(method, `/${path.replace(/^\//, "")}`);
    const { route, pathParams } = match;
    // Test helpers are not Stripe API, but they move money and webhooks: they need the key too.
    authenticate(request, expectedKey());
    if (!route.public) {
      checkApiVersion(request);
      const fault = takeFault(method, path);
      if (fault) throw injectedFault(fault);
    }

    const query = parseForm(url.search.slice(1));
    let params: FormParams = query;
    if (method === "POST") {
      const contentType = request.headers.get("content-type") ?? "";
      const text = await request.text();
      if (text && contentType && !contentType.includes("application/x-www-form-urlencoded")) {
        throw invalidRequest(`Invalid request: Stripe accepts form-encoded bodies (application/x-www-form-urlencoded), not ${contentType}.`);
      }
      params = { ...query, ...parseForm(text) };
    }
    checkParams(params, route.params);

    const now = toUnixSeconds(clock());
    // Refunds that fail "some time later" (the 5126 test card) fail before anything reads them again.
    lastOrigin = origin;
    await failRefundsNow();
    const key = method === "POST" && !route.public ? request.headers.get("idempotency-key") : null;
    if (key !== null) {
      if (key.length === 0 || key.length > 255) throw invalidRequest(`Invalid Idempotency-Key: must be between 1 and 255 characters.`);
      const print = fingerprint(params);
      const saved = idempotency.begin(key, method, path, print, now);
      if (saved) {
        return new Response(saved.body, {
          status: saved.status,
          headers: {
            ...JSON_HEADERS,
            "Request-Id": requestId,
            "Idempotency-Key": key,
            "Idempotent-Replayed": "true",
            "Original-Request": saved.requestId,
            "Stripe-Version": STRIPE_API_VERSION,
          },
        });
      }
    }

    // The test helpers stand for what happens at Stripe on its own (the clock renewing an invoice,
    // a bank opening a dispute, a refund failing): their events carry no request, as Stripe's do.
    const contexts = contextFactory(now, origin, route.public ? undefined : { id: requestId, idempotency_key: key });
    const apiRequest: ApiRequest = {
      method: method as ApiRequest["method"],
      path,
      pathParams,
      params,
      state,
      now,
      origin,
      redirectOrigin,
      context: () => contexts.create(),
      contextAt: (at) => contexts.create(at),
      webhooks: {
        deliverEvents: (ids) => delivery.deliverEvents(ids),
        pause: () => delivery.pause(),
        resume: () => delivery.resume(),
      },
      faults: { failNext, clear: clearFaults },
    };
    let status: number;
    let body: string;
    try {
      const result = await route.handle(apiRequest);
      status = result.status ?? 200;
      body = JSON.stringify(result.body, null, 2);
    } catch (error) {
      // Stripe saves the result of a request that ran and failed on the card, not of one refused at validation.
      const record =
        key !== null && error instanceof StripeApiError && error.status === 402
          ? {
              key,
              method,
              path,
              fingerprint: fingerprint(params),
              status: error.status,
              body: JSON.stringify({ error: error.body }, null, 2),
              requestId,
              created: now,
            }
          : null;
      if (key !== null) idempotency.finish(key, record);
      if (contexts.used) await commit();
      throw error;
    }
    if (key !== null) {
      idempotency.finish(key, { key, method, path, fingerprint: fingerprint(params), status, body, requestId, created: now });
    }
    if (contexts.used || key !== null) await commit();
    else if (path.startsWith("/test-helpers/clock")) delivery.notify(); // a moved clock makes retries due
    scheduleRefundFailures();
    return new Response(body, {
      status,
      headers: {
        ...JSON_HEADERS,
        "Request-Id": requestId,
        "Stripe-Version": STRIPE_API_VERSION,
        ...(key !== null ? { "Idempotency-Key": key } : {}),
      },
    });
  }

  async function handlePage(request: Request, url: URL, origin: string, id: string, render: (page: PageRequest) => Response): Promise<Response> {
    const method = request.method.toUpperCase();
    if (method !== "GET" && method !== "POST" && method !== "HEAD") {
      return new Response("Method not allowed", { status: 405, headers: { Allow: "GET, POST" } });
    }
    // A hosted page's forms post to itself: a post another site's page makes a browser send is refused.
    const host = request.headers.get("host");
    if (method === "POST" && isCrossOriginPost(request.headers, [origin, url.origin, ...(host ? [`${url.protocol}//${host}`] : [])])) {
      return new Response("Cross-origin form posts are not accepted.", { status: 403, headers: { "Content-Type": "text/plain; charset=utf-8" } });
    }
    const form = method === "POST" ? parseForm(await request.text()) : {};
    const now = toUnixSeconds(clock());
    const contexts = contextFactory(now, origin);
    const response = render({
      method,
      id,
      form,
      query: url.searchParams,
      state,
      now,
      origin,
      businessName,
      context: () => contexts.create(),
    });
    if (contexts.used) await commit();
    return response;
  }

  async function handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const requestId = newId("request");
    if (url.pathname !== EMULATOR_PATH_PREFIX && !url.pathname.startsWith(`${EMULATOR_PATH_PREFIX}/`)) {
      return errorResponse(unrecognizedUrl(request.method, url.pathname), requestId);
    }
    const path = url.pathname.slice(EMULATOR_PATH_PREFIX.length) || "/";
    const origin = (options.publicOrigin ?? url.origin).replace(/\/$/, "");
    const page = /^\/(checkout|portal|receipts)\/([^/]+)\/?$/.exec(path);
    try {
      if (page) {
        const [, kind, rawId] = page;
        const id = decodeURIComponent(rawId ?? "");
        const render = kind === "checkout" ? checkoutPage : kind === "receipts" ? receiptPage : portalPage;
        return await handlePage(request, url, origin, id, render);
      }
      if (path === "/" && request.method.toUpperCase() === "GET" && options.dashboard !== false) {
        return dashboardPage({ state, businessName, attempts: delivery.attempts, webhookUrl: options.webhookUrl ?? null });
      }
      return await handleApi(request, path, url, origin, requestId);
    } catch (error) {
      if (error instanceof StripeApiError) return errorResponse(error, requestId);
      logger.error(`[stripe-emulator] ${request.method} ${url.pathname} failed`, error);
      return errorResponse(apiError(`An unexpected error occurred in the Stripe emulator: ${String(error)}`), requestId);
    }
  }

  if (options.portalSettings) savePortalSettings(state, toUnixSeconds(clock()), options.portalSettings);

  // A restart picks up deliveries that were still queued when the state was saved.
  if (state.webhookQueue.length > 0) delivery.notify();
  scheduleRefundFailures();

  return {
    handle,
    state,
    waitForDeliveries: (waitOptions) => delivery.waitForDeliveries(waitOptions),
    deliverEvents: (ids) => delivery.deliverEvents(ids),
    pauseWebhooks: () => delivery.pause(),
    resumeWebhooks: () => delivery.resume(),
    get deliveryAttempts() {
      return delivery.attempts;
    },
    deliverySeed: delivery.seed,
    flush: () => writer.save({ immediately: true }),
    failNextRequests: failNext,
    clearFaults,
    savePortalSettings(settings = {}) {
      savePortalSettings(state, toUnixSeconds(clock()), settings);
      return writer.save();
    },
    async close() {
      closed = true;
      if (refundTimer) clearTimeout(refundTimer);
      refundTimer = null;
      delivery.close();
      process.off("exit", writeOnExit);
      await writer.save({ immediately: true });
    },
  };
}

/**
 * A browser says where a form was posted from: Sec-Fetch-Site (its own verdict, trusted when
 * present), else Origin, compared with this page's origins (the public one, and the host the
 * request named). A post from another site, or from an opaque "null" origin, is cross-origin. A
 * request with neither header is no browser's form post (the tests' and scripts' own requests),
 * and no other site can make a browser send one.
 */
export function isCrossOriginPost(headers: Headers, sameOrigins: string[]): boolean {
  const site = headers.get("sec-fetch-site");
  if (site) return site !== "same-origin" && site !== "none";
  const origin = headers.get("origin");
  if (origin === null) return false;
  return !sameOrigins.some((allowed) => allowed.replace(/\/$/, "") === origin);
}
