/**
 * `npx tsx --conditions=react-server bench/proxy-cost.ts`: CPU time proxy.ts (run by Next before
 * routing, on every request) spends on one request, by path, so its share of a webhook delivery
 * (bench:webhooks calls the route handler directly, without it) can be weighed. BENCH_RUNS (20000).
 */
import { NextRequest } from "next/server";

async function main(): Promise<void> {
  const { proxy } = await import("../proxy");
  const runs = Number(process.env.BENCH_RUNS ?? 20_000);
  const body = JSON.stringify({ id: "evt_1", object: "event", type: "checkout.session.completed", data: { object: { id: "cs_1" } } });
  const cases: [string, () => NextRequest][] = [
    [
      "POST /api/webhooks/stripe",
      () =>
        new NextRequest("http://127.0.0.1:3000/api/webhooks/stripe", {
          method: "POST",
          headers: { "content-type": "application/json", "content-length": String(body.length), "stripe-signature": "t=1,v1=00" },
          body,
        }),
    ],
    ["GET /privacy", () => new NextRequest("http://127.0.0.1:3000/privacy")],
  ];
  for (const [name, make] of cases) {
    for (let i = 0; i < 2_000; i++) await proxy(make()); // warm up
    const baseline = process.cpuUsage();
    for (let i = 0; i < runs; i++) make();
    const requestOnly = process.cpuUsage(baseline);
    const start = process.cpuUsage();
    for (let i = 0; i < runs; i++) await proxy(make());
    const used = process.cpuUsage(start);
    const perCall = (used.user + used.system - requestOnly.user - requestOnly.system) / runs;
    console.log(`${name.padEnd(28)} proxy.ts: ${perCall.toFixed(1)} µs CPU per request (${runs} runs, making the request object excluded)`);
  }
}

void main();
