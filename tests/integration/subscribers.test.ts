import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { sentEmails, subscriberConfirmations, subscribers } from "@/db/schema";
import type { Database } from "@/db/database";
import { deliverQueuedEmails } from "@/lib/email/outbox";
import { listDevMailbox } from "@/lib/email/dev-mailbox";
import { REDACTED_PROP } from "@/lib/email/render-email";
import { STORED_CONSENT_TEXT } from "@/lib/subscribers/consent";
import { confirmSubscription, resendConfirmation } from "@/lib/subscribers/confirm-subscription";
import { HONEYPOT_FIELD, SIGN_UP_MESSAGES } from "@/lib/subscribers/form-states";
import { purgeUnconfirmedSubscribers } from "@/lib/subscribers/purge-unconfirmed";
import { requestSubscription } from "@/lib/subscribers/request-subscription";
import { handleSignUp } from "@/lib/subscribers/sign-up";
import { SIGN_UP_LIMIT_PER_ADDRESS, SIGN_UP_LIMIT_PER_CLIENT } from "@/lib/rate-limit/rules";
import { hashConfirmationToken, signUnsubscribeToken } from "@/lib/subscribers/tokens";
import { findUnsubscribeTarget, unsubscribe } from "@/lib/subscribers/unsubscribe";
import type { SubscriptionSettings } from "@/lib/subscribers/subscription-settings";
import { describeEachDatabase } from "../support/test-database";

const settings: SubscriptionSettings = {
  appUrl: "http://localhost:3102",
  organisationName: "Lantern",
  confirmationTtlHours: 48,
  linkSecret: "integration-test-secret",
};
const T0 = new Date("2026-03-01T12:00:00Z");
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);
const hours = (n: number) => minutes(n * 60);

let clientCounter = 0;
/** A fresh client address per call, so per-client limits only bite where a test wants them to. */
const freshClient = () => `198.51.100.${++clientCounter}`;

function form(email: string, extra: Record<string, unknown> = {}) {
  return { email, firstName: "", source: "home", [HONEYPOT_FIELD]: "", ...extra };
}

async function subscriberRow(db: Database, email: string) {
  const [row] = await db
    .select()
    .from(subscribers)
    .where(sql`lower(${subscribers.email}) = ${email.toLowerCase()}`);
  return row;
}

/** Delivers queued emails, then returns the confirmation tokens mailed to `to`, newest first. */
async function mailedTokens(db: Database, to: string, keys: string[]): Promise<string[]> {
  await deliverQueuedEmails(db, { keys });
  const inbox = await listDevMailbox(db, { to });
  return inbox.map((message) => /subscribe\/confirm\?token=([A-Za-z0-9_-]{43})/.exec(message.html)?.[1]).filter((t): t is string => !!t);
}

describeEachDatabase("subscribers: double opt-in", (db) => {
  it("goes pending → confirmed → unsubscribed → pending again → confirmed", async () => {
    const email = "cycle@example.org";
    const first = await requestSubscription(
      db(),
      { email, firstName: "Ada", source: "campaign:foreign-media-in-north-korea", consentText: STORED_CONSENT_TEXT },
      settings,
      T0,
    );
    expect(first.outcome).toBe("confirmation-sent");
    let row = await subscriberRow(db(), email);
    expect(row).toMatchObject({
      status: "pending",
      firstName: "Ada",
      source: "campaign:foreign-media-in-north-korea",
      consentText: STORED_CONSENT_TEXT,
      confirmedAt: null,
    });
    expect(row?.consentedAt.toISOString()).toBe(T0.toISOString());

    const [token] = await mailedTokens(db(), email, first.emailKeys);
    expect(token).toBeDefined();
    expect(await confirmSubscription(db(), token, minutes(10))).toEqual({ kind: "confirmed", subscriberId: first.subscriberId });
    row = await subscriberRow(db(), email);
    expect(row?.status).toBe("confirmed");
    expect(row?.confirmedAt?.toISOString()).toBe(minutes(10).toISOString());

    const unsubscribeToken = signUnsubscribeToken(first.subscriberId, settings.linkSecret);
    expect(await unsubscribe(db(), unsubscribeToken, settings.linkSecret, hours(1))).toEqual({ kind: "unsubscribed", subscriberId: first.subscriberId });
    row = await subscriberRow(db(), email);
    expect(row?.status).toBe("unsubscribed");
    expect(row?.unsubscribedAt?.toISOString()).toBe(hours(1).toISOString());

    const again = await requestSubscription(db(), { email, firstName: null, source: "footer", consentText: STORED_CONSENT_TEXT }, settings, hours(2));
    expect(again).toMatchObject({ outcome: "confirmation-sent", subscriberId: first.subscriberId });
    row = await subscriberRow(db(), email);
    expect(row).toMatchObject({ status: "pending", source: "footer", firstName: "Ada" });
    expect(row?.consentedAt.toISOString()).toBe(hours(2).toISOString());
    // The old, used link does not bring the subscription back.
    expect(await confirmSubscription(db(), token, hours(2))).toEqual({ kind: "used" });
    expect((await subscriberRow(db(), email))?.status).toBe("pending");

    const [newToken] = await mailedTokens(db(), email, again.emailKeys);
    expect(newToken).not.toBe(token);
    expect(await confirmSubscription(db(), newToken, hours(3))).toEqual({ kind: "confirmed", subscriberId: first.subscriberId });
    expect((await subscriberRow(db(), email))?.status).toBe("confirmed");
  });

  it("stores only a hash of the link's token, and the outbox forgets the link once delivered", async () => {
    const email = "hash-only@example.org";
    const result = await requestSubscription(db(), { email, firstName: null, source: "home", consentText: STORED_CONSENT_TEXT }, settings, T0);
    const [queued] = await db().select().from(sentEmails).where(eq(sentEmails.idempotencyKey, result.emailKeys[0]!));
    expect(queued?.props.confirmUrl).toMatch(/token=/); // needed until it is sent
    const [token] = await mailedTokens(db(), email, result.emailKeys);
    const [confirmation] = await db().select().from(subscriberConfirmations).where(eq(subscriberConfirmations.subscriberId, result.subscriberId));
    expect(confirmation?.tokenHash).toBe(hashConfirmationToken(token!));
    const [sent] = await db().select().from(sentEmails).where(eq(sentEmails.idempotencyKey, result.emailKeys[0]!));
    expect(sent?.status).toBe("sent");
    expect(sent?.props.confirmUrl).toBe(REDACTED_PROP);
    expect(JSON.stringify(sent)).not.toContain(token!);
    const everything = JSON.stringify([
      await db().select().from(subscribers),
      await db().select().from(subscriberConfirmations),
      await db().select().from(sentEmails),
    ]);
    expect(everything).not.toContain(token!);
  });

  it("confirms once: a second visit says already confirmed; an unknown or malformed token is invalid", async () => {
    const email = "once@example.org";
    const result = await requestSubscription(db(), { email, firstName: null, source: "home", consentText: STORED_CONSENT_TEXT }, settings, T0);
    const [token] = await mailedTokens(db(), email, result.emailKeys);
    const outcomes = await Promise.all([confirmSubscription(db(), token, minutes(1)), confirmSubscription(db(), token, minutes(1))]);
    expect(outcomes.map((o) => o.kind).sort()).toEqual(["already-confirmed", "confirmed"]);
    expect(await confirmSubscription(db(), token, minutes(2))).toEqual({ kind: "already-confirmed" });
    expect(await confirmSubscription(db(), "A".repeat(43), minutes(2))).toEqual({ kind: "invalid" });
    expect(await confirmSubscription(db(), "not a token", minutes(2))).toEqual({ kind: "invalid" });
    expect(await confirmSubscription(db(), undefined, minutes(2))).toEqual({ kind: "invalid" });
  });

  it("refuses an expired link, then sends a fresh one on request that works", async () => {
    const email = "late@example.org";
    const result = await requestSubscription(db(), { email, firstName: null, source: "home", consentText: STORED_CONSENT_TEXT }, settings, T0);
    const [token] = await mailedTokens(db(), email, result.emailKeys);
    expect(await confirmSubscription(db(), token, new Date(hours(48).getTime() - 1))).toMatchObject({ kind: "confirmed" });

    const other = "later@example.org";
    const second = await requestSubscription(db(), { email: other, firstName: null, source: "home", consentText: STORED_CONSENT_TEXT }, settings, T0);
    const [expiring] = await mailedTokens(db(), other, second.emailKeys);
    expect(await confirmSubscription(db(), expiring, hours(48))).toEqual({ kind: "expired" });
    expect((await subscriberRow(db(), other))?.status).toBe("pending");

    const resent = await resendConfirmation(db(), expiring, settings, hours(49));
    expect(resent.kind).toBe("sent");
    const tokens = await mailedTokens(db(), other, resent.kind === "sent" ? resent.emailKeys : []);
    expect(tokens).toHaveLength(2);
    expect(tokens[0]).not.toBe(expiring);
    expect(await confirmSubscription(db(), tokens[0], hours(50))).toMatchObject({ kind: "confirmed" });
    expect(await resendConfirmation(db(), expiring, settings, hours(51))).toEqual({ kind: "already-confirmed" });
    expect(await resendConfirmation(db(), "B".repeat(43), settings, hours(51))).toEqual({ kind: "invalid" });
  });

  it("re-sends to a pending address at most once per few minutes, and every link sent stays valid", async () => {
    const email = "Pending.Person@Example.org";
    const sign = (at: Date) => requestSubscription(db(), { email, firstName: null, source: "home", consentText: STORED_CONSENT_TEXT }, settings, at);
    const first = await sign(T0);
    const soon = await sign(minutes(2));
    expect(soon).toEqual({ outcome: "confirmation-recently-sent", subscriberId: first.subscriberId, emailKeys: [] });
    const later = await sign(minutes(6));
    expect(later.outcome).toBe("confirmation-sent");
    const tokens = await mailedTokens(db(), email, [...first.emailKeys, ...later.emailKeys]);
    expect(tokens).toHaveLength(2);
    expect(await resendConfirmation(db(), tokens[0], settings, minutes(7))).toEqual({ kind: "recently-sent" });
    // The older email's link still confirms; afterwards the newer one is spent too.
    expect(await confirmSubscription(db(), tokens[1], minutes(8))).toMatchObject({ kind: "confirmed" });
    expect(await confirmSubscription(db(), tokens[0], minutes(9))).toEqual({ kind: "already-confirmed" });
    expect(
      await db()
        .select()
        .from(subscribers)
        .where(sql`lower(${subscribers.email}) = 'pending.person@example.org'`),
    ).toHaveLength(1);
  });

  it("never stores the same person twice, whatever the case or concurrency", async () => {
    const variants = ["Twice@example.org", "twice@EXAMPLE.org", "TWICE@example.org", "twice@example.org"];
    const results = await Promise.all(
      variants.map((email) => requestSubscription(db(), { email, firstName: null, source: "home", consentText: STORED_CONSENT_TEXT }, settings, T0)),
    );
    expect(new Set(results.map((r) => r.subscriberId)).size).toBe(1);
    expect(results.filter((r) => r.outcome === "confirmation-sent")).toHaveLength(1);
    expect(
      await db()
        .select()
        .from(subscribers)
        .where(sql`lower(${subscribers.email}) = 'twice@example.org'`),
    ).toHaveLength(1);
  });

  it("sends nothing new to a confirmed address and leaves it as it was", async () => {
    const email = "settled@example.org";
    const first = await requestSubscription(db(), { email, firstName: "Grace", source: "home", consentText: STORED_CONSENT_TEXT }, settings, T0);
    const [token] = await mailedTokens(db(), email, first.emailKeys);
    await confirmSubscription(db(), token, minutes(1));
    const before = await subscriberRow(db(), email);
    const again = await requestSubscription(db(), { email, firstName: "Mallory", source: "footer", consentText: STORED_CONSENT_TEXT }, settings, hours(5));
    expect(again).toEqual({ outcome: "already-confirmed", subscriberId: first.subscriberId, emailKeys: [] });
    expect(await subscriberRow(db(), email)).toEqual(before);
    expect(await listDevMailbox(db(), { to: email })).toHaveLength(1);
  });

  it("unsubscribes through a signed link only, records the time once, and withdraws pending links", async () => {
    const email = "leaving@example.org";
    const first = await requestSubscription(db(), { email, firstName: null, source: "home", consentText: STORED_CONSENT_TEXT }, settings, T0);
    const [token] = await mailedTokens(db(), email, first.emailKeys);
    const link = signUnsubscribeToken(first.subscriberId, settings.linkSecret);
    expect(await findUnsubscribeTarget(db(), link, settings.linkSecret)).toEqual({ maskedEmail: "l***@example.org", alreadyUnsubscribed: false });
    expect(await findUnsubscribeTarget(db(), link, "wrong-secret")).toBeNull();
    expect(await unsubscribe(db(), signUnsubscribeToken(first.subscriberId, "wrong-secret"), settings.linkSecret, minutes(1))).toEqual({ kind: "invalid" });
    expect((await subscriberRow(db(), email))?.status).toBe("pending");

    expect(await unsubscribe(db(), link, settings.linkSecret, minutes(2))).toMatchObject({ kind: "unsubscribed" });
    expect(await unsubscribe(db(), link, settings.linkSecret, minutes(3))).toMatchObject({ kind: "already-unsubscribed" });
    expect((await subscriberRow(db(), email))?.unsubscribedAt?.toISOString()).toBe(minutes(2).toISOString());
    expect(await findUnsubscribeTarget(db(), link, settings.linkSecret)).toMatchObject({ alreadyUnsubscribed: true });
    // The confirmation link sent before unsubscribing no longer works.
    expect(await confirmSubscription(db(), token, minutes(4))).toEqual({ kind: "used" });
    expect(await resendConfirmation(db(), token, settings, minutes(4))).toEqual({ kind: "not-pending" });
    expect(await unsubscribe(db(), signUnsubscribeToken("00000000-0000-4000-8000-000000000000", settings.linkSecret), settings.linkSecret)).toEqual({
      kind: "invalid",
    });
  });

  it("deletes sign-ups never confirmed within 30 days, and nothing else", async () => {
    const stale = await requestSubscription(
      db(),
      { email: "stale@example.org", firstName: null, source: "home", consentText: STORED_CONSENT_TEXT },
      settings,
      T0,
    );
    const fresh = await requestSubscription(
      db(),
      { email: "fresh@example.org", firstName: null, source: "home", consentText: STORED_CONSENT_TEXT },
      settings,
      hours(24 * 29),
    );
    expect(await purgeUnconfirmedSubscribers(db(), hours(24 * 30 + 1))).toBeGreaterThanOrEqual(1);
    const ids = (await db().select({ id: subscribers.id }).from(subscribers)).map((r) => r.id);
    expect(ids).not.toContain(stale.subscriberId);
    expect(ids).toContain(fresh.subscriberId);
    expect(await db().select().from(subscriberConfirmations).where(eq(subscriberConfirmations.subscriberId, stale.subscriberId))).toHaveLength(0);
    // Confirmed subscribers are never purged (settled@ and cycle@ above are older still).
    expect((await subscriberRow(db(), "settled@example.org"))?.status).toBe("confirmed");
  });
});

describeEachDatabase("subscribers: the sign-up form's answers", (db) => {
  const settingsFor = settings;

  it("answers identically for a new, pending, confirmed and unsubscribed address", async () => {
    const addresses = { fresh: "new@example.org", pending: "waiting@example.org", confirmed: "member@example.org", unsubscribed: "former@example.org" };
    for (const email of [addresses.pending, addresses.confirmed, addresses.unsubscribed]) {
      const signed = await handleSignUp(db(), form(email), { client: freshClient() }, settingsFor, T0);
      const [token] = await mailedTokens(db(), email, signed.emailKeys);
      if (email !== addresses.pending) {
        const confirmed = await confirmSubscription(db(), token, minutes(1));
        if (email === addresses.unsubscribed && confirmed.kind === "confirmed") {
          await unsubscribe(db(), signUnsubscribeToken(confirmed.subscriberId, settingsFor.linkSecret), settingsFor.linkSecret, minutes(2));
        }
      }
    }
    const answers = await Promise.all(
      Object.values(addresses).map((email) => handleSignUp(db(), form(email), { client: freshClient() }, settingsFor, minutes(3))),
    );
    for (const answer of answers) expect(answer.answer).toEqual({ message: SIGN_UP_MESSAGES.success });
    expect(answers.map((a) => a.outcome)).toEqual(["confirmation-sent", "confirmation-recently-sent", "already-confirmed", "confirmation-sent"]);
    // A confirmed address gets nothing; the visitor cannot tell.
    expect(answers[2]?.emailKeys).toEqual([]);
  });

  it.each([
    ["", "Enter your email address."],
    ["ada@example", "Check the part after the @: it should look like example.org."],
    ["ada.example.org", "An email address needs an @, like name@example.org."],
    ["ada lovelace@example.org", "Enter a valid email address, like name@example.org."],
  ])("refuses %j with a plain message and writes nothing", async (email, message) => {
    const before = (await db().select().from(subscribers)).length;
    const answer = await handleSignUp(db(), form(email, { firstName: "Ada" }), { client: freshClient() }, settingsFor, T0);
    expect(answer.answer).toEqual({ errors: { email: message } });
    expect(answer.emailKeys).toEqual([]);
    expect((await db().select().from(subscribers)).length).toBe(before);
  });

  it("refuses a link in the first name field, and a forged source", async () => {
    const spam = await handleSignUp(
      db(),
      form("name-spam@example.org", { firstName: "Win $$$ at https://spam.example" }),
      { client: freshClient() },
      settingsFor,
      T0,
    );
    expect(spam.answer).toEqual({ errors: { firstName: "Enter just your first name, without links or symbols." } });
    const forged = await handleSignUp(db(), form("forged@example.org", { source: "<script>" }), { client: freshClient() }, settingsFor, T0);
    expect(forged.answer).toEqual({ errors: { form: SIGN_UP_MESSAGES.badForm } });
    expect(await subscriberRow(db(), "name-spam@example.org")).toBeUndefined();
    expect(await subscriberRow(db(), "forged@example.org")).toBeUndefined();
  });

  it("pretends success to a bot that fills the honeypot, and records nothing", async () => {
    const answer = await handleSignUp(db(), form("bot@example.org", { [HONEYPOT_FIELD]: "12:00" }), { client: freshClient() }, settingsFor, T0);
    expect(answer).toEqual({ answer: { message: SIGN_UP_MESSAGES.success }, emailKeys: [], outcome: "honeypot" });
    expect(await subscriberRow(db(), "bot@example.org")).toBeUndefined();
  });

  it("refuses a burst from one client politely, then other clients still get through", async () => {
    const client = freshClient();
    const answers = [];
    for (let i = 0; i <= SIGN_UP_LIMIT_PER_CLIENT.points; i++) {
      answers.push(await handleSignUp(db(), form(`burst${i}@example.org`), { client }, settingsFor, T0));
    }
    expect(answers.slice(0, -1).every((a) => a.answer.message === SIGN_UP_MESSAGES.success)).toBe(true);
    const refused = answers.at(-1)!;
    expect(refused.answer).toEqual({ errors: { form: SIGN_UP_MESSAGES.rateLimited } });
    expect(await subscriberRow(db(), `burst${SIGN_UP_LIMIT_PER_CLIENT.points}@example.org`)).toBeUndefined();
    expect((await handleSignUp(db(), form("another-client@example.org"), { client: freshClient() }, settingsFor, T0)).answer.message).toBe(
      SIGN_UP_MESSAGES.success,
    );
  });

  it("limits one address across many clients", async () => {
    const answers = [];
    for (let i = 0; i <= SIGN_UP_LIMIT_PER_ADDRESS.points; i++) {
      answers.push(await handleSignUp(db(), form(i % 2 ? "Target@example.org" : "target@example.org"), { client: freshClient() }, settingsFor, T0));
    }
    expect(answers.slice(0, -1).every((a) => a.answer.message === SIGN_UP_MESSAGES.success)).toBe(true);
    expect(answers.at(-1)?.answer).toEqual({ errors: { form: SIGN_UP_MESSAGES.rateLimited } });
    // One confirmation email went out; the rest were throttled silently.
    expect(answers.filter((a) => a.outcome === "confirmation-sent")).toHaveLength(1);
  });
});

describe("subscribers: module boundaries", () => {
  it("keeps the consent text that is stored in step with the form's statement", () => {
    expect(STORED_CONSENT_TEXT).toContain("/privacy");
    expect(STORED_CONSENT_TEXT).toMatch(/^We'll email you occasional updates/);
  });
});
