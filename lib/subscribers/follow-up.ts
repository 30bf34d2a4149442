import "server-only";
import type { Database } from "@/db/database";
import { deliverQueuedEmails } from "@/lib/email/outbox";
import { audienceConfigFromEnv, syncSubscriberAudience } from "./audience-sync";
import { purgeUnconfirmedSubscribers } from "./purge-unconfirmed";
import { describeError } from "@/lib/errors/describe-error";
import { logger } from "@/lib/observability/logger";

const log = logger("subscribers");

export interface FollowUp {
  /** Outbox keys queued by the request, delivered now that it has committed. */
  emailKeys?: string[];
  /**
   * The subscriber whose confirmation or unsubscribe is to be pushed to the Resend audience (when
   * one is configured); a few older rows still out of step are retried after it.
   */
  syncAudienceFor?: string;
  /** Delete sign-ups never confirmed within the retention period. */
  purgeUnconfirmed?: boolean;
}

/**
 * Work a subscriber request leaves for after the response (Next's `after`): sending takes the
 * same time whatever the address's state, so response timing cannot reveal who is subscribed.
 * Never throws: a failure is logged and retried by the next run (queued emails stay queued,
 * unsynced rows stay out of step).
 */
export async function runSubscriberFollowUp(db: Database, work: FollowUp): Promise<void> {
  try {
    if (work.emailKeys?.length) await deliverQueuedEmails(db, { keys: work.emailKeys });
    const config = work.syncAudienceFor ? audienceConfigFromEnv() : null;
    if (config && work.syncAudienceFor) {
      await syncSubscriberAudience(db, config, { subscriberIds: [work.syncAudienceFor] });
      await syncSubscriberAudience(db, config, { limit: 10 });
    }
    if (work.purgeUnconfirmed) await purgeUnconfirmedSubscribers(db);
  } catch (error) {
    log.error(`follow-up failed: ${describeError(error)}`);
  }
}
