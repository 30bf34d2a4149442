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
import { logger } from "@/lib/observability/logger";

// A service, like the web instances: its lines go to stdout, JSON in production.
const log = logger("worker");

async function main(): Promise<void> {
  // Set before the environment is first read: this process exists to send, whatever role the
  // environment it shares with the web processes names.
  process.env.EMAIL_WORKER = "enabled";
  process.env.LANTERN_ROLE = "worker";
  parseEnv(process.env);
  log.info(`delivery worker on ${await getDatabaseDriver()}`);
  const worker = startAppDeliveryWorker();
  const stop = async () => {
    log.info("delivery worker stopping after the current round");
    await worker?.stop();
    process.exit(0);
  };
  process.once("SIGINT", () => void stop());
  process.once("SIGTERM", () => void stop());
}

main().catch((error: unknown) => {
  log.fatal(describeError(error));
  process.exit(1);
});
