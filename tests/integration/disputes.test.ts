/**
 * Disputes end to end through the webhook handlers and the Stripe emulator: a lost dispute takes
 * the gift out of "raised" on the public page, the dashboard's ledger and the CSV's net column; a
 * won one puts it back; a refund and a lost dispute together never take out more than the gift;
 * a dispute handled before the gift's own event still applies; admins are emailed once per
 * dispute. Events come from the emulator (`webhookUrl: null`) and are fed in the orders and
 * repetitions Stripe may use.
 */
import { eq } from "drizzle-orm";
import type Stripe from "stripe";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { campaigns, donations, paymentDisputes, sentEmails, users } from "@/db/schema";
import { findPublicCampaign } from "@/lib/campaigns/campaign-queries";
import { readLedgerTotals } from "@/lib/ledger/ledger-totals";
import { verifyLedger } from "@/lib/ledger/verify-ledger";
import { encodeGiftMetadata } from "@/lib/payments/gift-metadata";
import { processStripeEvent } from "@/lib/payments/webhooks/process-stripe-event";
import { giftsCsv } from "@/lib/reports/gifts-export";
import { pay, startEmulator, TEST_AUTH, type Harness } from "../support/stripe-emulator";
import { describeEachDatabase } from "../support/test-database";

const CAMPAIGN_SLUG = "foreign-media-in-north-korea";
const RETURN_URLS = { success_url: "http://localhost:3000/donate/thank-you?session_id={CHECKOUT_SESSION_ID}", cancel_url: "http://localhost:3000/donate" };

vi.stubEnv("ADMIN_EMAILS", "Boss@Example.org");

describeEachDatabase(
  "disputes",
  (db) => {
    let campaignId = "";
    let h: Harness;
    let counter = 0;

    beforeAll(async () => {
      const [campaign] = await db().select().from(campaigns).where(eq(campaigns.slug, CAMPAIGN_SLUG));
      campaignId = campaign!.id;
      await db().insert(users).values({ email: "colleague@example.org", role: "owner" });
      h = await startEmulator({ webhookUrl: null });
    });
    afterAll(() => h.close());

    const process = (event: Stripe.Event) => processStripeEvent(db(), h.stripe, event);
    const metadata = () => encodeGiftMetadata({ campaignId, frequency: "once", giftAmount: 5000, feeCoveredAmount: 0, anonymous: false, dedication: null });

    function eventOf(type: Stripe.Event.Type, objectId: string): Stripe.Event {
      const event = h.emulator.state.events.findLast((candidate) => candidate.type === type && (candidate.data.object as { id?: string }).id === objectId);
      if (!event) throw new Error(`the emulator emitted no ${type} for ${objectId}`);
      return structuredClone(event) as unknown as Stripe.Event;
    }

    async function testHelper<T>(path: string, fields: Record<string, string> = {}): Promise<T> {
      const response = await fetch(`${h.origin}/stripe-emulator/test-helpers/${path}`, {
        method: "POST",
        headers: TEST_AUTH,
        body: new URLSearchParams(fields),
      });
      expect(response.status).toBe(200);
      return (await response.json()) as T;
    }

    /** A paid one-off gift of 50.00 as Stripe holds it, not yet recorded by Lantern. */
    async function paidGift() {
      const email = `disputed${++counter}-${Date.now()}@example.org`;
      const session = await h.stripe.checkout.sessions.create({
        mode: "payment",
        customer_creation: "always",
        customer_email: email,
        metadata: metadata(),
        payment_intent_data: { metadata: metadata() },
        line_items: [{ quantity: 1, price_data: { currency: "usd", unit_amount: 5000, product_data: { name: "Gift" } } }],
        ...RETURN_URLS,
      });
      expect((await pay(session, "4242 4242 4242 4242", email, "Ana")).status).toBe(303);
      const intent = await h.stripe.paymentIntents.retrieve(
        String(session.payment_intent ?? (await h.stripe.checkout.sessions.retrieve(session.id)).payment_intent),
      );
      return { sessionId: session.id, chargeId: String(intent.latest_charge), paymentIntentId: intent.id };
    }

    const record = (sessionId: string) => process(eventOf("checkout.session.completed", sessionId));
    const giftRow = async (sessionId: string) => (await db().select().from(donations).where(eq(donations.stripeCheckoutSessionId, sessionId)))[0]!;
    const ledger = async () => (await readLedgerTotals(db())).campaigns.find((row) => row.campaignId === campaignId && row.currency === "USD")!;
    const publicRaised = async () => (await findPublicCampaign(db(), CAMPAIGN_SLUG))!.raisedAmount;
    async function csvNet(sessionId: string): Promise<string> {
      const row = await giftRow(sessionId);
      const csv = await new Response(giftsCsv(db(), { campaignId })).text();
      const line = csv.split("\r\n").find((candidate) => candidate.includes(row.id))!;
      const header = csv
        .replace(/^\uFEFF/, "")
        .split("\r\n")[0]!
        .split(",");
      return line.split(",")[header.indexOf("Net")]!;
    }

    it("takes a lost dispute out of raised everywhere (public page, ledger, CSV net) and a won one puts it back", async () => {
      const gift = await paidGift();
      await record(gift.sessionId);
      const before = { raised: await publicRaised(), ledger: await ledger() };
      expect(await csvNet(gift.sessionId)).toBe("50.00");

      const dispute = await testHelper<Stripe.Dispute>(`charges/${gift.chargeId}/dispute`);
      const opened = await process(eventOf("charge.dispute.created", dispute.id));
      expect(opened.campaignIds).toEqual([campaignId]);
      await process(eventOf("charge.dispute.funds_withdrawn", dispute.id)); // not handled: acknowledged, changes nothing
      expect(await publicRaised()).toBe(before.raised); // open: still counted until the bank decides

      await testHelper(`disputes/${dispute.id}/close`, { status: "lost" });
      const closed = await process(eventOf("charge.dispute.closed", dispute.id));
      expect(closed).toMatchObject({ status: "processed", campaignIds: [campaignId] });
      expect(await publicRaised()).toBe(before.raised - 5000);
      expect(await ledger()).toMatchObject({
        netAmount: before.ledger.netAmount - 5000,
        disputeLostAmount: before.ledger.disputeLostAmount + 5000,
        giftCount: before.ledger.giftCount - 1,
      });
      expect(await csvNet(gift.sessionId)).toBe("0.00");
      expect((await giftRow(gift.sessionId)).disputeStatus).toBe("lost");
      // Redelivered, and the older "created" arriving again late: nothing moves.
      expect((await process(eventOf("charge.dispute.closed", dispute.id))).status).toBe("duplicate");
      await process({ ...eventOf("charge.dispute.created", dispute.id), id: `evt_late_${dispute.id}` });
      expect(await publicRaised()).toBe(before.raised - 5000);
      expect(await verifyLedger(db())).toEqual([]);

      // Won on a second gift: out of nothing, back to full.
      const other = await paidGift();
      await record(other.sessionId);
      const raisedWithOther = await publicRaised();
      const second = await testHelper<Stripe.Dispute>(`charges/${other.chargeId}/dispute`);
      await process(eventOf("charge.dispute.created", second.id));
      await testHelper(`disputes/${second.id}/submit-evidence`);
      await testHelper(`disputes/${second.id}/close`, { status: "won" });
      await process(eventOf("charge.dispute.closed", second.id));
      await process(eventOf("charge.dispute.updated", second.id)); // late "under review": Stripe now says won
      expect((await giftRow(other.sessionId)).disputeStatus).toBe("won");
      expect(await publicRaised()).toBe(raisedWithOther);
      expect(await csvNet(other.sessionId)).toBe("50.00");
    });

    it("puts a gift back when Stripe reverses a lost dispute to won", async () => {
      const gift = await paidGift();
      await record(gift.sessionId);
      const raised = await publicRaised();
      const dispute = await testHelper<Stripe.Dispute>(`charges/${gift.chargeId}/dispute`);
      await testHelper(`disputes/${dispute.id}/close`, { status: "lost" });
      await process(eventOf("charge.dispute.closed", dispute.id));
      expect(await publicRaised()).toBe(raised - 5000);
      h.emulator.state.disputes[dispute.id]!.status = "won"; // an appeal won after the close
      await process({ ...eventOf("charge.dispute.closed", dispute.id), id: `evt_reversed_${dispute.id}` });
      expect(await publicRaised()).toBe(raised);
      expect(await verifyLedger(db())).toEqual([]);
    });

    it("never takes out more than the gift: a partial refund then a lost dispute for the whole charge, events in either order", async () => {
      for (const refundFirst of [true, false]) {
        const gift = await paidGift();
        await record(gift.sessionId);
        const before = await ledger();
        await h.stripe.refunds.create({ charge: gift.chargeId, amount: 2000 });
        const dispute = await testHelper<Stripe.Dispute>(`charges/${gift.chargeId}/dispute`);
        expect(dispute.amount).toBe(5000); // the issuer disputes the whole charge
        await testHelper(`disputes/${dispute.id}/close`, { status: "lost" });
        const refunded = eventOf("charge.refunded", gift.chargeId);
        const closed = eventOf("charge.dispute.closed", dispute.id);
        for (const event of refundFirst ? [refunded, closed] : [closed, refunded]) await process(event);

        expect(await ledger()).toMatchObject({
          grossAmount: before.grossAmount + 0,
          refundedAmount: before.refundedAmount + 2000,
          disputeLostAmount: before.disputeLostAmount + 3000,
          netAmount: before.netAmount - 5000,
        });
        expect(await csvNet(gift.sessionId)).toBe("0.00");
        expect(await verifyLedger(db())).toEqual([]);
      }
    });

    it("ends right when the dispute closes before the gift's own event arrives", async () => {
      const gift = await paidGift();
      const raised = await publicRaised();
      const dispute = await testHelper<Stripe.Dispute>(`charges/${gift.chargeId}/dispute`);
      await testHelper(`disputes/${dispute.id}/close`, { status: "lost" });
      vi.spyOn(console, "warn").mockImplementation(() => undefined);
      expect(await process(eventOf("charge.dispute.closed", dispute.id))).toMatchObject({ status: "processed", campaignIds: [] });
      expect(await process(eventOf("charge.dispute.created", dispute.id))).toMatchObject({ status: "processed", campaignIds: [] });
      vi.restoreAllMocks();

      const recorded = await record(gift.sessionId);
      expect(recorded.status).toBe("processed");
      expect((await giftRow(gift.sessionId)).disputeStatus).toBe("lost");
      expect(await publicRaised()).toBe(raised); // recorded already lost: never counted
      expect(await verifyLedger(db())).toEqual([]);
    });

    it("records a gift and its dispute arriving at the same moment once, with the dispute applied", async () => {
      const gift = await paidGift();
      const raised = await publicRaised();
      const dispute = await testHelper<Stripe.Dispute>(`charges/${gift.chargeId}/dispute`);
      await testHelper(`disputes/${dispute.id}/close`, { status: "lost" });
      vi.spyOn(console, "warn").mockImplementation(() => undefined);
      await Promise.all([record(gift.sessionId), process(eventOf("charge.dispute.closed", dispute.id)), record(gift.sessionId)]);
      vi.restoreAllMocks();
      expect((await giftRow(gift.sessionId)).disputeStatus).toBe("lost");
      expect(await publicRaised()).toBe(raised);
      expect(await verifyLedger(db())).toEqual([]);
    });

    it("emails every admin once per dispute, with its amount, gift, reason and evidence deadline", async () => {
      const gift = await paidGift();
      await record(gift.sessionId);
      const dispute = await testHelper<Stripe.Dispute>(`charges/${gift.chargeId}/dispute`, { reason: "product_not_received" });
      const opened = await process(eventOf("charge.dispute.created", dispute.id));
      const keys = [`dispute-opened:${dispute.id}:boss@example.org`, `dispute-opened:${dispute.id}:colleague@example.org`];
      expect(opened.emailKeys.sort()).toEqual(keys);
      // Redelivered under a new id, then evidence submitted: no second email.
      expect((await process({ ...eventOf("charge.dispute.created", dispute.id), id: `evt_again_${dispute.id}` })).emailKeys).toEqual([]);
      await testHelper(`disputes/${dispute.id}/submit-evidence`);
      expect((await process(eventOf("charge.dispute.updated", dispute.id))).emailKeys).toEqual([]);

      const emails = await db().select().from(sentEmails).where(eq(sentEmails.template, "dispute-opened"));
      const mine = emails.filter((email) => keys.includes(email.idempotencyKey));
      expect(mine.map((email) => email.toAddress).sort()).toEqual(["boss@example.org", "colleague@example.org"]);
      const dueBy = new Date(dispute.evidence_details.due_by! * 1000);
      expect(mine[0]!.props).toMatchObject({
        amount: "$50.00",
        reason: "Product not received",
        evidenceDueBy: `${dueBy.toLocaleString("en-US", { dateStyle: "long", timeStyle: "short", timeZone: "UTC" })} UTC`,
        stripeDisputeId: dispute.id,
      });
      expect(String(mine[0]!.props.gift)).toMatch(/^\$50\.00 to .+ from Ana <disputed\d+-\d+@example\.org> on /);
      const [stored] = await db().select().from(paymentDisputes).where(eq(paymentDisputes.stripeDisputeId, dispute.id));
      expect(stored).toMatchObject({ status: "under_review", amount: 5000, currency: "USD", reason: "product_not_received", evidenceDueBy: dueBy });
    });

    it("sends no dispute email for a dispute first seen already closed", async () => {
      const gift = await paidGift();
      await record(gift.sessionId);
      const dispute = await testHelper<Stripe.Dispute>(`charges/${gift.chargeId}/dispute`);
      await testHelper(`disputes/${dispute.id}/close`, { status: "won" });
      expect((await process(eventOf("charge.dispute.created", dispute.id))).emailKeys).toEqual([]);
    });
  },
  { seed: true },
);
