import { getDatabaseDriver } from "@/db/client";
import { deriveAuthUrl } from "@/lib/auth/auth-url";
import { startCacheTagListener } from "@/lib/cache/cache-tag-listener";
import { parseEnv } from "@/lib/env";
import { describeRole } from "@/lib/env/process-role";
import { refuseForbiddenMethods } from "@/lib/http/unsupported-methods";
import { stampPeerAddressOnRequests } from "@/lib/rate-limit/peer-address";
import { describeError } from "@/lib/errors/describe-error";
import { countHttpResponses } from "@/lib/observability/http-responses";
import { logger } from "@/lib/observability/logger";

const log = logger("lantern");

/**
 * Runs once when the server starts: validate the environment, then open, migrate and seed the
 * database, so a misconfigured server stops at once with one clear sentence instead of
 * failing on its first request.
 */
export async function prepareServer(): Promise<void> {
  // Rate limits key on the connection's address; Next.js does not pass the socket on.
  stampPeerAddressOnRequests();
  // TRACE and its like would reach Next only to become a 500.
  refuseForbiddenMethods();
  // lantern_http_responses_total: every response by status class, for the 5xx-rate alert.
  countHttpResponses();
  // `next build` loads this hook too; the build must not need a database.
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  let env: ReturnType<typeof parseEnv>;
  try {
    env = parseEnv(process.env);
    deriveAuthUrl();
  } catch (error) {
    // One plain sentence on stderr, not a log line: the environment being wrong may be LOG_LEVEL or LOG_FORMAT.
    console.error(describeError(error));
    process.exit(1);
  }
  try {
    log.info(`database ready (${await getDatabaseDriver()})`);
    // Several instances on one PostgreSQL: expire here what the others expire there.
    if (env.DATABASE_URL) startCacheTagListener(env.DATABASE_URL);
    // Every instance sends from the shared outbox; SKIP LOCKED keeps them from sending twice.
    // Update emails are personalised by the step lib/updates registers; this worker sends them too.
    await import("@/lib/updates/update-email-personalisation");
    const { startAppDeliveryWorker } = await import("@/lib/email/app-delivery-worker");
    const worker = startAppDeliveryWorker();
    if (worker) log.info("email delivery worker started");
    log.info(describeRole(env.LANTERN_ROLE, worker !== null));
  } catch (error) {
    const reason = describeError(error);
    log.fatal(`Lantern cannot start: the database could not be opened (${reason}).`);
    process.exit(1);
  }
}
