/**
 * `npm run worker`: the outbox delivery worker on its own, for deployments that want sending
 * apart from the web instances (set EMAIL_WORKER=disabled on those). Safe beside in-app workers.
 */
import { getDatabaseDriver } from "@/db/client";
import { parseEnv } from "@/lib/env";
import { startAppDeliveryWorker } from "@/lib/email/app-delivery-worker";
// Registers how update emails are personalised (the outbox calls it; lib/email imports no feature folder).
import "@/lib/updates/update-email-personalisation";
import { describeError } from "@/lib/errors/describe-error";

async function main(): Promise<void> {
  // Set before the environment is first read: this process exists to send, whatever role the
  // environment it shares with the web processes names.
  process.env.EMAIL_WORKER = "enabled";
  process.env.LANTERN_ROLE = "worker";
  parseEnv(process.env);
  console.info(`[lantern] delivery worker on ${await getDatabaseDriver()}`);
  const worker = startAppDeliveryWorker();
  const stop = async () => {
    console.info("[lantern] delivery worker stopping after the current round");
    await worker?.stop();
    process.exit(0);
  };
  process.once("SIGINT", () => void stop());
  process.once("SIGTERM", () => void stop());
}

main().catch((error: unknown) => {
  console.error(describeError(error));
  process.exit(1);
});
