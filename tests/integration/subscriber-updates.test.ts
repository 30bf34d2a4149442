import { expect, it } from "vitest";
import { sentEmails } from "@/db/schema";
import type { Database } from "@/db/database";
import { deliverQueuedEmails } from "@/lib/email/outbox";
import { listDevMailbox } from "@/lib/email/dev-mailbox";
import { STORED_CONSENT_TEXT } from "@/lib/subscribers/consent";
import { confirmSubscription } from "@/lib/subscribers/confirm-subscription";
import { requestSubscription } from "@/lib/subscribers/request-subscription";
import { sendUpdateToSubscribers, type SubscriberUpdate } from "@/lib/subscribers/send-update";
import { signUnsubscribeToken } from "@/lib/subscribers/tokens";
import { unsubscribe } from "@/lib/subscribers/unsubscribe";
import type { SubscriptionSettings } from "@/lib/subscribers/subscription-settings";
import { describeEachDatabase } from "../support/test-database";

const settings: SubscriptionSettings = { appUrl: "https://give.example.org", organisationName: "Lantern", confirmationTtlHours: 48, linkSecret: "update-test-secret" };

const update: SubscriberUpdate = {
  updateId: "2026-03-spring-report",
  subject: "Spring report: what your support did",
  heading: "Three families reached safety",
  paragraphs: ["Thanks to you, three families reached safety this spring.", "Here is what comes next."],
  link: { label: "Read the full report", url: "https://give.example.org/campaigns/foreign-media-in-north-korea" },
};

async function subscribe(db: Database, email: string, firstName: string | null, confirm: boolean): Promise<string> {
  const result = await requestSubscription(db, { email, firstName, source: "home", consentText: STORED_CONSENT_TEXT }, settings);
  await deliverQueuedEmails(db, { keys: result.emailKeys });
  if (confirm) {
    const [mail] = await listDevMailbox(db, { to: email });
    const token = /token=([A-Za-z0-9_-]{43})/.exec(mail?.html ?? "")?.[1];
    expect((await confirmSubscription(db, token)).kind).toBe("confirmed");
  }
  return result.subscriberId;
}

describeEachDatabase("subscriber updates", (db) => {
  it("emails confirmed subscribers only, each with a personal unsubscribe link and RFC 8058 headers", async () => {
    const ada = await subscribe(db(), "ada@example.org", "Ada", true);
    const bob = await subscribe(db(), "bob@example.org", null, true);
    await subscribe(db(), "pending@example.org", null, false);
    const gone = await subscribe(db(), "gone@example.org", null, true);
    await unsubscribe(db(), signUnsubscribeToken(gone, settings.linkSecret), settings.linkSecret);

    expect(await sendUpdateToSubscribers(db(), update, settings, { batchSize: 1 })).toEqual({ recipients: 2, sent: 2, failed: 0 });

    for (const [email, id, greeting] of [["ada@example.org", ada, "Dear Ada,"], ["bob@example.org", bob, "Hello,"]] as const) {
      const [mail] = (await listDevMailbox(db(), { to: email })).filter((m) => m.subject === update.subject);
      const token = signUnsubscribeToken(id, settings.linkSecret);
      expect(mail?.headers).toEqual({
        "List-Unsubscribe": `<https://give.example.org/unsubscribe/one-click?token=${token}>`,
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
      });
      expect(mail?.html).toContain(`href="https://give.example.org/unsubscribe?token=${token}"`);
      expect(mail?.html).toContain("Unsubscribe from these updates");
      expect(mail?.html).toContain(greeting);
      expect(mail?.html).toContain("Three families reached safety");
      expect(mail?.html).not.toContain("<!-- -->");
      expect(mail?.text).toContain("Thanks to you, three families reached safety this spring.");
    }
    for (const email of ["pending@example.org", "gone@example.org"]) {
      expect((await listDevMailbox(db(), { to: email })).some((m) => m.subject === update.subject)).toBe(false);
    }
  });

  it("never sends the same update to anyone twice", async () => {
    expect(await sendUpdateToSubscribers(db(), update, settings)).toEqual({ recipients: 2, sent: 0, failed: 0 });
    const rows = (await db().select().from(sentEmails)).filter((row) => row.idempotencyKey.startsWith(`update:${update.updateId}:`));
    expect(rows).toHaveLength(2);
    expect((await listDevMailbox(db(), { to: "ada@example.org" })).filter((m) => m.subject === update.subject)).toHaveLength(1);
  });

  it("refuses an update id that could collide with other outbox keys", async () => {
    await expect(sendUpdateToSubscribers(db(), { ...update, updateId: "Spring report:1" }, settings)).rejects.toThrow("updateId");
  });
});
