import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { devMailboxMessages, sentEmails } from "@/db/schema";
import { deliverQueuedEmails, queueEmail, sendEmail } from "@/lib/email/outbox";
import { listDevMailbox } from "@/lib/email/dev-mailbox";
import { DEFAULT_DELIVERY_SETTINGS } from "@/lib/email/delivery-settings";
import { createDevMailboxTransport, type EmailTransport } from "@/lib/email/transport";
import { describeEachDatabase } from "../support/test-database";

/** The dev mailbox also writes each email as a file; these go to a throwaway folder. */
const TEST_DATA_DIR = path.join(os.tmpdir(), `lantern-mailbox-test-${process.pid}`);

const props = { organisationName: "Lantern", url: "http://localhost:3000/api/auth/callback/email?token=abc" };

describeEachDatabase("email outbox", (db) => {
  it("sends once per idempotency key into the dev mailbox", async () => {
    const email = { idempotencyKey: "sign-in:1", template: "sign-in-link" as const, to: "Ada@Example.org", props };
    expect(await sendEmail(db(), email)).toEqual({ sent: 1, failed: 0 });
    expect(await sendEmail(db(), email)).toEqual({ sent: 0, failed: 0 });
    const inbox = await listDevMailbox(db(), { to: "ada@example.org" });
    expect(inbox).toHaveLength(1);
    expect(inbox[0]?.subject).toBe("Sign in to Lantern");
    expect(inbox[0]?.html).toContain(props.url.replace(/&/g, "&amp;"));
    expect(inbox[0]?.html).not.toContain("<!-- -->");
    const [row] = await db().select().from(sentEmails).where(eq(sentEmails.idempotencyKey, "sign-in:1"));
    expect(row?.status).toBe("sent");
    expect(row?.transport).toBe("dev_mailbox");
  });

  it("does not send a queued email twice under concurrent delivery", async () => {
    await queueEmail(db(), { idempotencyKey: "sign-in:2", template: "sign-in-link", to: "bob@example.org", props });
    const reports = await Promise.all(Array.from({ length: 8 }, () => deliverQueuedEmails(db(), { keys: ["sign-in:2"] })));
    expect(reports.reduce((sum, r) => sum + r.sent, 0)).toBe(1);
    expect(await db().select().from(devMailboxMessages).where(eq(devMailboxMessages.toAddress, "bob@example.org"))).toHaveLength(1);
  });

  it("keeps a failed email pending with a later retry time, and delivers it on the next run once due", async () => {
    const healthy = createDevMailboxTransport(db(), "Lantern <giving@example.org>", TEST_DATA_DIR);
    const failing: EmailTransport = { ...healthy, send: () => Promise.reject(new Error("provider down")) };
    const context = {
      transport: failing,
      settings: DEFAULT_DELIVERY_SETTINGS,
      links: { appUrl: "https://give.example.org", organisationName: "Lantern", linkSecret: "s" },
    };
    await queueEmail(db(), { idempotencyKey: "sign-in:3", template: "sign-in-link", to: "cy@example.org", props });
    expect(await deliverQueuedEmails(db(), { keys: ["sign-in:3"], context })).toEqual({ sent: 0, failed: 1 });
    const [pending] = await db().select().from(sentEmails).where(eq(sentEmails.idempotencyKey, "sign-in:3"));
    expect(pending?.status).toBe("pending");
    expect(pending?.lastError).toContain("provider down");
    // Exponential backoff: the first retry waits the base delay (30 s), so an immediate run skips it.
    expect(pending!.nextAttemptAt.getTime() - Date.now()).toBeGreaterThan(25_000);
    expect(await deliverQueuedEmails(db(), { context: { ...context, transport: healthy } })).toEqual({ sent: 0, failed: 0 });
    await db().update(sentEmails).set({ nextAttemptAt: new Date() }).where(eq(sentEmails.idempotencyKey, "sign-in:3"));
    expect(await deliverQueuedEmails(db(), { context: { ...context, transport: healthy } })).toEqual({ sent: 1, failed: 0 });
  });

  it("rolls the email back with the transaction that queued it", async () => {
    await expect(
      db().transaction(async (tx) => {
        await queueEmail(tx, { idempotencyKey: "sign-in:4", template: "sign-in-link", to: "dee@example.org", props });
        throw new Error("work failed half-way");
      }),
    ).rejects.toThrow("half-way");
    expect(await db().select().from(sentEmails).where(eq(sentEmails.idempotencyKey, "sign-in:4"))).toHaveLength(0);
  });
});
