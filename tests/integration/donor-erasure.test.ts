/**
 * A donor's data (lib/privacy): the export holds every kind of record of theirs; erasure leaves
 * no trace of their address or name in ANY text or jsonb column of ANY table (read from
 * information_schema, so a table added later is scanned too), while every total, the ledger and
 * the receipt numbers stay as they were; Stripe's customers lose their personal fields; a
 * webhook arriving after the erasure (a redelivery with a fresh event id, a payment Stripe
 * completed before the erasure but delivered after) records the money and nothing of the person;
 * erasing again changes nothing.
 */
import { eq, sql } from "drizzle-orm";
import type Stripe from "stripe";
import { afterAll, beforeAll, expect, it } from "vitest";
import { auditEvents, campaigns, donations, donorNotes, donors, erasedStripeCustomers, recurringGifts, sentEmails, subscribers } from "@/db/schema";
import type { Database } from "@/db/database";
import type { GiftCampaign } from "@/lib/donations/gift-campaign";
import { verifyLedger } from "@/lib/ledger/verify-ledger";
import { createDonationCheckout } from "@/lib/payments/create-checkout";
import { processStripeEvent } from "@/lib/payments/webhooks/process-stripe-event";
import { donorData } from "@/lib/privacy/donor-data";
import { donorDataHtml } from "@/lib/privacy/donor-data-html";
import { eraseDonor, type EraseOptions } from "@/lib/privacy/erase-donor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { donorGiving } from "@/lib/donors/donor-giving";
import { pay, startEmulator, type Harness } from "../support/stripe-emulator";
import { describeEachDatabase } from "../support/test-database";

const stamp = Date.now();
const EMAIL = `min-ji.erase-${stamp}@erasure.test`;
const NAME = "Minji Eraseme";
const DEDICATION = "Grandmother Sunhee Forgetme";
const ANSWER = "Heard on Radio Erasetest";
const ADDRESS = "17 Harbour Erasestreet, Busan";
const CARD_TO = `sunhee.card-${stamp}@erasure.test`;
const OTHER_EMAIL = `bystander-${stamp}@erasure.test`;
const OTHER_NAME = "Bystander Keepme";

/** Every (table, column) of the public schema whose values are text or json: the scan's list. */
async function textColumns(db: Database): Promise<Array<{ table: string; column: string }>> {
  const result = (await db.execute(sql`
    select table_name as "table", column_name as "column" from information_schema.columns
    where table_schema = 'public' and (data_type in ('text', 'character varying', 'character', 'json', 'jsonb') or (data_type = 'ARRAY' and udt_name in ('_text', '_varchar')))
    order by table_name, column_name`)) as unknown as { rows: Array<{ table: string; column: string }> };
  return result.rows;
}

/** Where `needle` appears (case-insensitively) in any text/json column of any table. */
async function occurrences(db: Database, needle: string): Promise<string[]> {
  const found: string[] = [];
  for (const { table, column } of await textColumns(db)) {
    const result = (await db.execute(
      sql`select count(*)::int as n from ${sql.identifier(table)} where strpos(lower(${sql.identifier(column)}::text), lower(${needle})) > 0`,
    )) as unknown as { rows: Array<{ n: number }> };
    if ((result.rows[0]?.n ?? 0) > 0) found.push(`${table}.${column}`);
  }
  return found;
}

/** What the organisation's books say: every gift's money and receipt, and the ledger's totals. */
async function books(db: Database) {
  const gifts = await db
    .select({
      id: donations.id,
      amount: donations.amount,
      refunded: donations.refundedAmount,
      currency: donations.currency,
      campaign: donations.campaignId,
      paidAt: donations.paidAt,
      year: donations.receiptYear,
      sequence: donations.receiptSequence,
    })
    .from(donations)
    .orderBy(donations.id);
  const ledger = (await db.execute(
    sql`select campaign_id, currency, sum(gross_amount)::bigint as gross, sum(net_amount)::bigint as net, sum(gift_count)::bigint as gifts, sum(donor_count)::bigint as donors, sum(monthly_recurring_revenue)::bigint as mrr from ledger_campaign_totals group by 1, 2 order by 1, 2`,
  )) as unknown as { rows: unknown[] };
  return { gifts, ledger: ledger.rows };
}

describeEachDatabase(
  "donor erasure",
  (db) => {
    let h: Harness;
    let campaign: GiftCampaign;
    const seen = new Set<string>();
    let donorId: string;
    let oneOffSessionId: string;

    const audit: EraseOptions["inTransaction"] = (tx, facts) =>
      recordAuditEvent(
        tx,
        { type: "staff", userId: "owner-1", email: "owner@erasure.test" },
        { kind: "donor.erased", object: { type: "donor", id: facts.donorId }, after: { gifts: facts.giftCount } },
      );

    async function newEvents(): Promise<Stripe.Event[]> {
      const { data } = await h.stripe.events.list({ limit: 100 });
      const fresh = data.filter((event) => !seen.has(event.id)).reverse();
      for (const event of fresh) seen.add(event.id);
      return fresh as Stripe.Event[];
    }
    async function deliver(events: Stripe.Event[]) {
      for (const event of events) await processStripeEvent(db(), h.stripe, event);
    }

    async function give(frequency: "once" | "monthly", email: string, name: string, extra: { dedication?: boolean; submissionId: string }) {
      const { sessionId, url } = await createDonationCheckout(h.stripe, {
        campaign,
        donation: {
          frequency,
          giftAmount: frequency === "once" ? 2500 : 1000,
          feeCoveredAmount: 0,
          anonymous: false,
          dedication: extra.dedication ? { kind: "in_memory", name: DEDICATION } : null,
          dedicationNotice: extra.dedication ? { email: CARD_TO, name: "Sunhee's family" } : null,
          wantsUpdates: true,
          answers: email === EMAIL ? { q1: ANSWER } : {},
          postalAddress: email === EMAIL ? ADDRESS : null,
          submissionId: extra.submissionId,
        },
        clientKey: "test",
        appUrl: "http://localhost:3000",
        organisationName: "Lantern",
      });
      expect((await pay({ url } as Stripe.Checkout.Session, "4242 4242 4242 4242", email, name)).status).toBe(303);
      return sessionId;
    }

    beforeAll(async () => {
      h = await startEmulator({ webhookUrl: null });
      const [row] = await db().select().from(campaigns).where(eq(campaigns.slug, "inside-north-korea-pandemic-era-controls"));
      campaign = { ...row!, status: "active" };
      oneOffSessionId = await give("once", EMAIL, NAME, { dedication: true, submissionId: `erase-once-${stamp}` });
      await give("monthly", EMAIL, NAME, { dedication: true, submissionId: `erase-monthly-${stamp}` });
      await give("once", OTHER_EMAIL, OTHER_NAME, { submissionId: `keep-once-${stamp}` });
      await deliver(await newEvents());
      const [donor] = await db().select().from(donors).where(eq(donors.email, EMAIL));
      donorId = donor!.id;
      // A staff note naming the donor: free text about the person, which erasure must take too.
      await db()
        .insert(donorNotes)
        .values({ donorId, authorEmail: "staff@example.org", body: `Called ${NAME} about her gift.`, entryKey: crypto.randomUUID() });
      // The sign-up the donation form's box asked for.
      expect(await db().select().from(subscribers).where(eq(subscribers.email, EMAIL))).toHaveLength(1);
    });
    afterAll(async () => h.close());

    it("exports every kind of record the donor has, as JSON and as a page to read", async () => {
      const data = await donorData(db(), donorId);
      expect(data).toMatchObject({ donor: { email: EMAIL, name: NAME, erasedAt: null } });
      expect(data!.gifts).toHaveLength(2);
      expect(data!.gifts.map((gift) => gift.receiptNumber)).toEqual([expect.stringMatching(/^\d{4}-\d{6}$/), expect.stringMatching(/^\d{4}-\d{6}$/)]);
      expect(data!.gifts[0]).toMatchObject({
        dedication: { kind: "in_memory", name: DEDICATION },
        postalAddress: ADDRESS,
        answers: [{ key: "q1", answer: ANSWER }],
      });
      expect(data!.recurringGifts).toMatchObject([{ amount: 1000, interval: "month", status: "active", dedication: { name: DEDICATION } }]);
      expect(data!.subscriptions).toMatchObject([{ email: EMAIL, status: "pending" }]);
      expect(data!.emails.map((email) => email.template).sort()).toEqual(
        expect.arrayContaining(["monthly-welcome-receipt", "one-off-receipt", "subscription-confirmation"]),
      );
      expect(data!.emails.every((email) => email.to === EMAIL)).toBe(true);
      // Nothing of another donor's.
      expect(JSON.stringify(data)).not.toContain(OTHER_EMAIL);

      const html = donorDataHtml(data!, "Lantern");
      for (const text of [EMAIL, NAME, DEDICATION, ANSWER, "17 Harbour Erasestreet", "one-off-receipt (not sent yet)"]) expect(html).toContain(text);
      expect(donorDataHtml({ ...data!, donor: { ...data!.donor, name: "<script>x</script>" } }, "Lantern")).toContain("&lt;script&gt;x&lt;/script&gt;");
    });

    it("erases the donor from every text and json column of every table, keeping every total and receipt number", async () => {
      // Before: the scan finds them (so it can fail).
      expect(await occurrences(db(), EMAIL)).toEqual(expect.arrayContaining(["donors.email", "sent_emails.to_address", "subscribers.email"]));
      expect(await occurrences(db(), DEDICATION)).toEqual(expect.arrayContaining(["donations.dedication_name", "recurring_gifts.dedication_name"]));
      expect(await occurrences(db(), CARD_TO)).toEqual(["sent_emails.to_address"]);
      expect(await occurrences(db(), NAME)).toContain("donor_notes.body");

      // A payment Stripe completed before the erasure, its events delivered only after it.
      const lateSessionId = await give("once", EMAIL, NAME, { dedication: true, submissionId: `erase-late-${stamp}` });
      const lateEvents = await newEvents();
      expect(lateEvents.length).toBeGreaterThan(0);

      const before = await books(db());
      const outcome = await eraseDonor(db(), h.stripe, donorId, { inTransaction: audit });
      expect(outcome).toMatchObject({ ok: true, alreadyErased: false, stripeCustomersPending: 0 });
      // Stripe's side: the monthly gift is cancelled, each customer (one per checkout) stripped.
      const erasedCustomers = await db().select().from(erasedStripeCustomers).where(eq(erasedStripeCustomers.donorId, donorId));
      expect(erasedCustomers).toHaveLength(3);
      for (const { stripeCustomerId, detachedAt } of erasedCustomers) {
        expect(detachedAt).not.toBeNull();
        expect(await h.stripe.customers.retrieve(stripeCustomerId)).toMatchObject({ email: null, name: null, address: null, shipping: null, phone: null });
      }
      const [monthly] = await db().select().from(recurringGifts).where(eq(recurringGifts.donorId, donorId));
      expect((await h.stripe.subscriptions.retrieve(monthly!.stripeSubscriptionId)).status).toBe("canceled");

      // The late payment and the cancellation arrive; then a redelivery, under a fresh event id,
      // of the first gift's checkout.session.completed, still carrying the email and name.
      await deliver([...lateEvents, ...(await newEvents())]);
      const completed = (await h.stripe.events.list({ limit: 100, type: "checkout.session.completed" })).data;
      const first = completed.find((event) => (event.data.object as Stripe.Checkout.Session).id === oneOffSessionId) as Stripe.Event;
      expect((first.data.object as Stripe.Checkout.Session).customer_details?.email).toBe(EMAIL);
      // A new event id is claimed, but the gift is recorded already: nothing changes, nothing is queued.
      expect(await processStripeEvent(db(), h.stripe, { ...first, id: `evt_redelivered_${stamp}` })).toMatchObject({
        status: "processed",
        campaignIds: [],
        emailKeys: [],
      });

      for (const needle of [EMAIL, NAME, DEDICATION, ANSWER, "Harbour Erasestreet", CARD_TO, "Forgetme", "Eraseme"]) {
        expect(await occurrences(db(), needle), needle).toEqual([]);
      }
      // The bystander is untouched.
      expect(await occurrences(db(), OTHER_EMAIL)).toEqual(expect.arrayContaining(["donors.email", "sent_emails.to_address", "subscribers.email"]));
      expect(await occurrences(db(), OTHER_NAME)).toContain("donors.name");

      // The books: every gift kept with its money and receipt number; the late gift added to them.
      const after = await books(db());
      const late = after.gifts.filter((gift) => !before.gifts.some((kept) => kept.id === gift.id));
      expect(after.gifts.filter((gift) => before.gifts.some((kept) => kept.id === gift.id))).toEqual(before.gifts);
      expect(late).toHaveLength(1);
      expect(late[0]).toMatchObject({ amount: 2500, currency: campaign.currency, campaign: campaign.id });
      expect(late[0]!.sequence).not.toBeNull();
      const [lateRow] = await db().select().from(donations).where(eq(donations.stripeCheckoutSessionId, lateSessionId));
      expect(lateRow).toMatchObject({ donorId, dedicationName: null, postalAddress: null, answers: [] });
      expect(await verifyLedger(db())).toEqual([]);

      // What stayed of the donor: the tombstone, and no email to it.
      const [donor] = await db().select().from(donors).where(eq(donors.id, donorId));
      expect(donor).toMatchObject({ email: `erased-${donorId}@erased.invalid`, name: null, erasedAt: expect.any(Date) });
      expect(
        await db()
          .select()
          .from(sentEmails)
          .where(sql`${sentEmails.toAddress} like '%@erased.invalid' and ${sentEmails.status} = 'pending'`),
      ).toEqual([]);
      expect(
        await db()
          .select()
          .from(subscribers)
          .where(sql`${subscribers.email} like '%@erased.invalid'`),
      ).toMatchObject([{ status: "unsubscribed", firstName: null }]);
      expect((await donorGiving(db(), donorId))?.donor.erasedAt).toEqual(donor!.erasedAt);
    });

    it("erasing again is a no-op that keeps the first erasure's date", async () => {
      const [first] = await db().select().from(donors).where(eq(donors.id, donorId));
      const snapshot = await books(db());
      const again = await eraseDonor(db(), h.stripe, donorId, { inTransaction: audit });
      expect(again).toMatchObject({ ok: true, alreadyErased: true, erasedAt: first!.erasedAt, stripeCustomersPending: 0 });
      expect(await books(db())).toEqual(snapshot);
      // One audit row, for the erasure that did something, naming the donor by id (scanned above with every table).
      expect(await db().select().from(auditEvents).where(eq(auditEvents.kind, "donor.erased"))).toMatchObject([
        { objectType: "donor", objectId: donorId, actorType: "staff" },
      ]);
      expect(await eraseDonor(db(), h.stripe, "00000000-0000-4000-8000-000000000000")).toMatchObject({ ok: false, reason: "not-found" });
    });
  },
  { seed: true },
);
