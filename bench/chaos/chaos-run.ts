/**
 * The chaos run (issue 12): real payments through the Stripe emulator, every event they caused
 * delivered to the real webhook route handler several times in random order by concurrent
 * senders, while a fault injector fails handler transactions just before COMMIT and the
 * database connections are cut once; then every gift row, receipt and total is compared with
 * the emulator's own records. The same harness, without faults and with a share of duplicates,
 * is the webhook ingestion benchmark.
 *
 * App modules are imported only after the environment points the app at this run's database
 * and emulator (the app reads its environment once per process).
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { spawn } from "node:child_process";
import { Session } from "node:inspector/promises";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { inArray } from "drizzle-orm";
import type Stripe from "stripe";
import { createChaosDatabase } from "./chaos-database";
import { injectFaults } from "./fault-injector";
import { listenOnLoopback } from "@lantern/stripe-emulator/testing";

export interface ChaosOptions {
  driver: "postgres" | "pglite";
  /** Payments to make at the emulator (checkouts paid or declined, plus renewals and refunds on top). */
  payments: number;
  /** Deliveries of every event (3 in the chaos run). */
  copies: number;
  /** Extra deliveries of a random share of events (the benchmark's 20 % duplicates); 0 in the chaos run. */
  duplicateShare: number;
  /** Share of handler transactions failed just before COMMIT. */
  faultShare: number;
  /** Concurrent senders. */
  senders: number;
  /**
   * The emulator delivers every event itself as it happens, the way Stripe does (concurrently, in
   * no order, `duplicateProbability` of them twice, failed ones retried on a compressed schedule),
   * to the route through a loopback server, while the payments are made and before the senders'
   * copies; faults are injected from the start. Null: the senders alone deliver (the benchmark).
   */
  emulatorDelivery?: { concurrency: number; duplicateProbability: number } | null;
  /** Cut the database connections once, half-way through the deliveries (PostgreSQL only). */
  cutConnection: boolean;
  /**
   * Gifts received offline, as a share of `payments` (0.1: one for every ten payments), recorded
   * by "staff" while the webhook storm runs: each entry form sent twice at once, some corrected,
   * some voided, every failed try sent again as staff would. Absent: 0 (the webhook benchmark).
   */
  offlineShare?: number;
  /**
   * Gifts paid by bank debit (ACH for USD campaigns, SEPA for EUR), one-off and monthly, as a
   * share of payments, and the share of those whose bank returns them (the debit fails days later,
   * a renewal's too). The emulator's clock then moves past every settlement. Absent: 0.
   */
  bankDebit?: { share: number; failureShare: number };
  seed: number;
  /**
   * Render emails with React's production builds, as a production server does (the benchmark).
   * Needs React not yet loaded in this process, so not for a run inside a test runner.
   */
  reactProductionBuilds?: boolean;
  /**
   * Log and fail as a production server does: the app's log lines as JSON, written one by one
   * (to app-log.jsonl in the run's data folder, not the console: the route logs every event it
   * handles), and stacks of errors not mapped back to TypeScript (tsx turns source maps on;
   * `next start` does not, and the Stripe SDK takes a stack on every request). The route's
   * 5xx causes are counted from the JSON lines. Not for a run inside a test runner (its sink).
   */
  productionLogs?: boolean;
  /** Writes a CPU profile (.cpuprofile, for Chrome DevTools) of the delivery window to this path. */
  cpuProfilePath?: string;
  /**
   * Where receipts go: the dev mailbox (a table row and a file per email, the default: what the
   * chaos run's "sent twice" check was built on), or a fake Resend in a process of its own
   * (bench/fake-resend-process.ts), as a production server sends: the benchmark's choice, so
   * the app is not charged for a mailbox no production server writes.
   */
  mailTransport?: "dev-mailbox" | "fake-resend";
  log: (line: string) => void;
}

export interface ChaosReport {
  database: string;
  payments: number;
  events: number;
  deliveries: number;
  serverErrors: number;
  /** Why deliveries were answered 5xx: the route's logged error, ids left out, with how often. */
  serverErrorCauses: Record<string, number>;
  injectedFaults: number;
  connectionsCut: number | null;
  abandonedDeliveries: number;
  /** Deliveries the emulator made itself (tries, duplicates included), those that were duplicates, answered 5xx, and the seed of its choices. */
  emulatorDeliveries: number;
  emulatorDuplicates: number;
  emulatorServerErrors: number;
  emulatorDeliverySeed: number | null;
  seconds: number;
  deliveriesPerSecond: number;
  eventsPerSecond: number;
  /** The app's node process's CPU time (user + system) in the delivery window per delivery: the handler, and the senders building requests. */
  cpuMsPerDelivery: number;
  /** The emulator's process (Stripe's side: answering the handlers' reads) in the window, per delivery; null where /proc cannot show it. */
  emulatorCpuMsPerDelivery: number | null;
  /** The fake Resend's process in the window, per delivery; null without one (dev mailbox) or where /proc cannot show it. */
  mailCpuMsPerDelivery: number | null;
  /** Statements the app sent per delivery in the window (BEGIN and COMMIT included); null on PGlite. */
  statementsPerDelivery: number | null;
  /** The run's PostgreSQL backends' CPU time in the window per delivery; null where /proc cannot show it (PGlite runs in the node process). */
  postgresCpuMsPerDelivery: number | null;
  expectedGifts: number;
  giftRows: number;
  missingGifts: number;
  duplicatedGifts: number;
  unexpectedGifts: number;
  wrongAmounts: number;
  /** Gifts by bank debit made at the emulator (one-off and monthly; renewals not counted). */
  bankDebits: number;
  /** Bank debits (one-off gifts and monthly instalments) whose gift in flight was checked against Stripe. */
  giftsInFlightChecked: number;
  /** Gifts in flight whose status is not what Stripe says (succeeded when paid, failed when not), or missing for a bank debit. */
  wrongGiftsInFlight: number;
  receiptsMissing: number;
  /** Gifts without a receipt number, plus gaps, duplicates and counters out of step, per year. */
  receiptNumberFaults: number;
  /** Emails still queued when the deliveries ended (a send cut short by the connection cut), sent by the outbox sweep. */
  unsentBeforeSweep: number;
  receiptsSentTwice: number;
  /** Offline gifts entered (each form sent twice), corrected and voided while the webhooks ran. */
  offlineGifts: number;
  offlineCorrections: number;
  offlineVoids: number;
  /** Tries of an offline-gift form that failed (injected fault, cut connection) and were sent again. */
  offlineRetries: number;
  totalsCompared: number;
  wrongTotals: number;
  ledgerDifferences: number;
  problems: string[];
}

/** What names a gift row: its Stripe checkout or invoice, or an offline gift's entry form. */
function giftKey(row: { id: string; stripeCheckoutSessionId: string | null; stripeInvoiceId: string | null; offlineEntryKey: string | null }): string {
  return row.stripeCheckoutSessionId ?? row.stripeInvoiceId ?? (row.offlineEntryKey ? `offline:${row.offlineEntryKey}` : `row:${row.id}`);
}

/** Small, seedable PRNG (mulberry32): the same seed makes the same payments and the same delivery order. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function inParallel<T>(items: T[], workers: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (next < items.length) {
        const index = next++;
        await work(items[index]!, index);
      }
    }),
  );
}

/** Every item of a Stripe list, page after page. */
async function all<T>(list: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of list) items.push(item);
  return items;
}

interface ExpectedGift {
  key: string;
  campaignId: string;
  currency: string;
  kind: "one_off" | "recurring";
  amount: number;
  refundedAmount: number;
  /** Null: an offline gift whose donor gave no address (a donor of its own). */
  email: string | null;
  /** Offline gifts: the outbox key of its receipt (none without an address). */
  receiptKey?: string | null;
  /** Stripe gifts: how the paying charge was paid (card, us_bank_account, sepa_debit). */
  method?: string;
}

/**
 * Outside Next, `server-only` throws on import unless the react-server condition is on, and
 * with it on, react-dom/server (the email templates) refuses to load. Next itself renders
 * route handlers with both; here the marker module is made empty instead (as the Vitest config does).
 */
function allowServerOnlyModules(): void {
  const appRequire = createRequire(path.join(process.cwd(), "package.json"));
  const marker = appRequire.resolve("server-only");
  appRequire.cache[marker] ??= { id: marker, filename: marker, loaded: true, exports: {} } as NodeJS.Module;
}

/** Counts the queries node-postgres sends from now until stop() (every client of the app's pool). */
function countStatements(): { stop: () => number } {
  const appRequire = createRequire(path.join(process.cwd(), "package.json"));
  const { Client } = appRequire("pg") as typeof import("pg");
  const query = Client.prototype.query;
  let count = 0;
  // CHAOS_STATEMENTS=1: which statements, by their first words (printed after the run).
  const byText = process.env.CHAOS_STATEMENTS ? new Map<string, number>() : null;
  Client.prototype.query = function (this: unknown, ...args: unknown[]) {
    count += 1;
    if (byText) {
      const first = args[0] as string | { text?: string };
      const text = (typeof first === "string" ? first : (first?.text ?? "?")).replace(/\s+/g, " ").slice(0, 90);
      byText.set(text, (byText.get(text) ?? 0) + 1);
    }
    return (query as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof query;
  return {
    stop: () => {
      Client.prototype.query = query;
      if (byText) for (const [text, n] of [...byText].sort((x, y) => y[1] - x[1]).slice(0, 30)) process.stdout.write(`    ${String(n).padStart(6)}  ${text}\n`);
      return count;
    },
  };
}

/**
 * React's packages pick their development or production build from NODE_ENV when first
 * required. A production server runs the production builds (next build inlines NODE_ENV), but
 * this run's app environment is development (no production secrets), and development React
 * rendered every receipt several times slower, with stack captures for its warnings. So the
 * production builds are loaded first, and the app's later imports get them from the cache.
 */
function loadReactProductionBuilds(): void {
  const appRequire = createRequire(path.join(process.cwd(), "package.json"));
  const previous = process.env.NODE_ENV;
  (process.env as Record<string, string | undefined>).NODE_ENV = "production";
  try {
    for (const id of ["react", "react/jsx-runtime", "react-dom", "react-dom/server"]) appRequire(id);
  } finally {
    if (previous === undefined) delete (process.env as Record<string, string | undefined>).NODE_ENV;
    else (process.env as Record<string, string | undefined>).NODE_ENV = previous;
  }
}

/** CPU time (ms, user + system) a process of this machine has used so far, or null when /proc cannot show it. */
function processCpuMs(pid: number | undefined): number | null {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, in USER_HZ (100) ticks
  } catch {
    return null;
  }
}

/** Starts ./emulator-process.ts (through tsx, also from inside a test runner) and waits for its origin. */
async function startEmulatorProcess(): Promise<{
  origin: string;
  pid: number | undefined;
  configure: (config: { apiKey: string; webhookSecret: string; webhookUrl?: string | null; delivery?: object; retryDelaysMs?: number[] }) => void;
  /** Resolves once the emulator has no delivery left (retries and duplicates included). */
  drain: () => Promise<{ tries: number; duplicates: number; gaveUp: number; seed?: number; error?: string }>;
  close: () => Promise<void>;
}> {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(process.cwd(), "bench", "chaos", "emulator-process.ts")], {
    stdio: ["pipe", "pipe", "inherit"],
    env: process.env,
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  let output = "";
  let drained: ((line: string) => void) | null = null;
  child.stdout.on("data", (chunk: Buffer) => {
    output += chunk.toString("utf8");
    const match = /^DRAINED (.*)$/m.exec(output);
    if (match && drained) {
      output = output.replace(match[0], "");
      drained(match[1]!);
      drained = null;
    }
  });
  const origin = await new Promise<string>((resolve, reject) => {
    child.stdout.on("data", () => {
      const match = /^EMULATOR (\S+)$/m.exec(output);
      if (match) resolve(match[1]!);
    });
    child.once("exit", (code) => reject(new Error(`the emulator process ended before listening (exit ${code})`)));
  });
  return {
    origin,
    pid: child.pid,
    configure: (config) => child.stdin.write(`${JSON.stringify(config)}\n`),
    drain: () =>
      new Promise((resolve) => {
        drained = (line) => resolve(JSON.parse(line) as { tries: number; duplicates: number; gaveUp: number; seed?: number; error?: string });
        child.stdin.write("drain\n");
      }),
    close: async () => {
      child.stdin.end();
      const timer = setTimeout(() => child.kill(), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Starts ../fake-resend-process.ts (no rate limit, counts per address) and waits for its address. */
async function startFakeResendProcess(): Promise<{
  url: string;
  pid: number | undefined;
  perAddress: () => Promise<Map<string, number>>;
  close: () => Promise<void>;
}> {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(process.cwd(), "bench", "fake-resend-process.ts")], {
    stdio: ["pipe", "pipe", "inherit"],
    env: { ...process.env, BENCH_RATE: "1000000", FAKE_RESEND_PER_ADDRESS: "1" },
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const { url, stats } = await new Promise<{ url: string; stats: string }>((resolve, reject) => {
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString("utf8");
      if (output.includes("\n")) resolve(JSON.parse(output.split("\n")[0]!) as { url: string; stats: string });
    });
    child.once("exit", (code) => reject(new Error(`the fake Resend process ended before listening (exit ${code})`)));
  });
  return {
    url,
    pid: child.pid,
    perAddress: async () => {
      const body = (await (await fetch(stats)).json()) as { perAddress: Record<string, number> };
      const counts = new Map<string, number>();
      for (const [address, count] of Object.entries(body.perAddress)) counts.set(address.toLowerCase(), (counts.get(address.toLowerCase()) ?? 0) + count);
      return counts;
    },
    close: async () => {
      child.stdin.end();
      const timer = setTimeout(() => child.kill(), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** The cause of a 5xx from the route's JSON log line ("event failed; Stripe will retry", with the error), Stripe ids left out; null for other lines. */
function serverErrorCauseOfLine(line: string): string | null {
  if (!line.includes("Stripe will retry") && !line.includes("database unavailable")) return null;
  let entry: { msg?: string; stripeEventType?: string; err?: { type?: string; message?: string } };
  try {
    entry = JSON.parse(line) as typeof entry;
  } catch {
    return null;
  }
  if (!/Stripe will retry|database unavailable/.test(entry.msg ?? "")) return null;
  const reason = entry.err ? `${entry.err.type ?? "Error"}: ${entry.err.message ?? ""}` : "database unavailable";
  return `${entry.stripeEventType ?? "?"}: ${reason
    .split("\n")[0]!
    .replace(/\b[a-z]{2,5}_[A-Za-z0-9]{6,}\b/g, "…")
    .slice(0, 200)}`;
}

/** One line per cause of a 5xx, from what the route logs ("… failed; Stripe will retry: <error>"), Stripe ids left out. */
function serverErrorCause(args: unknown[]): string | null {
  const [first, error] = args;
  if (typeof first !== "string" || !/Stripe will retry|database unavailable/.test(first)) return null;
  const type = /\[webhooks\] (\S+)/.exec(first)?.[1] ?? "?";
  const reason =
    error instanceof Error ? `${error.constructor.name}: ${error.message}` : first.includes("database unavailable") ? "database unavailable" : String(error);
  return `${type}: ${reason
    .split("\n")[0]!
    .replace(/\b[a-z]{2,5}_[A-Za-z0-9]{6,}\b/g, "…")
    .slice(0, 200)}`;
}

export async function runChaos(options: ChaosOptions): Promise<ChaosReport> {
  allowServerOnlyModules();
  if (options.reactProductionBuilds) loadReactProductionBuilds();
  const random = prng(options.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const database = await createChaosDatabase(options.driver);
  const problems: string[] = [];
  let closeApp: (() => Promise<void>) | null = null;
  let closeEmulator: (() => Promise<void>) | null = null;
  let closeMail: (() => Promise<void>) | null = null;
  let stopProductionLogs: (() => void) | null = null;
  try {
    const fakeResend = options.mailTransport === "fake-resend" ? await startFakeResendProcess() : null;
    closeMail = fakeResend?.close ?? null;
    const mailEnv = fakeResend ? { RESEND_API_KEY: "re_bench", RESEND_BASE_URL: fakeResend.url, EMAIL_REQUESTS_PER_SECOND: "1000" } : { RESEND_API_KEY: "" };
    // ── The emulator on loopback in its own process (./emulator-process.ts), and the app pointed at it and at this run's database ──
    const emulatorProcess = await startEmulatorProcess();
    const server = { origin: emulatorProcess.origin };
    closeEmulator = emulatorProcess.close;
    Object.assign(process.env, { ...database.env, APP_URL: server.origin, STRIPE_SECRET_KEY: "", STRIPE_WEBHOOK_SECRET: "", ...mailEnv });
    if (!database.env.DATABASE_URL) delete process.env.DATABASE_URL;
    (globalThis as { __lanternDb?: unknown }).__lanternDb = undefined;
    // This installation's own emulator key and webhook secret (generated into the run's data folder).
    const { stripeEmulatorApiKey, stripeWebhookSecret } = await import("../../lib/env");
    const webhookSecret = stripeWebhookSecret();
    // Where the emulator delivers (its own, Stripe-like delivery): a loopback server in front of the route's POST (set below).
    let routeHandler: (request: Request) => Promise<Response> = async () => new Response("not ready", { status: 503 });
    const webhookServer = options.emulatorDelivery ? await listenOnLoopback((request) => routeHandler(request)) : null;
    const closeEmulatorProcess = closeEmulator;
    closeEmulator = async () => {
      await closeEmulatorProcess();
      await webhookServer?.close();
    };
    emulatorProcess.configure({
      apiKey: stripeEmulatorApiKey(),
      webhookSecret,
      ...(options.emulatorDelivery && webhookServer
        ? {
            webhookUrl: `${webhookServer.origin}/api/webhooks/stripe`,
            // The run's seed makes the emulator's choices (order, duplicates) too.
            delivery: { seed: options.seed, shuffle: true, maxJitterMs: 20, ...options.emulatorDelivery },
            // Stripe's backoff, compressed further: 0.1 s doubling, 9 tries.
            retryDelaysMs: [100, 200, 400, 800, 1_600, 3_200, 6_400, 12_800],
          }
        : {}),
    });

    // As Next's own server does at start: its request stores (revalidateTag's) need AsyncLocalStorage on globalThis.
    (globalThis as { AsyncLocalStorage?: unknown }).AsyncLocalStorage ??= AsyncLocalStorage;
    const { getDb } = await import("../../db/client");
    const { stripe } = await import("../../lib/payments/stripe-client");
    const { createDonationCheckout } = await import("../../lib/payments/create-checkout");
    const { decodeGiftMetadata } = await import("../../lib/payments/gift-metadata");
    const { POST } = await import("../../app/api/webhooks/stripe/route");
    const { workAsyncStorage } = await import("next/dist/server/app-render/work-async-storage.external");
    let emulatorServerErrors = 0;
    routeHandler = async (request) => {
      // As the senders below do: the route inside the request store Next gives route handlers.
      const store = { route: "/api/webhooks/stripe", incrementalCache: {}, pendingRevalidatedTags: [], cacheLifeProfiles: {} } as never;
      try {
        const response = await workAsyncStorage.run(store, () => POST(request));
        if (response.status >= 500) emulatorServerErrors += 1;
        return response;
      } catch (error) {
        emulatorServerErrors += 1;
        if (problems.length < 5) problems.push(`route threw: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`.slice(0, 600));
        return new Response("route threw", { status: 599 });
      }
    };
    const schema = await import("../../db/schema");
    const { readLedgerTotals } = await import("../../lib/ledger/ledger-totals");
    const { verifyLedger, formatDifferences } = await import("../../lib/ledger/verify-ledger");
    const { verifyFeesAgainstStripe } = await import("../../lib/payments/verify-stripe-fees");
    const { deliverQueuedEmails } = await import("../../lib/email/outbox");
    const { willChargeAgain } = await import("../../lib/ledger/will-charge-again");
    const { recordOfflineGift, correctOfflineGift, voidOfflineGift } = await import("../../lib/donations/offline-gifts");
    const { OFFLINE_GIFT_METHODS } = await import("../../lib/donations/gift-methods");

    const db = await getDb(); // migrates and seeds (the seed's campaigns take the gifts)
    const opened = (globalThis as { __lanternDb?: Promise<{ close(): Promise<void> }> }).__lanternDb;
    closeApp = async () => {
      await (await opened)?.close(); // this run's database only, whatever the global holds by now
      if ((globalThis as { __lanternDb?: unknown }).__lanternDb === opened) (globalThis as { __lanternDb?: unknown }).__lanternDb = undefined;
    };
    const sdk = stripe();
    const campaignRows = await db.select().from(schema.campaigns);
    const givable = campaignRows.filter((row) => row.status === "active");
    if (givable.length === 0) throw new Error("the seed has no active campaign to give to");

    // With the emulator delivering, its deliveries start with the payments: faults and quiet logs from here.
    // Faults draw from their own stream: the emulator's deliveries run during the payments, and
    // must not move the draws that plan the rest of the run.
    const faults = injectFaults(db, options.emulatorDelivery ? options.faultShare : 0, prng(options.seed ^ 0x5eed));
    const silenced = { error: console.error, warn: console.warn, info: console.info };
    // Thousands of expected "failed; Stripe will retry" lines; CHAOS_VERBOSE=1 shows them. Their causes are counted.
    const serverErrorCauses: Record<string, number> = {};
    if (!process.env.CHAOS_VERBOSE) console.warn = console.info = () => undefined;
    if (options.productionLogs) {
      const { setLogSink } = await import("../../lib/observability/logger");
      const logFd = fs.openSync(path.join(database.env.LANTERN_DATA_DIR, "app-log.jsonl"), "a");
      setLogSink({
        write: (line: string) => {
          fs.writeSync(logFd, line);
          const cause = serverErrorCauseOfLine(line);
          if (cause) serverErrorCauses[cause] = (serverErrorCauses[cause] ?? 0) + 1;
        },
      });
      stopProductionLogs = () => {
        setLogSink(null);
        fs.closeSync(logFd);
      };
      process.setSourceMapsEnabled(false);
    }
    console.error = (...args: unknown[]) => {
      const cause = serverErrorCause(args);
      if (cause) serverErrorCauses[cause] = (serverErrorCauses[cause] ?? 0) + 1;
      if (process.env.CHAOS_VERBOSE) silenced.error(...args);
    };

    // ── 1. Payments at the emulator: the app's own checkout, paid on the hosted page ──
    const paymentsStart = performance.now();
    const donorPool = Math.max(1, Math.round(options.payments * 0.7)); // ~30 % of payments come from a returning donor
    const plans = Array.from({ length: options.payments }, (_, index) => ({
      index,
      campaign: pick(givable),
      monthly: random() < 0.3,
      amount: 500 + Math.floor(random() * 200) * 250,
      coverFee: random() < 0.2,
      email: `donor${Math.floor(random() * donorPool)}@chaos.example`,
      declined: random() < 0.03,
      refund: random(),
      renewals: Math.floor(random() * 3),
      failRenewal: random() < 0.15,
      cancel: random() < 0.1,
      bank: random() < (options.bankDebit?.share ?? 0),
      bankFails: random() < (options.bankDebit?.failureShare ?? 0),
    }));
    const emulatorKey = stripeEmulatorApiKey();
    let bankDebits = 0;
    const helper = async (path: string) => {
      const response = await fetch(`${server.origin}/stripe-emulator/test-helpers/${path}`, {
        method: "POST",
        headers: { Authorization: `Bearer ${emulatorKey}` },
      });
      if (!response.ok) throw new Error(`emulator test helper ${path} answered ${response.status}`);
    };
    await inParallel(plans, 8, async (plan) => {
      const fee = plan.coverFee ? Math.round(plan.amount * 0.03) + 30 : 0;
      const { sessionId, url } = await createDonationCheckout(sdk, {
        campaign: plan.campaign,
        donation: {
          frequency: plan.monthly ? "monthly" : "once",
          giftAmount: plan.amount,
          feeCoveredAmount: fee,
          anonymous: plan.index % 9 === 0,
          dedication: null,
          submissionId: `chaos-${options.seed}-${plan.index}`,
        },
        clientKey: "chaos",
        appUrl: server.origin,
        organisationName: "Lantern",
      });
      // A bank debit where the campaign's currency has one (Stripe's test accounts; the failing one returns it days later).
      const bank = plan.bank && !plan.declined ? bankDebitFields(plan.campaign.currency, plan.bankFails) : null;
      const paid = await fetch(url, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(
          bank
            ? { email: plan.email, ...bank, account_holder_name: `Donor ${plan.index}` }
            : { email: plan.email, card_number: plan.declined ? "4000 0000 0000 0002" : "4242 4242 4242 4242", name: `Donor ${plan.index}` },
        ).toString(),
        redirect: "manual",
      });
      if (plan.declined) return;
      if (paid.status !== 303) throw new Error(`payment ${plan.index} answered ${paid.status}`);
      if (bank) bankDebits += 1;
      const session = await sdk.checkout.sessions.retrieve(sessionId);
      if (!plan.monthly) {
        // A debit still processing cannot be refunded yet; refunds are the card gifts' part.
        if (bank) return;
        const total = session.amount_total!;
        const paymentIntent = String(session.payment_intent);
        if (plan.refund < 0.06) await sdk.refunds.create({ payment_intent: paymentIntent });
        else if (plan.refund < 0.18) {
          await sdk.refunds.create({ payment_intent: paymentIntent, amount: Math.max(1, Math.floor(total / 4)) });
          if (plan.refund < 0.1) await sdk.refunds.create({ payment_intent: paymentIntent, amount: Math.max(1, Math.floor(total / 4)) });
        }
        return;
      }
      const subscriptionId = String(session.subscription);
      for (let renewal = 0; renewal < plan.renewals; renewal++) await helper(`subscriptions/${subscriptionId}/renew`);
      if (plan.failRenewal) await helper(`subscriptions/${subscriptionId}/fail-renewal`);
      if (plan.cancel) await sdk.subscriptions.cancel(subscriptionId);
    });
    if (bankDebits > 0) {
      // Every bank debit settles (succeeds or is returned): the emulator's clock moves past the longest delay (SEPA, 5 business days).
      const response = await fetch(`${server.origin}/stripe-emulator/test-helpers/clock`, { headers: { Authorization: `Bearer ${emulatorKey}` } });
      const { frozen_time: now } = (await response.json()) as { frozen_time: number };
      const advanced = await fetch(`${server.origin}/stripe-emulator/test-helpers/clock/advance`, {
        method: "POST",
        headers: { Authorization: `Bearer ${emulatorKey}`, "Content-Type": "application/x-www-form-urlencoded" },
        body: `frozen_time=${now + 10 * 86_400}`,
      });
      if (!advanced.ok) throw new Error(`the emulator's clock answered ${advanced.status}`);
      options.log(`  ${bankDebits} gifts by bank debit (and their renewals) settled on the emulator's clock`);
    }
    const events = (await all(sdk.events.list({ limit: 100 }))).reverse();

    // Gifts received offline, entered by staff during the deliveries (step 2).
    const [staff] = await db
      .insert(schema.users)
      .values({ email: `treasurer-${options.seed}@chaos.example`, role: "owner" })
      .returning({ id: schema.users.id });
    const receivedOn = new Date().toISOString().slice(0, 10);
    const offlinePlans = Array.from({ length: Math.round(options.payments * (options.offlineShare ?? 0)) }, (_, index) => {
      const campaign = pick(givable);
      const withEmail = random() < 0.7;
      return {
        index,
        entryKey: crypto.randomUUID(),
        input: {
          method: pick(OFFLINE_GIFT_METHODS),
          amount: 1_000 + Math.floor(random() * 400) * 500,
          currency: campaign.currency,
          receivedOn,
          donorName: `Offline donor ${index}`,
          // Some give as a returning card donor: one person is one donor across both paths.
          donorEmail: withEmail ? `donor${Math.floor(random() * donorPool)}@chaos.example` : null,
          campaignId: campaign.id,
          reference: `Cheque ${100_000 + index}`,
          anonymous: random() < 0.1,
          dedication: null,
        },
        correction: random() < 0.3 ? { amount: 500 + Math.floor(random() * 400) * 500, campaignId: pick(givable).id } : null,
        voided: random() < 0.2,
      };
    });
    options.log(`  ${options.payments} payments made at the emulator in ${((performance.now() - paymentsStart) / 1000).toFixed(1)} s: ${events.length} events`);

    // ── 2. Deliveries: every event `copies` times (+ duplicates), shuffled, from concurrent senders ──
    const queue: Stripe.Event[] = [];
    for (const event of events) {
      for (let copy = 0; copy < options.copies; copy++) queue.push(event);
      if (random() < options.duplicateShare) queue.push(event);
    }
    for (let i = queue.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [queue[i], queue[j]] = [queue[j]!, queue[i]!];
    }
    const payloads = new Map(events.map((event) => [event.id, JSON.stringify(event, null, 2)]));
    faults.setShare(options.faultShare);
    const attemptsByEvent = new Map<string, number>();
    let deliveries = 0;
    let serverErrors = 0;
    let abandoned = 0;
    let connectionsCut: number | null = null;
    const plannedDeliveries = queue.length;
    const route = "/api/webhooks/stripe";
    // CHAOS_CPU_BY_TYPE=1 with CHAOS_SENDERS=1: the app's CPU per delivery by event type and answer (one at a time, so each delivery's CPU is its own).
    const cpuByKind = process.env.CHAOS_CPU_BY_TYPE && options.senders === 1 ? new Map<string, { count: number; ms: number }>() : null;
    const deliver = async (event: Stripe.Event): Promise<number> => {
      const payload = payloads.get(event.id)!;
      const signature = sdk.webhooks.generateTestHeaderString({ payload, secret: webhookSecret });
      const request = new Request(`${server.origin}${route}`, {
        method: "POST",
        headers: { "Content-Type": "application/json", "Stripe-Signature": signature },
        body: payload,
      });
      // The route refreshes cached pages with revalidateTag, which needs the request store Next gives route handlers.
      const store = { route, incrementalCache: {}, pendingRevalidatedTags: [], cacheLifeProfiles: {} } as never;
      try {
        if (cpuByKind) {
          const before = process.cpuUsage();
          const status = (await workAsyncStorage.run(store, () => POST(request))).status;
          const used = process.cpuUsage(before);
          const kind = `${event.type} ${status}`;
          const entry = cpuByKind.get(kind) ?? { count: 0, ms: 0 };
          entry.count += 1;
          entry.ms += (used.user + used.system) / 1000;
          cpuByKind.set(kind, entry);
          return status;
        }
        return (await workAsyncStorage.run(store, () => POST(request))).status;
      } catch (error) {
        // The handler threw past the route (never expected): a failed delivery, and a problem to show.
        if (problems.length < 5) problems.push(`route threw: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`.slice(0, 600));
        return 599;
      }
    };
    const profiler = options.cpuProfilePath ? new Session() : null;
    if (profiler) {
      profiler.connect();
      await profiler.post("Profiler.enable");
      await profiler.post("Profiler.start");
    }
    const statements = options.driver === "postgres" ? countStatements() : null;
    const backendsBefore = await database.backendCpu?.();
    const emulatorCpuBefore = processCpuMs(emulatorProcess.pid);
    const mailCpuBefore = fakeResend ? processCpuMs(fakeResend.pid) : null;
    const cpuBefore = process.cpuUsage();
    const deliveryStart = performance.now();
    let offlineRetries = 0;
    /** As staff do when the admin page says something went wrong: send the same form again (same key). */
    const untilDone = async <T>(work: () => Promise<T>): Promise<T> => {
      for (let attempt = 1; ; attempt++) {
        try {
          return await work();
        } catch (error) {
          offlineRetries += 1;
          if (attempt >= 40) throw error;
          await new Promise((resolve) => setTimeout(resolve, 20 * attempt));
        }
      }
    };
    const offlineStaff = async () => {
      await inParallel(offlinePlans, 2, async (plan) => {
        const once = () => untilDone(() => recordOfflineGift(db, plan.input, { entryKey: plan.entryKey, adminId: staff!.id }));
        // The same entry form sent twice at once (a double click, two tabs): one gift.
        const [first, second] = await Promise.all([once(), once()]);
        if (!first.ok || !second.ok || first.donationId !== second.donationId)
          throw new Error(`offline gift ${plan.index} recorded as ${JSON.stringify([first, second])}`);
        if (plan.correction) {
          const correctionKey = crypto.randomUUID();
          const corrected = { ...plan.input, ...plan.correction, currency: givable.find((row) => row.id === plan.correction!.campaignId)!.currency };
          const outcome = await untilDone(() => correctOfflineGift(db, first.donationId, corrected, { correctionKey, adminId: staff!.id }));
          if (!outcome.ok) throw new Error(`offline gift ${plan.index} correction refused: ${outcome.reason}`);
        }
        if (plan.voided) {
          const outcome = await untilDone(() => voidOfflineGift(db, first.donationId, { reason: "chaos: entered in error", adminId: staff!.id }));
          if (!outcome.ok) throw new Error(`offline gift ${plan.index} void refused: ${outcome.reason}`);
        }
      });
    };
    try {
      let cursor = 0;
      await Promise.all([
        offlineStaff(),
        ...Array.from({ length: options.senders }, async () => {
          while (cursor < queue.length) {
            const event = queue[cursor++]!;
            const status = await deliver(event);
            deliveries += 1;
            if (options.cutConnection && connectionsCut === null && deliveries >= plannedDeliveries / 2 && database.cutConnections) {
              connectionsCut = -1; // claimed by this sender
              connectionsCut = await database.cutConnections();
            }
            if (status < 500) continue;
            serverErrors += 1;
            const attempts = (attemptsByEvent.get(event.id) ?? 0) + 1;
            attemptsByEvent.set(event.id, attempts);
            if (attempts > 40) abandoned += 1;
            else queue.push(event); // Stripe redelivers after a 5xx
          }
        }),
      ]);
    } finally {
      faults.remove();
    }
    const seconds = (performance.now() - deliveryStart) / 1000;
    // The emulator's own deliveries (and their retries) finish; only then is everything compared.
    const emulatorDrain = options.emulatorDelivery ? await emulatorProcess.drain() : null;
    Object.assign(console, silenced);
    if (emulatorDrain?.error) problems.push(`emulator deliveries: ${emulatorDrain.error}`);
    const cpu = process.cpuUsage(cpuBefore);
    const statementCount = statements?.stop() ?? null;
    const emulatorCpuAfter = processCpuMs(emulatorProcess.pid);
    const emulatorCpuMs = emulatorCpuBefore === null || emulatorCpuAfter === null ? null : emulatorCpuAfter - emulatorCpuBefore;
    const mailCpuAfter = fakeResend ? processCpuMs(fakeResend.pid) : null;
    const mailCpuMs = mailCpuBefore === null || mailCpuAfter === null ? null : mailCpuAfter - mailCpuBefore;
    const backendsAfter = await database.backendCpu?.();
    // Backends that started in the window count whole; those cut in the window (chaos) took their figures with them.
    const postgresCpuMs =
      backendsBefore && backendsAfter && backendsAfter.size > 0 && !(connectionsCut !== null && connectionsCut > 0)
        ? [...backendsAfter].reduce((sum, [pid, ms]) => sum + ms - (backendsBefore.get(pid) ?? 0), 0)
        : null;
    if (profiler) {
      const { profile } = await profiler.post("Profiler.stop");
      fs.writeFileSync(options.cpuProfilePath!, JSON.stringify(profile));
      profiler.disconnect();
      options.log(`  CPU profile of the delivery window: ${options.cpuProfilePath}`);
    }
    const appRequire = createRequire(path.join(process.cwd(), "package.json"));
    const developmentReact = Object.keys(appRequire.cache).filter((file) => /react(-dom)?\/cjs\/.*development/.test(file));
    if (options.reactProductionBuilds && developmentReact.length > 0) problems.push(`React development builds were loaded: ${developmentReact.join(", ")}`);
    options.log(
      `  ${deliveries} deliveries in ${seconds.toFixed(1)} s (${serverErrors} answered 5xx and were redelivered); CPU ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms in this process (user ${(cpu.user / 1000).toFixed(0)}), ${postgresCpuMs === null ? "n/a" : postgresCpuMs.toFixed(0)} ms in PostgreSQL, ${emulatorCpuMs === null ? "n/a" : emulatorCpuMs.toFixed(0)} ms in the emulator${mailCpuMs === null ? "" : `, ${mailCpuMs.toFixed(0)} ms in the fake Resend`}`,
    );
    if (cpuByKind)
      for (const [kind, { count, ms }] of [...cpuByKind].sort((a, b) => b[1].ms - a[1].ms))
        options.log(`    ${kind.padEnd(50)} ×${String(count).padStart(5)}  ${(ms / count).toFixed(2)} ms each, ${ms.toFixed(0)} ms in all`);
    for (const [cause, count] of Object.entries(serverErrorCauses).sort((a, b) => b[1] - a[1])) options.log(`    5xx ×${count}: ${cause}`);

    // ── 3. Ground truth from the emulator ──
    options.log("  comparing with the emulator's records…");
    const sessions = await all(sdk.checkout.sessions.list({ limit: 100 }));
    const charges = await all(sdk.charges.list({ limit: 100 }));
    const succeeded = charges.filter((charge) => charge.status === "succeeded");
    const refundedByPaymentIntent = new Map(succeeded.map((charge) => [String(charge.payment_intent), charge.amount_refunded]));
    const methodByPaymentIntent = new Map(succeeded.map((charge) => [String(charge.payment_intent), charge.payment_method_details?.type ?? "card"]));
    const invoices = await all(sdk.invoices.list({ limit: 100, status: "paid", expand: ["data.payments"] }));
    const subscriptions = await all(sdk.subscriptions.list({ limit: 100, status: "all", expand: ["data.customer"] }));
    const subscriptionById = new Map(subscriptions.map((subscription) => [subscription.id, subscription]));
    const emailOfCustomer = (customer: Stripe.Subscription["customer"]) =>
      typeof customer === "object" && customer && "email" in customer ? (customer.email ?? "") : "";

    const expected: ExpectedGift[] = [];
    for (const session of sessions) {
      if (session.mode !== "payment" || session.payment_status !== "paid") continue;
      const gift = decodeGiftMetadata(session.metadata)!;
      expected.push({
        key: session.id,
        campaignId: gift.campaignId,
        currency: session.currency!.toUpperCase(),
        kind: "one_off",
        amount: session.amount_total!,
        refundedAmount: refundedByPaymentIntent.get(String(session.payment_intent)) ?? 0,
        email: (session.customer_details?.email ?? session.customer_email ?? "").toLowerCase(),
        method: methodByPaymentIntent.get(String(session.payment_intent)) ?? "card",
      });
    }
    for (const invoice of invoices) {
      if (invoice.amount_paid <= 0) continue;
      const subscriptionRef = invoice.parent?.subscription_details?.subscription;
      const subscription = subscriptionById.get(typeof subscriptionRef === "string" ? subscriptionRef : (subscriptionRef?.id ?? ""));
      if (!subscription) throw new Error(`paid invoice ${invoice.id} has no subscription`);
      const gift = decodeGiftMetadata(subscription.metadata)!;
      const paymentIntent = invoice.payments?.data.find((payment) => payment.status === "paid")?.payment.payment_intent;
      expected.push({
        key: invoice.id!,
        campaignId: gift.campaignId,
        currency: invoice.currency.toUpperCase(),
        kind: "recurring",
        amount: invoice.amount_paid,
        refundedAmount: paymentIntent ? (refundedByPaymentIntent.get(typeof paymentIntent === "string" ? paymentIntent : paymentIntent.id) ?? 0) : 0,
        email: emailOfCustomer(subscription.customer).toLowerCase(),
        method: (paymentIntent ? methodByPaymentIntent.get(typeof paymentIntent === "string" ? paymentIntent : paymentIntent.id) : undefined) ?? "card",
      });
    }

    // Offline gifts: what staff finally left standing (a voided one is expected as a row, in no total).
    const voidedKeys = new Set<string>();
    for (const plan of offlinePlans) {
      const key = `offline:${plan.entryKey}`;
      if (plan.voided) {
        voidedKeys.add(key);
        continue;
      }
      const campaignId = plan.correction?.campaignId ?? plan.input.campaignId;
      expected.push({
        key,
        campaignId,
        currency: givable.find((row) => row.id === campaignId)!.currency,
        kind: "one_off",
        amount: plan.correction?.amount ?? plan.input.amount,
        refundedAmount: 0,
        email: plan.input.donorEmail,
        receiptKey: plan.input.donorEmail ? `offline-receipt:${plan.entryKey}` : null,
      });
    }

    // ── 4. Gift rows against the ground truth ──
    const rows = await db.select().from(schema.donations);
    const donorEmails = new Map(
      (await db.select({ id: schema.donors.id, email: schema.donors.email }).from(schema.donors)).map((donor) => [donor.id, donor.email]),
    );
    const rowsByKey = new Map<string, (typeof rows)[number][]>();
    for (const row of rows) {
      const key = giftKey(row);
      rowsByKey.set(key, [...(rowsByKey.get(key) ?? []), row]);
    }
    let missingGifts = 0;
    let duplicatedGifts = 0;
    let wrongAmounts = 0;
    const expectedKeys = new Set([...expected.map((gift) => gift.key), ...voidedKeys]);
    for (const key of voidedKeys) {
      const found = rowsByKey.get(key) ?? [];
      if (found.length === 0) missingGifts += 1;
      if (found.length > 1) duplicatedGifts += found.length - 1;
      if (found[0] && !found[0].voidedAt) {
        wrongAmounts += 1;
        if (problems.length < 20) problems.push(`offline gift ${key} should be void`);
      }
    }
    for (const gift of expected) {
      const found = rowsByKey.get(gift.key) ?? [];
      if (found.length === 0) {
        missingGifts += 1;
        if (problems.length < 20) problems.push(`missing gift ${gift.key}`);
        continue;
      }
      if (found.length > 1) duplicatedGifts += found.length - 1;
      const row = found[0]!;
      const same =
        row.amount === gift.amount &&
        row.refundedAmount === gift.refundedAmount &&
        row.currency === gift.currency &&
        row.campaignId === gift.campaignId &&
        row.kind === gift.kind &&
        row.voidedAt === null &&
        (gift.method === undefined || row.method === gift.method) &&
        donorEmails.get(row.donorId) === gift.email;
      if (!same) {
        wrongAmounts += 1;
        if (problems.length < 20)
          problems.push(
            `gift ${gift.key}: row ${row.amount}/${row.refundedAmount} ${row.currency} ${row.kind} ${row.method}, Stripe ${gift.amount}/${gift.refundedAmount} ${gift.currency} ${gift.kind} ${gift.method ?? ""}`,
          );
      }
    }
    // Gifts in flight: every bank debit (one-off, or a monthly gift's instalment) has one row, settled as Stripe settled it.
    const inFlightRows = await db.select().from(schema.giftsInFlight);
    const inFlightByKey = new Map<string, (typeof inFlightRows)[number][]>();
    for (const row of inFlightRows) {
      const key = row.stripeInvoiceId ?? row.stripeCheckoutSessionId ?? "";
      inFlightByKey.set(key, [...(inFlightByKey.get(key) ?? []), row]);
    }
    const bankCharges = charges.filter(
      (charge) => charge.payment_method_details?.type === "us_bank_account" || charge.payment_method_details?.type === "sepa_debit",
    );
    const bankPaymentIntents = new Set(bankCharges.map((charge) => String(charge.payment_intent)));
    const allInvoices = await all(sdk.invoices.list({ limit: 100, expand: ["data.payments"] }));
    const wantedInFlight = new Map<string, "succeeded" | "failed">();
    for (const session of sessions) {
      if (session.mode === "payment" && session.status === "complete" && bankPaymentIntents.has(String(session.payment_intent)))
        wantedInFlight.set(session.id, session.payment_status === "paid" ? "succeeded" : "failed");
    }
    for (const invoice of allInvoices) {
      const intents = (invoice.payments?.data ?? []).map((payment) => String(payment.payment.payment_intent));
      if (intents.some((intent) => bankPaymentIntents.has(intent))) wantedInFlight.set(invoice.id!, invoice.status === "paid" ? "succeeded" : "failed");
    }
    let wrongGiftsInFlight = inFlightRows.filter((row) => !wantedInFlight.has(row.stripeInvoiceId ?? row.stripeCheckoutSessionId ?? "")).length;
    for (const [key, status] of wantedInFlight) {
      const found = inFlightByKey.get(key) ?? [];
      if (found.length === 1 && found[0]!.status === status) continue;
      wrongGiftsInFlight += 1;
      if (problems.length < 20) problems.push(`gift in flight ${key}: ${found.map((row) => row.status).join(",") || "no row"}, Stripe ${status}`);
    }
    const unexpectedGifts = rows.filter((row) => !expectedKeys.has(giftKey(row))).length;
    // Receipt numbers: each year's gifts hold exactly 1…n, and the year's counter says n.
    const counters = new Map((await db.select().from(schema.receiptCounters)).map((row) => [row.year, row.lastNumber]));
    const sequencesByYear = new Map<number, number[]>();
    let receiptNumberFaults = 0;
    for (const row of rows) {
      if (row.receiptYear === null || row.receiptSequence === null) {
        receiptNumberFaults += 1;
        continue;
      }
      sequencesByYear.set(row.receiptYear, [...(sequencesByYear.get(row.receiptYear) ?? []), row.receiptSequence]);
    }
    for (const [year, sequences] of sequencesByYear) {
      sequences.sort((a, b) => a - b);
      const wrong = sequences.filter((sequence, index) => sequence !== index + 1).length + (counters.get(year) === sequences.length ? 0 : 1);
      if (wrong > 0 && problems.length < 20)
        problems.push(`receipt numbers ${year}: ${sequences.length} gifts, counter ${counters.get(year)}, sequences ${sequences.slice(0, 10).join(",")}…`);
      receiptNumberFaults += wrong;
    }

    // ── 5. Receipts: one per gift, each delivered once ──
    options.log("  gift rows compared; checking receipts and totals…");
    const unsentBeforeSweep = (await db.select({ status: schema.sentEmails.status }).from(schema.sentEmails)).filter((row) => row.status !== "sent").length;
    options.log(`  ${unsentBeforeSweep} emails unsent; sweeping the outbox…`);
    // What the app's outbox worker does for sends cut short (e.g. by the connection cut), with its
    // clock moved on: retries waiting out a backoff are due, and claims lost with a connection are
    // released (the worker does that after its stale limit). A resend under the same key is
    // dropped by the mailbox, as Resend drops it.
    await db
      .update(schema.sentEmails)
      .set({ status: "pending", nextAttemptAt: new Date(0), claimedAt: null })
      .where(inArray(schema.sentEmails.status, ["pending", "sending"]));
    await deliverQueuedEmails(db, { limit: 1_000_000 });
    const emailRows = await db
      .select({ key: schema.sentEmails.idempotencyKey, to: schema.sentEmails.toAddress, status: schema.sentEmails.status })
      .from(schema.sentEmails);
    const sentReceiptKeys = new Set(emailRows.filter((row) => row.status === "sent").map((row) => row.key));
    const receiptsMissing = expected.filter((gift) => {
      const key = gift.receiptKey === undefined ? `receipt:${gift.key}` : gift.receiptKey;
      return key !== null && !sentReceiptKeys.has(key);
    }).length;
    const sentPerAddress = new Map<string, number>();
    for (const row of emailRows) if (row.status === "sent") sentPerAddress.set(row.to.toLowerCase(), (sentPerAddress.get(row.to.toLowerCase()) ?? 0) + 1);
    const mailboxPerAddress = new Map<string, number>();
    if (fakeResend) for (const [address, count] of await fakeResend.perAddress()) mailboxPerAddress.set(address, count);
    else
      for (const message of await db.select({ to: schema.devMailboxMessages.toAddress }).from(schema.devMailboxMessages)) {
        mailboxPerAddress.set(message.to, (mailboxPerAddress.get(message.to) ?? 0) + 1);
      }
    let receiptsSentTwice = 0;
    for (const [address, delivered] of mailboxPerAddress) receiptsSentTwice += Math.max(0, delivered - (sentPerAddress.get(address) ?? 0));

    // ── 6. Totals: the ledger against sums over the emulator's payments and subscriptions ──
    type Sums = {
      gross: number;
      refunded: number;
      net: number;
      gifts: number;
      oneOff: number;
      monthly: number;
      donors: Set<string>;
      mrr: number;
      monthlyDonors: Set<string>;
    };
    const expectedTotals = new Map<string, Sums>();
    const sumsFor = (campaignId: string, currency: string) => {
      const key = `${campaignId}|${currency}`;
      let sums = expectedTotals.get(key);
      if (!sums)
        expectedTotals.set(
          key,
          (sums = { gross: 0, refunded: 0, net: 0, gifts: 0, oneOff: 0, monthly: 0, donors: new Set(), mrr: 0, monthlyDonors: new Set() }),
        );
      return sums;
    };
    for (const gift of expected) {
      const sums = sumsFor(gift.campaignId, gift.currency);
      const net = gift.amount - gift.refundedAmount;
      sums.gross += gift.amount;
      sums.refunded += gift.refundedAmount;
      sums.net += net;
      if (gift.kind === "one_off") sums.oneOff += net;
      else sums.monthly += net;
      if (net > 0) {
        sums.gifts += 1;
        // A donor without an address is a donor of that gift alone.
        sums.donors.add(gift.email ?? `no-address:${gift.key}`);
      }
    }
    for (const subscription of subscriptions) {
      // MRR counts what Stripe will charge again (past due included while it retries; ending gifts not).
      const cancelAt = subscription.cancel_at ? new Date(subscription.cancel_at * 1000) : null;
      if (!willChargeAgain({ status: subscription.status, cancelAtPeriodEnd: subscription.cancel_at_period_end, cancelAt })) continue;
      const gift = decodeGiftMetadata(subscription.metadata)!;
      const item = subscription.items.data[0]!;
      const sums = sumsFor(gift.campaignId, subscription.currency.toUpperCase());
      sums.mrr += (item.price.unit_amount ?? 0) * (item.quantity ?? 1);
      sums.monthlyDonors.add(emailOfCustomer(subscription.customer).toLowerCase());
    }
    options.log("  receipts checked; comparing totals…");
    const ledger = await readLedgerTotals(db);
    let wrongTotals = 0;
    for (const [key, sums] of expectedTotals) {
      const [campaignId, currency] = key.split("|");
      const kept = ledger.campaigns.find((row) => row.campaignId === campaignId && row.currency === currency);
      const pairs: [string, number, number][] = [
        ["gross", kept?.grossAmount ?? 0, sums.gross],
        ["refunded", kept?.refundedAmount ?? 0, sums.refunded],
        ["net", kept?.netAmount ?? 0, sums.net],
        ["gifts", kept?.giftCount ?? 0, sums.gifts],
        ["one-off", kept?.oneOffAmount ?? 0, sums.oneOff],
        ["monthly", kept?.monthlyAmount ?? 0, sums.monthly],
        ["donors", kept?.donorCount ?? 0, sums.donors.size],
        ["MRR", kept?.monthlyRecurringRevenue ?? 0, sums.mrr],
        ["active monthly donors", kept?.activeMonthlyDonors ?? 0, sums.monthlyDonors.size],
      ];
      for (const [figure, actual, wanted] of pairs) {
        if (actual === wanted) continue;
        wrongTotals += 1;
        if (problems.length < 20) problems.push(`total ${key} ${figure}: ledger ${actual}, Stripe ${wanted}`);
      }
    }
    // With the fee half of ledger:verify: every fee recorded under chaos is the one Stripe's balance transactions report.
    const differences = [...(await verifyLedger(db)), ...(await verifyFeesAgainstStripe(db, sdk))];
    if (differences.length > 0) problems.push(`ledger:verify\n${formatDifferences(differences, 10)}`);

    return {
      database: database.label,
      payments: options.payments,
      events: events.length,
      deliveries,
      serverErrors,
      serverErrorCauses,
      injectedFaults: faults.injected(),
      connectionsCut: database.cutConnections && options.cutConnection ? connectionsCut : null,
      abandonedDeliveries: abandoned + (emulatorDrain?.gaveUp ?? 0),
      emulatorDeliveries: emulatorDrain?.tries ?? 0,
      emulatorDuplicates: emulatorDrain?.duplicates ?? 0,
      emulatorServerErrors,
      emulatorDeliverySeed: emulatorDrain?.seed ?? null,
      seconds,
      deliveriesPerSecond: deliveries / seconds,
      eventsPerSecond: events.length / seconds,
      cpuMsPerDelivery: (cpu.user + cpu.system) / 1000 / deliveries,
      emulatorCpuMsPerDelivery: emulatorCpuMs === null ? null : emulatorCpuMs / deliveries,
      mailCpuMsPerDelivery: mailCpuMs === null ? null : mailCpuMs / deliveries,
      statementsPerDelivery: statementCount === null ? null : statementCount / deliveries,
      postgresCpuMsPerDelivery: postgresCpuMs === null ? null : postgresCpuMs / deliveries,
      expectedGifts: expected.length,
      giftRows: rows.length,
      missingGifts,
      duplicatedGifts,
      unexpectedGifts,
      wrongAmounts,
      bankDebits,
      wrongGiftsInFlight,
      giftsInFlightChecked: wantedInFlight.size,
      receiptsMissing,
      receiptNumberFaults,
      unsentBeforeSweep,
      receiptsSentTwice,
      offlineGifts: offlinePlans.length,
      offlineCorrections: offlinePlans.filter((plan) => plan.correction).length,
      offlineVoids: offlinePlans.filter((plan) => plan.voided).length,
      offlineRetries,
      totalsCompared: expectedTotals.size,
      wrongTotals,
      ledgerDifferences: differences.length,
      problems,
    };
  } finally {
    stopProductionLogs?.();
    await closeApp?.().catch(() => undefined);
    await closeEmulator?.().catch(() => undefined);
    await closeMail?.().catch(() => undefined);
    await database.drop();
  }
}

/** Every count the chaos run requires to be zero. */
export function failedCounts(report: ChaosReport): string[] {
  const counts: [string, number][] = [
    ["missing gifts", report.missingGifts],
    ["duplicated gifts", report.duplicatedGifts],
    ["unexpected gifts", report.unexpectedGifts],
    ["wrong amounts", report.wrongAmounts],
    ["gifts in flight wrong or missing", report.wrongGiftsInFlight],
    ["receipts missing", report.receiptsMissing],
    ["receipt number gaps, duplicates or missing", report.receiptNumberFaults],
    ["receipts sent twice", report.receiptsSentTwice],
    ["wrong totals", report.wrongTotals],
    ["ledger:verify differences", report.ledgerDifferences],
    ["deliveries given up", report.abandonedDeliveries],
  ];
  return counts.filter(([, value]) => value !== 0).map(([name, value]) => `${name}: ${value}`);
}

/** The hosted page's fields for paying by bank debit in this currency (Stripe's test accounts), or null where Checkout offers none. */
function bankDebitFields(currency: string, fails: boolean): Record<string, string> | null {
  if (currency === "USD") return { payment_method: "us_bank_account", routing_number: "110000000", account_number: fails ? "000111111113" : "000123456789" };
  if (currency === "EUR") return { payment_method: "sepa_debit", iban: fails ? "DE62370400440532013001" : "DE89370400440532013000" };
  return null;
}
