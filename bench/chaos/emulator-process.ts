/**
 * The chaos run's Stripe emulator in a process of its own (bench/chaos/chaos-run.ts starts it).
 * It stands in for Stripe's servers: their work (building events, answering the handlers'
 * reads, delivering webhooks) must not share the app's one JavaScript thread, nor count as the
 * app's CPU time.
 *
 * Protocol: prints `EMULATOR <origin>` once listening; then reads one line of JSON,
 * `{ "apiKey": …, "webhookSecret": …, "webhookUrl"?: …, "delivery"?: …, "retryDelaysMs"?: … }` (the
 * app's installation secrets, known only once the app's environment points at this origin, and
 * where and how to deliver webhooks: like Stripe, concurrently, in no order, some twice), and
 * serves. Each later line `drain` is answered, once every delivery (retries and duplicates
 * included) is done, with `DRAINED <json>`: tries, duplicates sent, deliveries given up. Exits
 * when its stdin closes.
 */
import { createInterface } from "node:readline";
import { createEmulator, type DeliveryBehaviour, type StripeEmulator } from "@lantern/stripe-emulator";
import { listenOnLoopback } from "@lantern/stripe-emulator/testing";

interface Configuration {
  apiKey: string;
  webhookSecret: string;
  webhookUrl?: string | null;
  delivery?: Partial<DeliveryBehaviour>;
  retryDelaysMs?: number[];
}

async function main(): Promise<void> {
  let created: (emulator: StripeEmulator) => void = () => undefined;
  const emulator = new Promise<StripeEmulator>((resolve) => (created = resolve));
  const server = await listenOnLoopback(async (request) => (await emulator).handle(request));
  process.stdout.write(`EMULATOR ${server.origin}\n`);
  const lines = createInterface({ input: process.stdin });
  let running: StripeEmulator | null = null;
  let tries = 0;
  let duplicates = 0;
  let gaveUp = 0;
  lines.on("line", (line) => {
    if (running) {
      if (line.trim() !== "drain") return;
      const emulatorNow = running;
      void emulatorNow.waitForDeliveries({ timeoutMs: 1_800_000 }).then(
        () => process.stdout.write(`DRAINED ${JSON.stringify({ tries, duplicates, gaveUp, seed: emulatorNow.deliverySeed })}\n`),
        (error: unknown) => process.stdout.write(`DRAINED ${JSON.stringify({ tries, duplicates, gaveUp, error: String(error) })}\n`),
      );
      return;
    }
    const config = JSON.parse(line) as Configuration;
    running = createEmulator({
      apiKey: config.apiKey,
      webhookSecret: config.webhookSecret,
      webhookUrl: config.webhookUrl ?? null,
      webhookDelivery: config.delivery,
      ...(config.retryDelaysMs ? { webhookRetryDelaysMs: config.retryDelaysMs } : {}),
      webhookTimeoutMs: 120_000,
      persistPath: null,
      onDeliveryAttempt: (attempt) => {
        tries += 1;
        if (attempt.duplicate) duplicates += 1;
      },
      logger: {
        // The delivery worker's lines are its tally: a retry, or a delivery given up.
        warn: (message: unknown) => {
          if (String(message).includes("gave up delivering")) gaveUp += 1;
        },
        error: () => undefined,
      },
    });
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
