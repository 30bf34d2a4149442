/**
 * How fast the admin's figures are over a large history: seeds 1,000,000 gifts (plus donors,
 * monthly gifts and subscribers) into a throwaway database with set-based SQL, then runs each
 * dashboard query and public figure many times and prints p50 / p99. The ledger (lib/ledger) is
 * built from the seeded gifts by the same SQL as the migration's backfill, and timed too.
 *
 *   npm run bench:dashboard                                   # PGlite, in memory
 *   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run bench:dashboard
 *
 * With TEST_DATABASE_URL a database named lantern_bench_<random> is created next to the one
 * in the URL (local hosts only) and dropped afterwards. BENCH_GIFTS and BENCH_RUNS override
 * the size and the number of runs (default 100); BENCH_KEEP=1 keeps the PostgreSQL database for EXPLAIN.
 */
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import pg from "pg";
import type { Database } from "../db/database";
import { openPglite, openPostgres, prepareDatabase, type OpenDatabase } from "../db/open";
import { findPublicCampaign, listActiveCampaigns } from "../lib/campaigns/campaign-queries";
import { rebuildLedger } from "../lib/ledger/rebuild-ledger";
import { getDashboardTotals } from "../lib/reports/dashboard-totals";
import { getGiftTrend } from "../lib/reports/gift-trend";
import { giftExportBatches } from "../lib/reports/gifts-export";
import { getMonthlyGivingMovements } from "../lib/reports/monthly-giving-movements";
import { listRecentGifts } from "../lib/reports/recent-gifts";
import { listDonors, type DonorFilter } from "../lib/reports/donor-list";
import { findDonorRecord } from "../lib/reports/donor-record";
import { getRetentionReport, listLapsedDonors } from "../lib/reports/retention";
import { getSubscriberCounts } from "../lib/reports/subscriber-counts";

const GIFTS = Number(process.env.BENCH_GIFTS ?? 1_000_000);
const DONORS = Math.max(1, Math.round(GIFTS / 5));
const MONTHLY = Math.max(1, Math.round(GIFTS / 50));
const SUBSCRIBERS = Math.max(1, Math.round(GIFTS / 10));
const RUNS = Number(process.env.BENCH_RUNS ?? 100);
/** The donor the searches and the donor page look for: donor 4242 at full size, the last one in a smaller run (the CI smoke has 1,000). */
const SEARCHED_DONOR = Math.min(4242, DONORS);
/** Targets from issue 12: every dashboard query's p99 at 1,000,000 gifts. */
const TARGET_P99_MS = { postgres: 20, pglite: 60 };
const CAMPAIGNS = 24;
/** Gifts are spread over two years ending here (fixed, so every run sees the same data). */
const HISTORY_END = "2026-01-01T00:00:00Z";

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "::1", "[::1]"]);

async function openBenchDatabase(): Promise<{ open: OpenDatabase; label: string; drop: () => Promise<void> }> {
  const raw = process.env.TEST_DATABASE_URL;
  if (!raw) {
    const open = await openPglite(null);
    return { open, label: "PGlite (in memory)", drop: async () => {} };
  }
  const adminUrl = new URL(raw);
  if (!LOCAL_HOSTS.has(adminUrl.hostname)) throw new Error(`Refusing to benchmark on non-local host "${adminUrl.hostname}".`);
  const name = `lantern_bench_${randomBytes(5).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl.toString() });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const version = (await admin.query<{ server_version: string }>("show server_version")).rows[0]?.server_version;
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const open = await openPostgres(url.toString(), 4);
  return {
    open,
    label: `PostgreSQL ${version ?? ""}`.trim(),
    drop: async () => {
      if (process.env.BENCH_KEEP === "1") {
        console.log(`  kept database ${name} (BENCH_KEEP=1); drop it yourself`);
        return;
      }
      const cleanup = new pg.Client({ connectionString: adminUrl.toString() });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

/** Deterministic pseudo-random spread of the gifts (no setseed: works on a connection pool). */
async function seed(db: Database): Promise<void> {
  const currencies = sql.raw(`array['USD','USD','USD','EUR','GBP','JPY']`);
  await db.execute(sql`
    insert into campaigns (slug, title, summary, status, currency, goal_amount, featured, preset_amounts)
    select 'bench-' || n, 'Bench campaign ' || n, 'Benchmark campaign', (array['active','active','closed','draft'])[1 + n % 4]::campaign_status,
      (${currencies})[1 + n % 6], case when (${currencies})[1 + n % 6] = 'JPY' then 50000000 else 5000000 end, false, '{2500,5000}'
    from generate_series(1, ${CAMPAIGNS}) as n`);
  await db.execute(sql`
    insert into donors (email, name)
    select 'donor' || n || '@bench.example', case when n % 7 = 0 then null else 'Donor ' || n end
    from generate_series(1, ${DONORS}) as n`);
  await db.execute(sql`create temporary table bench_donors as select id, row_number() over (order by email) as n from donors`);
  await db.execute(sql`create temporary table bench_campaigns as select id, currency, row_number() over (order by slug) as n from campaigns`);
  await db.execute(sql`
    insert into recurring_gifts (donor_id, campaign_id, stripe_subscription_id, amount, currency, status, cancel_at_period_end, cancel_at, ended_at)
    select d.id, c.id, 'sub_bench_' || g, 1000 + (g * 37) % 4000, c.currency,
      (array['active','active','active','past_due','canceled'])[1 + g % 5],
      -- one active gift in ten is set to end; cancelled ones ended over the two years
      g % 10 = 1, case when g % 10 = 1 then ${HISTORY_END}::timestamptz + (g % 30) * interval '1 day' end,
      case when g % 5 = 4 then ${HISTORY_END}::timestamptz - (g % 730) * interval '1 day' end
    from generate_series(1::bigint, ${MONTHLY}::bigint) as g
    join bench_donors d on d.n = 1 + (g * 7919) % ${DONORS}
    join bench_campaigns c on c.n = 1 + g % (select count(*) from bench_campaigns)`);
  const start = Date.now();
  await db.execute(sql`
    insert into donations (donor_id, campaign_id, kind, amount, fee_covered_amount, currency, refunded_amount, dispute_status, anonymous,
      dedication_kind, dedication_name, stripe_payment_intent_id, paid_at)
    select d.id, c.id,
      case when g % 5 = 0 then 'recurring'::donation_kind else 'one_off'::donation_kind end,
      500 + (g * 7919) % 25000,
      case when g % 3 = 0 then 100 else 0 end,
      c.currency,
      case when g % 41 = 0 then 500 + (g * 7919) % 25000 when g % 53 = 0 then 100 else 0 end,
      case when g % 89 = 0 then 'lost' when g % 89 = 1 then 'won' end,
      g % 11 = 0,
      case when g % 97 = 0 then 'in_memory'::dedication_kind end,
      case when g % 97 = 0 then 'Someone dear' end,
      'pi_bench_' || g,
      ${HISTORY_END}::timestamptz - ((g * 104729::bigint) % (730 * 86400)) * interval '1 second'
    from generate_series(1::bigint, ${GIFTS}::bigint) as g
    join bench_donors d on d.n = 1 + (g * 104723::bigint) % ${DONORS}
    join bench_campaigns c on c.n = 1 + (g * 31) % (select count(*) from bench_campaigns)`);
  console.log(`  inserted ${GIFTS.toLocaleString("en-US")} gifts in ${((Date.now() - start) / 1000).toFixed(1)} s`);
  // The refund each refunded amount stands on, as migration 0011 backfills them (ledger:verify holds the two together).
  await db.execute(sql`
    insert into gift_refunds (donation_id, amount, currency, status, refunded_at)
    select id, refunded_amount, currency, 'succeeded', paid_at from donations where refunded_amount > 0`);
  await db.execute(sql`
    insert into subscribers (email, status, source, consent_text, consented_at, confirmed_at)
    select 'reader' || n || '@bench.example', (array['confirmed','confirmed','pending','unsubscribed'])[1 + n % 4]::subscriber_status,
      (array['home','footer','campaign:bench-1','campaign:bench-2'])[1 + n % 4], 'Yes, email me.',
      ${HISTORY_END}::timestamptz - (n % 700) * interval '1 day',
      case when n % 4 in (0, 1, 3) then ${HISTORY_END}::timestamptz - (n % 700) * interval '1 day' + interval '5 minutes' end
    from generate_series(1, ${SUBSCRIBERS}) as n`);
  // A third of the donors also read the updates (the donor list's "subscribed" filter).
  await db.execute(sql`
    insert into subscribers (email, status, source, consent_text, consented_at, confirmed_at)
    select 'donor' || n || '@bench.example', 'confirmed', 'home', 'Yes, email me.', ${HISTORY_END}::timestamptz - (n % 700) * interval '1 day',
      ${HISTORY_END}::timestamptz - (n % 700) * interval '1 day' + interval '5 minutes'
    from generate_series(3, ${DONORS}, 3) as n`);
  const ledgerStart = Date.now();
  await rebuildLedger(db);
  console.log(`  built the ledger from them (the migration's backfill) in ${((Date.now() - ledgerStart) / 1000).toFixed(1)} s`);
  // As autovacuum would by now: statistics, and the visibility map that index-only scans need.
  await db.execute(sql`vacuum analyze`);
}

async function timings(run: () => Promise<unknown>): Promise<{ p50: number; p99: number; max: number }> {
  await run(); // warm-up: plans and caches
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const at = (share: number) => times[Math.min(times.length - 1, Math.ceil(share * times.length) - 1)]!;
  return { p50: at(0.5), p99: at(0.99), max: times.at(-1)! };
}

async function main(): Promise<void> {
  const { open, label, drop } = await openBenchDatabase();
  try {
    const { db } = open;
    await prepareDatabase(open, { seed: false });
    console.log(
      `Admin dashboard benchmark on ${label}: ${GIFTS.toLocaleString("en-US")} gifts, ${DONORS.toLocaleString("en-US")} donors, ${MONTHLY.toLocaleString("en-US")} monthly gifts, ${SUBSCRIBERS.toLocaleString("en-US")} subscribers, ${RUNS} runs each`,
    );
    const seedStart = Date.now();
    await seed(db);
    console.log(`  seeded in ${((Date.now() - seedStart) / 1000).toFixed(1)} s\n`);

    const busyCampaign = (
      (await db.execute(sql`select id from campaigns where currency = 'USD' and status = 'active' order by slug limit 1`)) as unknown as {
        rows: { id: string }[];
      }
    ).rows[0]!.id;
    const deepCursor = await (async () => {
      let page = await listRecentGifts(db, {}, { limit: 25 });
      for (let i = 0; i < 40 && page.olderCursor; i++) page = await listRecentGifts(db, {}, { limit: 25, before: page.olderCursor });
      return page.olderCursor ?? undefined;
    })();

    // The donor list as of the end of the seeded history (its "lapsed" is 12 months before then).
    const donorsAsOf = new Date(HISTORY_END);
    const donorFilter = (filter: Partial<DonorFilter>): DonorFilter => ({
      sort: "last-gift",
      currency: "USD",
      recurring: false,
      lapsed: false,
      subscribed: false,
      ...filter,
    });
    const deepDonorCursor = await (async () => {
      let page = await listDonors(db, donorFilter({}), { limit: 25, now: donorsAsOf });
      for (let i = 0; i < 40 && page.nextCursor; i++) page = await listDonors(db, donorFilter({}), { limit: 25, after: page.nextCursor, now: donorsAsOf });
      return page.nextCursor ?? undefined;
    })();
    const busyDonor = (
      (await db.execute(sql`select id from donors where email = ${`donor${SEARCHED_DONOR}@bench.example`}`)) as unknown as {
        rows: { id: string }[];
      }
    ).rows[0]!.id;
    const busySlug = ((await db.execute(sql`select slug from campaigns where id = ${busyCampaign}`)) as unknown as { rows: { slug: string }[] }).rows[0]!.slug;
    // [name, run, is a dashboard/public figure held to the p99 target]
    const cases: [string, () => Promise<unknown>, boolean][] = [
      ["dashboard totals (all campaigns + each, MRR, per currency)", () => getDashboardTotals(db), true],
      ["public: one campaign page's figures", () => findPublicCampaign(db, busySlug), true],
      ["public: active campaigns with figures", () => listActiveCampaigns(db), true],
      [
        "trend: 30 days by day, all campaigns, USD",
        () => getGiftTrend(db, { range: { from: "2025-12-02", to: "2025-12-31" }, granularity: "day", currency: "USD" }),
        true,
      ],
      [
        "trend: 2 years by week, one campaign",
        () => getGiftTrend(db, { range: { from: "2024-01-01", to: "2025-12-31" }, granularity: "week", currency: "USD", campaignId: busyCampaign }),
        true,
      ],
      [
        "trend: 2 years by week, all campaigns, USD",
        () => getGiftTrend(db, { range: { from: "2024-01-01", to: "2025-12-31" }, granularity: "week", currency: "USD" }),
        true,
      ],
      [
        "monthly gifts ending, churn: 30 days, all campaigns, USD",
        () => getMonthlyGivingMovements(db, { range: { from: "2025-12-02", to: "2025-12-31" }, currency: "USD" }),
        true,
      ],
      [
        "monthly gifts ending, churn: 2 years, one campaign",
        () => getMonthlyGivingMovements(db, { range: { from: "2024-01-01", to: "2025-12-31" }, currency: "USD", campaignId: busyCampaign }),
        true,
      ],
      ["recent gifts: first page (25)", () => listRecentGifts(db, {}, { limit: 25 }), false],
      ["recent gifts: page 42 by cursor", () => listRecentGifts(db, {}, { limit: 25, before: deepCursor }), false],
      [
        "recent gifts: one campaign, monthly, one month",
        () => listRecentGifts(db, { campaignId: busyCampaign, kind: "recurring", range: { from: "2025-06-01", to: "2025-06-30" } }, { limit: 25 }),
        false,
      ],
      // The gift list's donor search: one donor by email, and a name fragment many donors share.
      ["recent gifts: search one donor's email", () => listRecentGifts(db, { donorSearch: `DONOR${SEARCHED_DONOR}@bench` }, { limit: 25 }), false],
      ["recent gifts: search a name fragment", () => listRecentGifts(db, { donorSearch: "nor 77" }, { limit: 25 }), false],
      ["subscriber counts by status and source", () => getSubscriberCounts(db), false],
      // The donor records (issue 26): the list's sorts, search, filters and a deep page; one donor's page.
      ["donors: by last gift, first page", () => listDonors(db, donorFilter({}), { limit: 25, now: donorsAsOf }), true],
      ["donors: by last gift, page 42 by cursor", () => listDonors(db, donorFilter({}), { limit: 25, after: deepDonorCursor, now: donorsAsOf }), true],
      ["donors: by first gift", () => listDonors(db, donorFilter({ sort: "first-gift" }), { limit: 25, now: donorsAsOf }), true],
      ["donors: by lifetime giving in USD", () => listDonors(db, donorFilter({ sort: "lifetime" }), { limit: 25, now: donorsAsOf }), true],
      [
        "donors: search one donor's whole address",
        () => listDonors(db, donorFilter({ search: `Donor${SEARCHED_DONOR}@Bench.example` }), { limit: 25, now: donorsAsOf }),
        true,
      ],
      // Part of an address every seeded donor shares most of ("donor…@bench"): trigram lists of 200,000 rows.
      [
        "donors: search part of an address",
        () => listDonors(db, donorFilter({ search: `DONOR${SEARCHED_DONOR}@bench` }), { limit: 25, now: donorsAsOf }),
        false,
      ],
      ["donors: search a name fragment", () => listDonors(db, donorFilter({ search: "nor 77" }), { limit: 25, now: donorsAsOf }), true],
      ["donors: giving monthly now", () => listDonors(db, donorFilter({ recurring: true }), { limit: 25, now: donorsAsOf }), true],
      ["donors: lapsed", () => listDonors(db, donorFilter({ lapsed: true }), { limit: 25, now: donorsAsOf }), true],
      [
        "donors: subscribed, by lifetime giving in USD",
        () => listDonors(db, donorFilter({ subscribed: true, sort: "lifetime" }), { limit: 25, now: donorsAsOf }),
        true,
      ],
      ["donor page: one donor's whole record", () => findDonorRecord(db, busyDonor), true],
      // The Reports page: whole-history aggregates, read when staff open it (not held to the target).
      ["reports: retention, LYBUNT/SYBUNT, months, sizes (2025)", () => getRetentionReport(db, 2025), false],
      ["reports: LYBUNT list, first 25 (2025)", () => listLapsedDonors(db, 2025, "lybunt", { limit: 25 }), false],
    ];
    const target = TARGET_P99_MS[open.driver];
    console.log(`  ${"query".padEnd(58)} ${"p50".padStart(8)} ${"p99".padStart(8)} ${"max".padStart(8)}  target p99 < ${target} ms`);
    const missed: string[] = [];
    for (const [name, run, held] of cases) {
      const timing = await timings(run);
      const verdict = !held ? "" : timing.p99 < target ? "ok" : "MISSED";
      if (verdict === "MISSED") missed.push(name);
      console.log(
        `  ${name.padEnd(58)} ${timing.p50.toFixed(1).padStart(8)} ${timing.p99.toFixed(1).padStart(8)} ${timing.max.toFixed(1).padStart(8)}  ${verdict}`,
      );
    }

    const exportStart = performance.now();
    let exported = 0;
    for await (const batch of giftExportBatches(db, { range: { from: "2025-01-01", to: "2025-12-31" } })) exported += batch.length;
    const seconds = (performance.now() - exportStart) / 1000;
    console.log(
      `  ${"CSV export of one year (rows read in 1,000-row batches)".padEnd(58)} ${(seconds * 1000).toFixed(0).padStart(8)} ms  (${exported.toLocaleString("en-US")} rows, ${Math.round(exported / seconds).toLocaleString("en-US")} rows/s)`,
    );
    console.log(missed.length === 0 ? `  every dashboard and public figure met p99 < ${target} ms` : `  p99 target missed by: ${missed.join("; ")}`);
  } finally {
    await open.close();
    await drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
