/**
 * Where a gift's CPU goes on the instance that takes it: starts one `next start` instance (a
 * build in BENCH_DIST_DIR, default .next-bench) on a throwaway PostgreSQL database and measures
 * the instance's own CPU time (from /proc) over three phases of GIFT_COST_SECONDS each:
 *   1. readers only (autocannon on the campaign page): CPU per page served from the cache;
 *   2. gifts only at GIFT_COST_RATE/s (no readers, so no page is re-rendered): CPU per gift;
 *   3. both, readers at a fixed GIFT_COST_READER_RATE req/s (default 100: the instance keeps
 *      headroom, so gifts really land at the rate paid; saturating readers starve the
 *      webhooks instead): CPU per gift including the re-renders its expired tags cause, and how
 *      many renders of the campaign page's data there were (its SQL query, counted with a profile).
 * With GIFT_COST_PROFILE=<dir> each phase is also recorded as a V8 CPU profile of the instance
 * (<dir>/<pid>-<phase>.cpuprofile; bench/support/cpu-profile-hook.mjs, started and stopped by
 * SIGUSR2), to open in Chrome DevTools or read with bench/support/profile-summary.mjs.
 *
 *   BENCH_PORT=5500 TEST_DATABASE_URL=postgres://… npx tsx bench/gift-cost.ts
 */
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import autocannon from "autocannon";
import pg from "pg";
import { payGiftsAtRate, rememberEmulatorKeyOf } from "./support/gifts";
import { sleep, startProcess, stopAll, waitForUrl } from "./support/processes";

const PORT = Number(process.env.BENCH_PORT ?? 3190);
const ORIGIN = `http://127.0.0.1:${PORT}`;
const SECONDS = Number(process.env.GIFT_COST_SECONDS ?? 8);
const RATE = Number(process.env.GIFT_COST_RATE ?? 20);
const READER_RATE = Number(process.env.GIFT_COST_READER_RATE ?? 100);
const DIST_DIR = process.env.BENCH_DIST_DIR ?? ".next-bench";
const PROFILE_DIR = process.env.GIFT_COST_PROFILE ? path.resolve(process.env.GIFT_COST_PROFILE) : null;
const WORK_DIR = path.resolve(".data", `gift-cost-${PORT}`);
const CAMPAIGN = "/campaigns/foreign-media-in-north-korea";
const TICK_MS = 10; // Linux USER_HZ = 100

/** CPU ms used so far by `pid` and its children that are still running. */
function cpuMs(pid: number): number {
  const ids = [pid, ...childrenOf(pid)];
  let ticks = 0;
  for (const id of ids) {
    try {
      const fields = fs.readFileSync(`/proc/${id}/stat`, "utf8").split(") ")[1]!.split(" ");
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime
    } catch {
      // gone
    }
  }
  return ticks * TICK_MS;
}

function childrenOf(pid: number): number[] {
  try {
    const direct = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
    return direct.flatMap((child) => [child, ...childrenOf(child)]);
  } catch {
    return [];
  }
}

function cacheHeader(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    http
      .get(url, (response) => {
        response.resume();
        response.on("end", () => resolve(String(response.headers["x-nextjs-cache"] ?? "none")));
      })
      .on("error", reject);
  });
}

/** Polls the page every 20 ms and counts Next's cache verdicts (MISS = rendered for this request). */
function sampleCacheVerdicts(url: string): { stop: () => Promise<Record<string, number>> } {
  const counts: Record<string, number> = {};
  let running = true;
  const loop = (async () => {
    while (running) {
      const verdict = await cacheHeader(url);
      counts[verdict] = (counts[verdict] ?? 0) + 1;
      await sleep(20);
    }
  })();
  return { stop: async () => ((running = false), await loop, counts) };
}

async function main(): Promise<void> {
  fs.rmSync(WORK_DIR, { recursive: true, force: true });
  fs.mkdirSync(WORK_DIR, { recursive: true });
  const admin = new URL(process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres");
  const name = `lantern_gift_cost_${PORT}`;
  const run = async (statement: string) => {
    const client = new pg.Client({ connectionString: admin.toString() });
    await client.connect();
    await client.query(statement).finally(() => client.end());
  };
  await run(`drop database if exists ${name} with (force)`);
  await run(`create database ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  for (const dir of [
    ["cache", "fetch-cache"],
    ["server", "route-cache"],
  ])
    fs.rmSync(path.resolve(DIST_DIR, ...dir), { recursive: true, force: true });
  if (PROFILE_DIR) fs.mkdirSync(PROFILE_DIR, { recursive: true });
  try {
    const dataDir = path.join(WORK_DIR, "instance");
    const instance = startProcess(
      "instance",
      process.execPath,
      [
        ...(PROFILE_DIR ? ["--import", pathToFileURL(path.resolve("bench/support/cpu-profile-hook.mjs")).href] : []),
        "node_modules/next/dist/bin/next",
        "start",
        "-p",
        String(PORT),
        "-H",
        "127.0.0.1",
      ],
      {
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
        NEXT_DIST_DIR: DIST_DIR,
        LANTERN_DATA_DIR: dataDir,
        APP_URL: ORIGIN,
        DATABASE_URL: url.toString(),
        STRIPE_SECRET_KEY: "",
        STRIPE_WEBHOOK_SECRET: "",
        RESEND_API_KEY: "",
        LANTERN_TEST_MODE: "demo",
        AUTH_SECRET: "gift-cost-bench-secret-0123456789abcdefghijklmnop",
        DEV_MAILBOX: "",
        ...(PROFILE_DIR ? { GIFT_COST_PROFILE: PROFILE_DIR } : {}),
      },
      path.join(WORK_DIR, "instance.log"),
    );
    await waitForUrl(`${ORIGIN}/api/health`);
    await rememberEmulatorKeyOf(ORIGIN, dataDir);
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    const campaignId = (await client.query<{ id: string }>("select id from campaigns where slug = $1", ["foreign-media-in-north-korea"])).rows[0]!.id;
    // Recorded gifts, read from the database directly (costs the instance nothing).
    const recorded = async () =>
      Number((await client.query<{ n: string }>("select count(*) as n from donations where campaign_id = $1", [campaignId])).rows[0]!.n);
    /** Waits until `expected` gifts are recorded: webhooks lag behind payments, and a gift's cost is all of it. */
    const drain = async (expected: number) => {
      for (const started = Date.now(); (await recorded()) < expected && Date.now() - started < 120_000;) await sleep(100);
    };
    // Warm: the page, and the gift path (first calls compile and load modules).
    const warm = payGiftsAtRate(ORIGIN, campaignId, 10);
    await autocannon({ url: `${ORIGIN}${CAMPAIGN}`, connections: 10, duration: 3 });
    await warm.stop();
    await sleep(2000);
    const pid = instance.pid!;

    // Each phase: start a profile (if asked), read the CPU counter, run, read it, stop the profile.
    const toggleProfile = async () => {
      if (PROFILE_DIR) process.kill(pid, "SIGUSR2");
      if (PROFILE_DIR) await sleep(300);
    };
    async function phase(run: () => Promise<void>): Promise<number> {
      await toggleProfile();
      const before = cpuMs(pid);
      await run();
      const used = cpuMs(pid) - before;
      await toggleProfile();
      return used;
    }

    let readers!: autocannon.Result;
    const readersCpu = await phase(async () => {
      readers = await autocannon({ url: `${ORIGIN}${CAMPAIGN}`, connections: 50, duration: SECONDS });
    });
    const perPage = readersCpu / readers.requests.total;
    console.log(
      `readers only: ${readers.requests.total} pages (${Math.round(readers.requests.average)} req/s), ${perPage.toFixed(2)} ms CPU per page, instance CPU ${(readersCpu / SECONDS / 10).toFixed(0)}%`,
    );

    let paidAlone = 0;
    let before = await recorded();
    const giftsCpu = await phase(async () => {
      const gifts = payGiftsAtRate(ORIGIN, campaignId, RATE);
      await sleep(SECONDS * 1000);
      paidAlone = (await gifts.stop()).paid;
      await drain(before + paidAlone);
    });
    const perGift = giftsCpu / paidAlone;
    console.log(
      `gifts only: ${paidAlone} gifts at ${RATE}/s, ${perGift.toFixed(1)} ms CPU per gift (no readers, so no re-render; until every gift was recorded)`,
    );

    await sleep(500);
    let busy!: autocannon.Result;
    let paid = 0;
    let counts: Record<string, number> = {};
    let recordedDuringReaders = 0;
    before = await recorded();
    const bothCpu = await phase(async () => {
      const gifts = payGiftsAtRate(ORIGIN, campaignId, RATE);
      const verdicts = sampleCacheVerdicts(`${ORIGIN}${CAMPAIGN}`);
      busy = await autocannon({ url: `${ORIGIN}${CAMPAIGN}`, connections: 10, overallRate: READER_RATE, duration: SECONDS });
      ({ paid } = await gifts.stop());
      counts = await verdicts.stop();
      recordedDuringReaders = (await recorded()) - before;
      await drain(before + paid);
    });
    // Rough: pages and gifts at their solo cost; what is left is mostly the re-renders.
    const pages = busy.requests.total + Object.values(counts).reduce((sum, n) => sum + n, 0);
    const rest = bothCpu - pages * perPage - paid * perGift;
    console.log(
      `both: ${pages} pages (readers at ${READER_RATE}/s and the sampler) and ${paid} gifts; instance CPU ${bothCpu} ms ≈ pages ${Math.round(pages * perPage)} + gifts ${Math.round(paid * perGift)} + rest ${Math.round(rest)} (${(rest / paid).toFixed(1)} ms per gift: mostly re-renders)`,
    );
    console.log(
      `cache verdicts of a reader sampling every 20 ms meanwhile: ${JSON.stringify(counts)}; ${recordedDuringReaders} of ${paid} gifts recorded while the readers ran`,
    );
    await client.end();
    if (PROFILE_DIR) await sleep(1000);
  } finally {
    stopAll();
    await sleep(1500);
    await run(`drop database if exists ${name} with (force)`).catch(() => {});
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    stopAll();
    process.exit(1);
  },
);
