/**
 * Writes the subscriber fixtures (see subscriber-fixture-data.ts) into the e2e database and sends
 * the update through the real sender, so its emails, links and headers are exactly what
 * production sends. Runs inside prepare-e2e-data.ts, under tsx with tsconfig.scripts.json
 * (which maps `server-only` to a stub, as Vitest does).
 */
import { subscriberConfirmations, subscribers, updates } from "../../../db/schema";
import type { Database } from "../../../db/database";
import { STORED_CONSENT_TEXT } from "../../../lib/subscribers/consent";
import { deliverBulkBatch } from "../../../lib/email/outbox";
import { DEFAULT_DELIVERY_SETTINGS } from "../../../lib/email/delivery-settings";
import { createDevMailboxTransport } from "../../../lib/email/transport";
import { env } from "../../../lib/env";
import { publishUpdate } from "../../../lib/updates/publish-update";
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

  await db
    .insert(subscribers)
    .values(Object.values(UPDATE_READERS).map((reader) => ({ ...reader, status: "confirmed" as const, confirmedAt: longAgo, ...consent })));
  const settings = subscriptionSettings();
  const [update] = await db.insert(updates).values({ title: E2E_UPDATE.subject, bodyMarkdown: E2E_UPDATE.bodyMarkdown }).returning({ id: updates.id });
  const published = await publishUpdate(db, update!.id, "all");
  if (!published.ok) throw new Error(published.error);
  const context = { transport: createDevMailboxTransport(db, env().EMAIL_FROM, env().LANTERN_DATA_DIR), settings: DEFAULT_DELIVERY_SETTINGS, links: settings };
  let sent = 0;
  for (let report = await deliverBulkBatch(db, context); report; report = await deliverBulkBatch(db, context)) sent += report.sent;
  if (sent !== Object.keys(UPDATE_READERS).length) throw new Error(`update fixture: expected every reader to get the update, got ${sent}`);
}
