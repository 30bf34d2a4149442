/**
 * Writes the subscriber fixtures (see subscriber-fixture-data.ts) into the e2e database and sends
 * the update through the real sender, so its emails, links and headers are exactly what
 * production sends. Runs inside prepare-e2e-data.ts, under tsx with tsconfig.scripts.json
 * (which maps `server-only` to a stub, as Vitest does).
 */
import { subscriberConfirmations, subscribers } from "../../../db/schema";
import type { Database } from "../../../db/database";
import { STORED_CONSENT_TEXT } from "../../../lib/subscribers/consent";
import { sendUpdateToSubscribers } from "../../../lib/subscribers/send-update";
import { subscriptionSettings } from "../../../lib/subscribers/subscription-settings";
import { hashConfirmationToken } from "../../../lib/subscribers/tokens";
import { E2E_UPDATE, EXPIRED_LINK, UPDATE_READERS } from "./subscriber-fixture-data";

export async function prepareSubscriberFixtures(db: Database): Promise<void> {
  const longAgo = new Date(Date.UTC(2024, 0, 1));
  const consent = { source: "home", consentText: STORED_CONSENT_TEXT, consentedAt: longAgo };

  const [pending] = await db
    .insert(subscribers)
    .values({ email: EXPIRED_LINK.email, status: "pending", confirmationSentAt: longAgo, ...consent, consentedAt: new Date() })
    .returning();
  if (!pending) throw new Error("expired-link subscriber not created");
  await db.insert(subscriberConfirmations).values({
    subscriberId: pending.id,
    tokenHash: hashConfirmationToken(EXPIRED_LINK.token),
    expiresAt: new Date(longAgo.getTime() + 48 * 3_600_000),
    createdAt: longAgo,
  });

  await db.insert(subscribers).values(
    Object.values(UPDATE_READERS).map((reader) => ({ ...reader, status: "confirmed" as const, confirmedAt: longAgo, ...consent })),
  );
  const settings = subscriptionSettings();
  const report = await sendUpdateToSubscribers(
    db,
    { ...E2E_UPDATE, paragraphs: [...E2E_UPDATE.paragraphs], link: { label: "Read our campaigns", url: new URL("/#campaigns", settings.appUrl).toString() } },
    settings,
  );
  if (report.sent !== Object.keys(UPDATE_READERS).length) throw new Error(`update fixture: expected every reader to get the update, got ${JSON.stringify(report)}`);
}
