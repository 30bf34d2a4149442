/**
 * The benchmark's fake Resend in a process of its own, so the worker's figures (CPU, memory)
 * are the worker's alone. Prints `{"url": …}` once listening; answers `GET /stats` with what it
 * received; exits when its parent does.
 */
import { createServer } from "node:http";
import { startFakeResend } from "../tests/support/fake-resend";

async function main(): Promise<void> {
  const rate = Number(process.env.BENCH_RATE ?? 10);
  const fake = await startFakeResend({ maxCallsPerSecond: rate, countOnly: true });
  const stats = createServer((_request, response) => {
    const refused = fake.calls.filter((call) => call.answer === "rate-limited").length;
    response.writeHead(200, { "content-type": "application/json" });
    response.end(JSON.stringify({ delivered: fake.delivered(), accepted: fake.calls.length - refused, refused }));
  });
  await new Promise<void>((resolve) => stats.listen(0, "127.0.0.1", resolve));
  const address = stats.address();
  const statsPort = typeof address === "object" && address ? address.port : 0;
  process.stdout.write(`${JSON.stringify({ url: fake.url, stats: `http://127.0.0.1:${statsPort}` })}\n`);
  process.on("disconnect", () => process.exit(0));
}

void main();
