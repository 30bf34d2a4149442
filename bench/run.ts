/**
 * `npm run bench`: how the public pages hold up under many readers, gifts landing, several
 * instances and a caching proxy — every figure next to its baseline from the same run, because
 * this machine is shared and noisy: the ratios are the result, not the absolute numbers.
 *
 * Builds into .next-bench (then precompresses its static files, as `npm run build` does), makes a throwaway PostgreSQL database (BENCH_DATABASE_URL, else
 * TEST_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/postgres; local hosts only),
 * starts two `next start` instances on it, a bare Node server with the campaign page's bytes,
 * and nginx (Debian's package; installed if missing and we are root) as a micro-cache in front
 * of both instances — all on 127.0.0.1, all stopped at the end. Prints one table and writes
 * bench/results.json; a full run also writes the table into docs/performance.md.
 *
 *   npm run bench                      # the full run (about 5 minutes plus the build)
 *   npm run bench -- --smoke           # seconds, not minutes: that it all still works (CI)
 *
 * Then runs the admin dashboard's benchmark (bench/dashboard.ts; BENCH_DASHBOARD=0 skips it) and
 * the webhook ingestion benchmark (npm run bench:webhooks; BENCH_WEBHOOKS=0 skips it).
 *
 * BENCH_PORT (default 3190; uses it and the next five), BENCH_SECONDS (load per row, default 8),
 * BENCH_CONNECTIONS (default 50), BENCH_DIST_DIR + BENCH_SKIP_BUILD=1 to reuse a build.
 * BENCH_ROWS runs only some groups of rows, comma-separated (default all): `throughput` (raw,
 * static, campaign and home pages, and the rows with gifts landing), `freshness`, `nginx` (with
 * the JavaScript counted through the proxy), `js` (JavaScript direct from the app), `lighthouse`; e.g. BENCH_ROWS=throughput,freshness BENCH_DASHBOARD=0 BENCH_WEBHOOKS=0 to compare
 * a change to the gift path with its baseline.
 *
 * Gifts at 20/s cost the instance CPU whatever page readers ask for, so that row has two
 * baselines: the static page at rest (the target, ≥ 0.9×) and the static page while the same
 * gifts land (in its note: how much slower gifts make the campaign page than other pages). A
 * third instance with LANTERN_ROLE=webhooks (BENCH_PORT + 5) then takes the same 20 gifts/s while
 * readers load instance A: the reader row with and without the webhooks on the read instance.
 */
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { brotliCompressSync, gzipSync } from "node:zlib";
import autocannon from "autocannon";
import pg from "pg";
import { chromium } from "@playwright/test";
import { lighthouseScores } from "./support/lighthouse";
import { centsOf, payGift, payGiftsAtRate, raisedOn, rememberEmulatorKeyOf } from "./support/gifts";
import { ensureNginx, writeNginxConfig } from "./support/nginx";
import { precompressStatic } from "../lib/build/precompress-static.mjs";
import { sleep, startProcess, stopAll, stopProcess, waitForUrl } from "./support/processes";
import { markdownTable, replaceResultsSection, RESULTS_DOCUMENT, resultsSection, type ResultRow } from "./support/results-section";
import { describeError } from "../lib/errors/describe-error";
import { E2E_BUILD_SETTINGS } from "../tests/e2e/support/e2e-server";

const SMOKE = process.argv.includes("--smoke") || process.env.BENCH_SMOKE === "1";
const SECONDS = Number(process.env.BENCH_SECONDS ?? (SMOKE ? 1 : 8));
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? (SMOKE ? 10 : 50));
const FRESHNESS_SAMPLES = SMOKE ? 3 : 20;
const PORT = Number(process.env.BENCH_PORT ?? 3190);
const [PORT_A, PORT_B, PORT_RAW, PORT_NGINX, PORT_DEVTOOLS, PORT_WEBHOOKS] = [PORT, PORT + 1, PORT + 2, PORT + 3, PORT + 4, PORT + 5];
/** The instance with LANTERN_ROLE=webhooks (docs/operations.md, "Process roles"): its emulator's gifts are recorded there, never where readers are. */
const WEBHOOKS = `http://127.0.0.1:${PORT_WEBHOOKS}`;
const A = `http://127.0.0.1:${PORT_A}`;
const B = `http://127.0.0.1:${PORT_B}`;
const DIST_DIR = process.env.BENCH_DIST_DIR ?? ".next-bench";
const WORK_DIR = path.resolve(".data", `bench-${PORT}`);
const CAMPAIGN_SLUG = "foreign-media-in-north-korea";
const CAMPAIGN = `/campaigns/${CAMPAIGN_SLUG}`;
const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "::1", "[::1]"]);
const ROW_GROUPS = ["throughput", "freshness", "nginx", "js", "lighthouse"] as const;
const ROWS = new Set(
  (process.env.BENCH_ROWS ?? ROW_GROUPS.join(","))
    .split(",")
    .map((group) => group.trim())
    .filter(Boolean),
);
for (const group of ROWS) {
  if (!(ROW_GROUPS as readonly string[]).includes(group)) throw new Error(`BENCH_ROWS: unknown group "${group}" (known: ${ROW_GROUPS.join(", ")})`);
}

interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}
type Row = ResultRow;

async function load(url: string): Promise<LoadResult> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS });
  return {
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx + result.timeouts,
  };
}

function get(url: string): Promise<{ status: number; body: Buffer }> {
  // Plain http.get: no Accept-Encoding, so the same bytes autocannon receives.
  return new Promise((resolve, reject) => {
    http
      .get(url, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks) }));
      })
      .on("error", reject);
  });
}

async function raisedCents(origin: string): Promise<number> {
  const raised = raisedOn((await get(`${origin}${CAMPAIGN}`)).body.toString());
  if (!raised) throw new Error(`no raised figure on ${origin}${CAMPAIGN}`);
  return centsOf(raised);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)]!;

/** Gift paid (the emulator took the payment) → `watch` shows it; ms for each of `samples` gifts. */
async function freshness(watch: string, campaignId: string, samples: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const before = await raisedCents(watch);
    await payGift(A, campaignId, 100);
    const paidAt = performance.now();
    while ((await raisedCents(watch)) < before + 100) {
      if (performance.now() - paidAt > 10_000) throw new Error(`gift not shown on ${watch} within 10 s`);
      await sleep(5);
    }
    times.push(Math.round(performance.now() - paidAt));
  }
  return times;
}

/** While gifts land: how far behind the origin the proxy's page ever was (ms). */
function watchStaleness(origin: string, proxy: string): { stop: () => Promise<number> } {
  const originChanges: { at: number; cents: number }[] = [];
  let worst = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const [originCents, proxyCents] = await Promise.all([raisedCents(origin), raisedCents(proxy)]);
      const now = performance.now();
      if (originChanges.length === 0 || originCents > originChanges.at(-1)!.cents) originChanges.push({ at: now, cents: originCents });
      // The proxy is stale from the moment the origin first showed more than the proxy shows.
      const newer = originChanges.find((change) => change.cents > proxyCents);
      if (newer) worst = Math.max(worst, now - newer.at);
      await sleep(50);
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return Math.round(worst);
    },
  };
}

/** Bytes of the scripts a page loads as they came over the wire, and how many came in each encoding. */
async function clientScripts(url: string): Promise<{ bytes: number; encodings: string }> {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
  try {
    const page = await browser.newPage();
    const scripts: Promise<{ bytes: number; encoding: string }>[] = [];
    page.on("requestfinished", (request) => {
      if (request.resourceType() !== "script") return;
      scripts.push(
        Promise.all([request.sizes(), request.response()]).then(([sizes, response]) => ({
          bytes: sizes.responseBodySize,
          encoding: response?.headers()["content-encoding"] ?? "identity",
        })),
      );
    });
    await page.goto(url, { waitUntil: "networkidle" });
    const all = await Promise.all(scripts);
    const counts = new Map<string, number>();
    for (const { encoding } of all) counts.set(encoding, (counts.get(encoding) ?? 0) + 1);
    return { bytes: all.reduce((sum, script) => sum + script.bytes, 0), encodings: [...counts].map(([encoding, count]) => `${count} ${encoding}`).join(", ") };
  } finally {
    await browser.close();
  }
}

async function createDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const admin = new URL(process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres");
  if (!LOCAL_HOSTS.has(admin.hostname)) throw new Error(`Refusing to benchmark against non-local database host "${admin.hostname}".`);
  const name = `lantern_bench_pages_${PORT}`;
  const run = async (statement: string) => {
    const client = new pg.Client({ connectionString: admin.toString() });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await run(`drop database if exists ${name} with (force)`);
  await run(`create database ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`drop database if exists ${name} with (force)`) };
}

/** Pages and data an earlier run cached in the build folder belong to another database. */
function clearRuntimeCache(): void {
  for (const dir of [
    ["cache", "fetch-cache"],
    ["server", "route-cache"],
  ])
    fs.rmSync(path.resolve(DIST_DIR, ...dir), { recursive: true, force: true });
}

const BENCH_AUTH_SECRET = randomBytes(32).toString("base64url");

function startInstance(port: number, databaseUrl: string, label: string, role = "all") {
  const dataDir = path.join(WORK_DIR, `instance-${label}`);
  fs.rmSync(dataDir, { recursive: true, force: true });
  return startProcess(
    `instance ${label}`,
    "node_modules/.bin/next",
    ["start", "-p", String(port), "-H", "127.0.0.1"],
    {
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      NEXT_DIST_DIR: DIST_DIR,
      LANTERN_DATA_DIR: dataDir,
      APP_URL: `http://127.0.0.1:${port}`,
      DATABASE_URL: databaseUrl,
      STRIPE_SECRET_KEY: "",
      STRIPE_WEBHOOK_SECRET: "",
      RESEND_API_KEY: "",
      // A production build on the emulator runs only as a public demo; instances share one AUTH_SECRET.
      LANTERN_TEST_MODE: "demo",
      AUTH_SECRET: BENCH_AUTH_SECRET,
      DEV_MAILBOX: "",
      LANTERN_ROLE: role,
    },
    path.join(WORK_DIR, `instance-${label}.log`),
  );
}

function ratio(value: number | undefined, base: number | undefined): number | undefined {
  return value !== undefined && base ? Math.round((value / base) * 100) / 100 : undefined;
}

function printTable(rows: Row[]): void {
  for (const line of markdownTable(rows)) console.log(line);
}

/** Runs one of the project's other benchmarks as a child and keeps its printed lines. */
function childBenchmark(args: string[], smokeEnv: Record<string, string>, always: Record<string, string> = {}): Promise<string[]> {
  const env = { ...process.env, ...always, ...(SMOKE ? smokeEnv : {}) };
  return new Promise((resolve) => {
    execFile("node_modules/.bin/tsx", args, { env, timeout: 900_000, maxBuffer: 8 << 20 }, (error, stdout) => {
      const lines = stdout.split("\n").filter((line) => line.trim() !== "" && !line.startsWith("CHAOS_REPORT "));
      resolve(error ? [...lines, `(benchmark failed: ${error.message.split("\n")[0]})`] : lines);
    });
  });
}

async function main(): Promise<void> {
  fs.mkdirSync(WORK_DIR, { recursive: true });
  if (process.env.BENCH_SKIP_BUILD !== "1") {
    // The build the e2e suites use (scripts/cached-build.mjs, with the same build settings): CI
    // builds once for both. A copy of it goes to DIST_DIR, where this run's servers write pages.
    console.log(`[bench] build: a copy in ${DIST_DIR} of the tests' build`);
    const build = startProcess("build", process.execPath, ["scripts/cached-build.mjs", DIST_DIR], { ...E2E_BUILD_SETTINGS }, path.join(WORK_DIR, "build.log"));
    const code = await new Promise<number | null>((resolve) => build.on("exit", resolve));
    if (code !== 0) throw new Error(`the build failed; see ${path.join(WORK_DIR, "build.log")}`);
    console.log(`[bench] ${fs.readFileSync(path.join(WORK_DIR, "build.log"), "utf8").includes("reusing it") ? "reused the tests' build" : "built"}`);
  }
  // What `npm run build`'s postbuild does; also for a reused build (it skips copies already there).
  const precompressed = await precompressStatic(DIST_DIR);
  console.log(`[bench] precompressed ${precompressed.files} static files (${precompressed.written} written)`);
  clearRuntimeCache();
  const database = await createDatabase();
  const rows: Row[] = [];
  const rowNamed = (key: string) => rows.find((row) => row.key === key);
  const missing: string[] = [];
  const started = Date.now();
  const loadAtStart = os.loadavg()[0] ?? 0;
  try {
    startInstance(PORT_A, database.url, "a");
    await waitForUrl(`${A}/api/health`);
    await rememberEmulatorKeyOf(A, path.join(WORK_DIR, "instance-a"));
    startInstance(PORT_B, database.url, "b"); // after A: A migrates and seeds the new database
    await waitForUrl(`${B}/api/health`);
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const campaignId = (await client.query<{ id: string }>("select id from campaigns where slug = $1", [CAMPAIGN_SLUG])).rows[0]?.id;
    await client.end();
    if (!campaignId) throw new Error("the seeded campaign is missing");
    for (const origin of [A, B]) for (const page of [CAMPAIGN, "/", "/privacy"]) await get(`${origin}${page}`); // warm both caches

    const campaignBytes = (await get(`${A}${CAMPAIGN}`)).body;
    const rawFile = path.join(WORK_DIR, "campaign-page.html");
    fs.writeFileSync(rawFile, campaignBytes);
    startProcess(
      "raw server",
      process.execPath,
      ["--import", "tsx", "bench/support/raw-server.ts"],
      { BENCH_RAW_FILE: rawFile, BENCH_RAW_PORT: String(PORT_RAW) },
      path.join(WORK_DIR, "raw.log"),
    );
    await waitForUrl(`http://127.0.0.1:${PORT_RAW}/`);
    console.log(`[bench] ${SECONDS}s per row, ${CONNECTIONS} connections, 127.0.0.1, ${os.cpus().length} CPUs, load average ${os.loadavg()[0]!.toFixed(1)}`);

    let expectedCents = await raisedCents(A);
    /** Gifts at `perSecond` while `url` is under load; then waits until every gift paid so far shows, so rows do not overlap. */
    async function loadWhileGiftsLand(
      url: string,
      perSecond: number,
      payAt: string = A,
    ): Promise<LoadResult & { paid: number; failed: number; behind: number; caughtUpMs: number }> {
      const gifts = payGiftsAtRate(payAt, campaignId!, perSecond);
      const busy = await load(url);
      const { paid, failed } = await gifts.stop();
      expectedCents += paid * 100;
      // Webhooks are delivered one at a time: how far behind the page was when the row ended.
      const shownAtEnd = await raisedCents(A);
      const behind = Math.max(0, Math.round((expectedCents - shownAtEnd) / 100));
      const waitStarted = Date.now();
      while ((await raisedCents(A)) < expectedCents && Date.now() - waitStarted < 120_000) await sleep(200);
      return { ...busy, paid, failed, behind, caughtUpMs: Date.now() - waitStarted };
    }
    const giftNote = (gifts: { paid: number; failed: number; behind: number; caughtUpMs: number }) =>
      `${gifts.paid} gifts paid${gifts.failed ? `, ${gifts.failed} failed` : ""}` +
      (gifts.behind > 0
        ? `; ${gifts.behind} not yet shown at the row's end (shown ${(gifts.caughtUpMs / 1000).toFixed(1)} s later)`
        : "; all shown by the row's end");

    if (ROWS.has("throughput")) {
      console.log("[bench] throughput rows");
      const raw = await load(`http://127.0.0.1:${PORT_RAW}/`);
      rows.push({ key: "raw", name: `raw Node server, campaign page bytes (${campaignBytes.length} B)`, ...raw });
      const staticPage = await load(`${A}/privacy`);
      rows.push({ key: "static", name: "static page (/privacy)", ...staticPage });
      const campaign = await load(`${A}${CAMPAIGN}`);
      rows.push({ name: "campaign page", ...campaign, target: "≥ 0.95× static", met: campaign.rps >= 0.95 * staticPage.rps });
      const home = await load(`${A}/`);
      rows.push({ name: "home page", ...home });
      for (const perSecond of [5, 20]) {
        const busy = await loadWhileGiftsLand(`${A}${CAMPAIGN}`, perSecond);
        rows.push({
          key: `campaign-gifts-${perSecond}`,
          name: `campaign page, gifts landing at ${perSecond}/s`,
          ...busy,
          note: giftNote(busy),
          ...(perSecond === 20 ? { target: "≥ 0.9× static", met: busy.rps >= 0.9 * staticPage.rps } : {}),
        });
      }
      // The second baseline: the same gift load on a page that gifts do not change.
      const staticBusy = await loadWhileGiftsLand(`${A}/privacy`, 20);
      rows.push({ key: "static-gifts-20", name: "static page, gifts landing at 20/s", ...staticBusy, note: giftNote(staticBusy) });
      // The same gifts recorded by a webhooks-only instance (same machine, same database): what
      // readers of A gain when A no longer handles the webhooks itself.
      startInstance(PORT_WEBHOOKS, database.url, "webhooks", "webhooks");
      await waitForUrl(`${WEBHOOKS}/api/health`);
      await rememberEmulatorKeyOf(WEBHOOKS, path.join(WORK_DIR, "instance-webhooks"));
      const apart = await loadWhileGiftsLand(`${A}${CAMPAIGN}`, 20, WEBHOOKS);
      const shared = rowNamed("campaign-gifts-20");
      rows.push({
        key: "campaign-gifts-20-webhooks-apart",
        name: "campaign page, gifts landing at 20/s on a webhooks-only instance",
        ...apart,
        note: `${giftNote(apart)}; ${ratio(apart.rps, shared?.rps) ?? "?"}× the row with the webhooks on the read instance`,
        target: "≥ 0.9× static",
        met: apart.rps >= 0.9 * staticPage.rps,
      });
    }

    if (ROWS.has("freshness")) {
      // Every gift paid so far is on the page (the rows above wait for it): freshness starts clean.
      console.log("[bench] freshness rows");
      for (const [label, watch] of [
        ["one instance", A],
        ["across two instances", B],
      ] as const) {
        const times = await freshness(watch, campaignId, FRESHNESS_SAMPLES);
        rows.push({
          name: `freshness, ${label} (gift paid → page shows it)`,
          note: `median ${median(times)} ms, max ${Math.max(...times)} ms of ${times.length}`,
          target: "< 1000 ms",
          met: Math.max(...times) < 1000,
        });
      }
    }

    let proxyScriptRow: Row | undefined;
    const nginx = ROWS.has("nginx") ? (console.log("[bench] nginx rows"), ensureNginx()) : null;
    if (nginx) {
      const config = writeNginxConfig(path.join(WORK_DIR, "nginx"), PORT_NGINX, [PORT_A, PORT_B], path.join(DIST_DIR, "static"), nginx);
      const proxy = startProcess(
        "nginx",
        nginx.binary,
        ["-e", path.join(WORK_DIR, "nginx", "error.log"), "-c", config.file],
        {},
        path.join(WORK_DIR, "nginx.log"),
      );
      const P = `http://127.0.0.1:${PORT_NGINX}`;
      await waitForUrl(`${P}${CAMPAIGN}`);
      const cached = await load(`${P}${CAMPAIGN}`);
      rows.push({
        name: "campaign page via nginx micro-cache (2 instances)",
        ...cached,
        target: "≥ 0.8× raw",
        met: cached.rps >= 0.8 * (rowNamed("raw")?.rps ?? (await load(`http://127.0.0.1:${PORT_RAW}/`)).rps),
      });
      const gifts = payGiftsAtRate(A, campaignId, 5);
      const staleness = watchStaleness(A, P);
      const busy = await load(`${P}${CAMPAIGN}`);
      const [{ paid }, worst] = await Promise.all([gifts.stop(), staleness.stop()]);
      rows.push({
        name: "  same, gifts landing at 5/s",
        ...busy,
        note: `worst staleness seen ${worst} ms (${paid} gifts)`,
        target: "≤ ~2000 ms",
        met: worst <= 2200,
      });
      // The deployment shape: nginx serves the build's static files precompressed (brotli when
      // the browser accepts it, as Chromium does), so the JavaScript target is counted here.
      try {
        const { bytes, encodings } = await clientScripts(`${P}${CAMPAIGN}`);
        const encoding = config.brotli ? "brotli" : "gzip";
        proxyScriptRow = {
          name: `client JavaScript on the campaign page through the proxy (${encoding})`,
          note: `${(bytes / 1024).toFixed(1)} KB (scripts: ${encodings})${config.brotliMissing ? `; gzip_static only: ${config.brotliMissing}` : ""}`,
          target: "≤ 120 KB",
          met: bytes <= 120 * 1024,
        };
      } catch (error) {
        missing.push(`client JavaScript bytes through the proxy (${describeError(error).split("\n")[0]})`);
      }
      stopProcess(proxy, "SIGQUIT");
    } else if (ROWS.has("nginx")) {
      missing.push("nginx micro-cache rows (nginx not installed and not root to install it)");
    }

    if (ROWS.has("js"))
      try {
        const { bytes, encodings } = await clientScripts(`${A}${CAMPAIGN}`);
        // Informational: gzip, all `next start` sends; the target is on the proxy's row below.
        rows.push({
          name: "client JavaScript on the campaign page direct from the app (gzip, in Chromium)",
          note: `${(bytes / 1024).toFixed(1)} KB (scripts: ${encodings})`,
        });
      } catch (error) {
        missing.push(`client JavaScript bytes direct from the app (${describeError(error).split("\n")[0]})`);
      }

    // Giving from another site (docs/embedding.md): the loader a host page adds, and what its form frame loads.
    if (ROWS.has("js"))
      try {
        const loader = Buffer.from(await (await fetch(`${A}/embed.js`)).arrayBuffer());
        const gzipped = gzipSync(loader, { level: 9 }).length;
        rows.push({
          name: "embed loader /embed.js (gzip)",
          note: `${(gzipped / 1024).toFixed(2)} KB (${loader.length} B uncompressed; brotli ${brotliCompressSync(loader).length} B)`,
          target: "≤ 3 KB",
          met: gzipped <= 3 * 1024,
        });
        const { bytes, encodings } = await clientScripts(`${A}/embed/campaigns/${CAMPAIGN_SLUG}/form`);
        rows.push({
          name: "client JavaScript on the embedded form page direct from the app (gzip, in Chromium)",
          note: `${(bytes / 1024).toFixed(1)} KB (scripts: ${encodings})`,
        });
      } catch (error) {
        missing.push(`embed loader and embedded form JavaScript (${describeError(error).split("\n")[0]})`);
      }

    if (proxyScriptRow) rows.push(proxyScriptRow);

    if (ROWS.has("lighthouse"))
      try {
        console.log("[bench] Lighthouse");
        const pages = SMOKE
          ? [["campaign page", `${A}${CAMPAIGN}`]]
          : [
              ["home page", `${A}/`],
              ["campaign page", `${A}${CAMPAIGN}`],
            ];
        const scores = await lighthouseScores(
          pages.map(([, url]) => url!),
          PORT_DEVTOOLS,
        );
        for (const [name, url] of pages) {
          const score = scores[url!]!;
          rows.push({
            name: `Lighthouse mobile, ${name}`,
            note: `performance ${score.performance}, accessibility ${score.accessibility}, best practices ${score["best-practices"]}, SEO ${score.seo}`,
            target: "100 in all four",
            met: Object.values(score).every((value) => value === 100),
          });
        }
      } catch (error) {
        missing.push(`Lighthouse (${describeError(error).split("\n")[0]})`);
      }
  } finally {
    stopAll();
    await sleep(500);
    await database.drop().catch((error: unknown) => console.error("[bench] could not drop the bench database:", error));
  }

  for (const row of rows) {
    row.vsStatic = row.rps !== undefined ? ratio(row.rps, rowNamed("static")?.rps) : undefined;
    row.vsRaw = row.rps !== undefined ? ratio(row.rps, rowNamed("raw")?.rps) : undefined;
  }
  const campaignAt20 = rowNamed("campaign-gifts-20");
  const staticAt20 = ratio(campaignAt20?.rps, rowNamed("static-gifts-20")?.rps);
  if (campaignAt20 && staticAt20 !== undefined) campaignAt20.note = `${campaignAt20.note}; ${staticAt20.toFixed(2)}× the static page under the same gifts`;
  // The project's other benchmarks — the admin dashboard's queries over a large seeded history,
  // webhook ingestion through the real route — after the servers have stopped, so that none
  // disturbs another.
  let dashboard: string[] = [];
  if (process.env.BENCH_DASHBOARD !== "0") {
    console.log("[bench] admin dashboard (bench/dashboard.ts)");
    dashboard = await childBenchmark(["--conditions=react-server", "bench/dashboard.ts"], { BENCH_GIFTS: "5000", BENCH_RUNS: "1" });
  }
  let webhooks: string[] = [];
  if (process.env.BENCH_WEBHOOKS !== "0") {
    console.log("[bench] webhook ingestion (npm run bench:webhooks)");
    webhooks = await childBenchmark(["bench/chaos.ts"], { CHAOS_PAYMENTS: "40" }, { BENCH_MODE: "webhooks" });
  }
  console.log("");
  printTable(rows);
  if (dashboard.length) console.log(`\n${dashboard.join("\n")}`);
  if (webhooks.length) console.log(`\n${webhooks.join("\n")}`);
  if (missing.length) console.log(`\nNot measured: ${missing.join("; ")}.`);
  const results = {
    date: new Date().toISOString(),
    smoke: SMOKE,
    settings: { secondsPerRow: SECONDS, connections: CONNECTIONS, freshnessSamples: FRESHNESS_SAMPLES, cpus: os.cpus().length, node: process.version },
    durationSeconds: Math.round((Date.now() - started) / 1000),
    rows,
    dashboard,
    webhooks,
    missing,
  };
  fs.writeFileSync(path.resolve("bench", SMOKE ? "results-smoke.json" : "results.json"), `${JSON.stringify(results, null, 2)}\n`);
  // A full run replaces the table in docs/performance.md (between its markers); a smoke run's numbers mean nothing.
  if (!SMOKE) {
    const document = path.resolve(RESULTS_DOCUMENT);
    const section = resultsSection({ date: new Date(started), cpus: os.cpus().length, loadAverage: loadAtStart, rows, dashboard, webhooks, missing });
    fs.writeFileSync(document, replaceResultsSection(fs.readFileSync(document, "utf8"), section));
    console.log(`[bench] wrote the table into ${RESULTS_DOCUMENT}`);
  }
  // A missed speed target is a result; a child benchmark that failed (wrong totals, a crash) is not.
  if ([...dashboard, ...webhooks].some((line) => line.startsWith("(benchmark failed"))) {
    console.error("[bench] a benchmark failed: its counts or its run were wrong (see above)");
    process.exitCode = 1;
  }
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (error: unknown) => {
    console.error(error);
    stopAll();
    process.exit(1);
  },
);
