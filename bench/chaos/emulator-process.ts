/**
 * The chaos run's Stripe emulator in a process of its own (bench/chaos/chaos-run.ts starts it).
 * It stands in for Stripe's servers: their work (building events, answering the handlers'
 * reads) must not share the app's one JavaScript thread, nor count as the app's CPU time.
 *
 * Protocol: prints `EMULATOR <origin>` once listening; then reads one line of JSON,
 * `{ "apiKey": …, "webhookSecret": … }` (the app's installation secrets, known only once the app's
 * environment points at this origin), and serves. Exits when its stdin closes.
 */
import { createInterface } from "node:readline";
import { createEmulator, type StripeEmulator } from "@lantern/stripe-emulator";
import { listenOnLoopback } from "@lantern/stripe-emulator/testing";

async function main(): Promise<void> {
  let created: (emulator: StripeEmulator) => void = () => undefined;
  const emulator = new Promise<StripeEmulator>((resolve) => (created = resolve));
  const server = await listenOnLoopback(async (request) => (await emulator).handle(request));
  process.stdout.write(`EMULATOR ${server.origin}\n`);
  const lines = createInterface({ input: process.stdin });
  let running: StripeEmulator | null = null;
  lines.on("line", (line) => {
    if (running) return;
    const { apiKey, webhookSecret } = JSON.parse(line) as { apiKey: string; webhookSecret: string };
    running = createEmulator({ apiKey, webhookSecret, webhookUrl: null, persistPath: null, logger: { warn: () => undefined, error: () => undefined } });
    created(running);
  });
  lines.on("close", () => {
    void (async () => {
      await (running as StripeEmulator | null)?.close();
      await server.close();
      process.exit(0);
    })();
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
