/**
 * The benchmark's fake Resend in a process of its own, so the worker's figures (CPU, memory)
 * are the worker's alone. Prints `{"url": …}` once listening; answers `GET /stats` with what it
 * received (with FAKE_RESEND_PER_ADDRESS=1 also how often each address was delivered to, which
 * the webhook benchmark's "sent twice" check reads); exits when its parent does.
 */
import { createServer } from "node:http";
import { startFakeResend } from "../tests/support/fake-resend";

async function main(): Promise<void> {
  const rate = Number(process.env.BENCH_RATE ?? 10);
  const perAddress = process.env.FAKE_RESEND_PER_ADDRESS === "1";
  const fake = await startFakeResend({ maxCallsPerSecond: rate, countOnly: !perAddress });
  const stats = createServer((_request, response) => {
    const refused = fake.calls.filter((call) => call.answer === "rate-limited").length;
    response.writeHead(200, { "content-type": "application/json" });
    response.end(
      JSON.stringify({
        delivered: fake.delivered(),
        accepted: fake.calls.length - refused,
        refused,
        ...(perAddress ? { perAddress: Object.fromEntries(fake.deliveries) } : {}),
      }),
    );
  });
  await new Promise<void>((resolve) => stats.listen(0, "127.0.0.1", resolve));
  const address = stats.address();
  const statsPort = typeof address === "object" && address ? address.port : 0;
  process.stdout.write(`${JSON.stringify({ url: fake.url, stats: `http://127.0.0.1:${statsPort}` })}\n`);
  process.on("disconnect", () => process.exit(0));
  // Started with a pipe instead of an IPC channel (the chaos run): end with the parent's pipe.
  if (!process.send) {
    process.stdin.on("end", () => process.exit(0));
    process.stdin.resume();
  }
}

void main();
