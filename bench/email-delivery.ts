/**
 * How fast Lantern hands update emails to the provider: publishes one update to 100,000
 * confirmed subscribers, then runs the delivery worker against a fake Resend on loopback that
 * accepts at most 10 batch calls a second (it answers 429 beyond that, as Resend does), and
 * reports emails per second and the process's memory. The goal: bound by the provider's rate
 * (10 × 100 = 1,000 emails/s), not by Lantern.
 *
 *   npm run bench:email                                       # PGlite, in memory
 *   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run bench:email
 *
 * BENCH_EMAILS changes the number of readers; BENCH_RATE the provider's batches per second.
 * With TEST_DATABASE_URL a database lantern_bench_<random> is created (local hosts only) and dropped.
 */
import { fork } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import pg from "pg";
import { updates } from "../db/schema";
import { openPglite, openPostgres, prepareDatabase, type OpenDatabase } from "../db/open";
import { DEFAULT_DELIVERY_SETTINGS } from "../lib/email/delivery-settings";
import { startDeliveryWorker } from "../lib/email/delivery-worker";
import { createResendTransport } from "../lib/email/transport";
import { publishUpdate } from "../lib/updates/publish-update";

const EMAILS = Number(process.env.BENCH_EMAILS ?? 100_000);
const RATE = Number(process.env.BENCH_RATE ?? 10);
const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "::1", "[::1]"]);

async function openBenchDatabase(): Promise<{ open: OpenDatabase; label: string; drop: () => Promise<void> }> {
  const raw = process.env.TEST_DATABASE_URL;
  if (!raw) return { open: await openPglite(null), label: "PGlite (in memory)", drop: async () => {} };
  const adminUrl = new URL(raw);
  if (!LOCAL_HOSTS.has(adminUrl.hostname)) throw new Error(`Refusing to benchmark on non-local host "${adminUrl.hostname}".`);
  const name = `lantern_bench_${randomBytes(5).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl.toString() });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const open = await openPostgres(url.toString(), 4);
  return {
    open,
    label: "PostgreSQL",
    drop: async () => {
      const cleanup = new pg.Client({ connectionString: adminUrl.toString() });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

/** The fake provider runs in its own process: the figures below are the worker's alone. */
async function startProvider(): Promise<{ url: string; stats: () => Promise<{ delivered: number; accepted: number; refused: number }>; stop: () => void }> {
  const child = fork(path.join(import.meta.dirname, "fake-resend-process.ts"), [], {
    execArgv: ["--import", "tsx"],
    env: { ...process.env, BENCH_RATE: String(RATE) },
    stdio: ["ignore", "pipe", "inherit", "ipc"],
  });
  const [line] = (await once(child.stdout!, "data")) as [Buffer];
  const { url, stats } = JSON.parse(line.toString()) as { url: string; stats: string };
  return { url, stats: async () => (await fetch(stats)).json(), stop: () => child.kill() };
}

async function main(): Promise<void> {
  const { open, label, drop } = await openBenchDatabase();
  const { db } = open;
  const fake = await startProvider();
  try {
    await prepareDatabase(open, { seed: false });
    console.log(`email delivery benchmark on ${label}: ${EMAILS.toLocaleString("en")} readers, provider accepts ${RATE} batches/s`);
    await db.execute(sql`
      insert into subscribers (email, first_name, status, source, consent_text, consented_at, confirmed_at)
      select 'reader-' || n || '@example.org', case when n % 3 = 0 then 'Reader' end, 'confirmed', 'home', 'bench', now(), now()
      from generate_series(1, ${EMAILS}) as n`);
    const [update] = await db
      .insert(updates)
      .values({
        title: "Benchmark update",
        bodyMarkdown: "## What happened\n\nThree families reached safety. **Thank you.**\n\n[Read more](https://example.org)",
      })
      .returning({ id: updates.id });

    let started = performance.now();
    const published = await publishUpdate(db, update!.id, "all");
    if (!published.ok) throw new Error(published.error);
    console.log(
      `  publish (queue ${published.recipients.toLocaleString("en")} emails in one transaction): ${((performance.now() - started) / 1000).toFixed(2)} s`,
    );

    const transport = createResendTransport({ apiKey: "re_bench", from: "Lantern <updates@example.org>", baseUrl: fake.url, requestsPerSecond: RATE });
    const links = { appUrl: "https://give.example.org", organisationName: "Lantern", linkSecret: "bench-secret" };
    let peakRss = 0;
    let peakHeap = 0;
    const sampler = setInterval(() => {
      const usage = process.memoryUsage();
      peakRss = Math.max(peakRss, usage.rss);
      peakHeap = Math.max(peakHeap, usage.heapUsed);
    }, 100);
    const baseline = process.memoryUsage();
    const cpuStart = process.cpuUsage();
    started = performance.now();
    let sent = 0;
    let lastReport = started;
    const done = new Promise<void>((resolve) => {
      const worker = startDeliveryWorker(
        db,
        { transport, settings: DEFAULT_DELIVERY_SETTINGS, links: links },
        {
          concurrency: 3,
          idleMs: 50,
          onProgress: (report) => {
            sent += report.sent;
            if (performance.now() - lastReport > 10_000) {
              lastReport = performance.now();
              console.log(`  … ${sent.toLocaleString("en")} sent`);
            }
            if (sent >= EMAILS) void worker.stop().then(resolve);
          },
        },
      );
    });
    await done;
    clearInterval(sampler);
    const cpu = process.cpuUsage(cpuStart);
    const seconds = (performance.now() - started) / 1000;
    const stats = await fake.stats();
    console.log(
      `  handed ${stats.delivered.toLocaleString("en")} emails to the provider in ${seconds.toFixed(1)} s: ${Math.round(EMAILS / seconds).toLocaleString("en")} emails/s`,
    );
    console.log(`  provider's ceiling: ${(RATE * 100).toLocaleString("en")} emails/s; ${stats.accepted} batch calls accepted, ${stats.refused} answered 429`);
    console.log(
      `  worker process memory: rss ${mb(baseline.rss)} before sending → peak ${mb(peakRss)}; heap used peak ${mb(peakHeap)}; CPU ${(cpu.user / 1e6).toFixed(1)} s user + ${(cpu.system / 1e6).toFixed(1)} s system`,
    );
    // On a shared, busy machine wall time also measures the neighbours; CPU time is the worker's own cost.
    const cpuMsPerEmail = (cpu.user + cpu.system) / 1000 / EMAILS;
    console.log(
      `  worker CPU per email: ${cpuMsPerEmail.toFixed(3)} ms → one free core would sustain about ${Math.round(1000 / cpuMsPerEmail).toLocaleString("en")} emails/s (load average now ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores)`,
    );
    if (stats.delivered !== EMAILS) throw new Error(`expected ${EMAILS} emails, the provider got ${stats.delivered}`);
  } finally {
    fake.stop();
    await open.close();
    await drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
