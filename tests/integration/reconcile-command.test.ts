import { eq } from "drizzle-orm";
import type Stripe from "stripe";
import { afterAll, beforeAll, expect, it } from "vitest";
import { campaigns, donations, sentEmails } from "@/db/schema";
import type { GiftCampaign } from "@/lib/donations/gift-campaign";
import { createDonationCheckout } from "@/lib/payments/create-checkout";
import { runReconcileCli } from "@/lib/payments/reconcile-cli";
import { rebuildLedger } from "@/lib/ledger/rebuild-ledger";
import { verifyLedger } from "@/lib/ledger/verify-ledger";
import { processStripeEvent } from "@/lib/payments/webhooks/process-stripe-event";
import { pay, startEmulator, type Harness } from "../support/stripe-emulator";
import { describeEachDatabase } from "../support/test-database";

describeEachDatabase(
  "npm run reconcile",
  (db, driver) => {
    let h: Harness;
    let campaign: GiftCampaign;
    beforeAll(async () => {
      h = await startEmulator({ webhookUrl: null }); // the webhook "was down": nothing is delivered
      const [row] = await db().select().from(campaigns).where(eq(campaigns.slug, "foreign-media-in-north-korea"));
      campaign = { ...row!, status: "active" };
    });
    afterAll(async () => h.close());

    async function payOnce(submissionId: string, email: string): Promise<string> {
      const checkout = await createDonationCheckout(h.stripe, {
        campaign,
        donation: { frequency: "once", giftAmount: 2500, feeCoveredAmount: 0, anonymous: false, dedication: null, submissionId },
        clientKey: "test",
        appUrl: "http://localhost:3000",
        organisationName: "Lantern",
      });
      await pay({ url: checkout.url } as Stripe.Checkout.Session, "4242 4242 4242 4242", email);
      return checkout.sessionId;
    }

    async function run(argv: string[]) {
      const out: string[] = [];
      const err: string[] = [];
      const code = await runReconcileCli(argv, { db: db(), driver, stripe: h.stripe }, { out: (l) => out.push(l), err: (l) => err.push(l) });
      const count = (label: string) => Number(new RegExp(`^\\s+${label}\\s+(\\d+)$`, "m").exec(out.join("\n"))?.[1]);
      return { code, out, err, count };
    }

    it("prints checked / already recorded / repaired / failed, and a repeat run repairs nothing", async () => {
      const sessionId = await payOnce("reconcile-cli-0001", "cli-missed@reconcile.test");
      const since = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

      const first = await run(["--since", since]);
      expect(first.err).toEqual([]);
      expect(first.code).toBe(0);
      expect(first.count("checked")).toBeGreaterThan(0);
      expect(first.count("repaired")).toBe(first.count("checked"));
      expect(first.count("already recorded")).toBe(0);
      expect(first.count("failed")).toBe(0);
      expect(await db().select().from(donations).where(eq(donations.stripeCheckoutSessionId, sessionId))).toHaveLength(1);

      const again = await run(["--since", since]);
      expect(again.code).toBe(0);
      expect(again.count("checked")).toBe(first.count("checked"));
      expect(again.count("already recorded")).toBe(first.count("checked"));
      expect(again.count("repaired")).toBe(0);
      expect(again.count("failed")).toBe(0);
      expect(await db().select().from(donations).where(eq(donations.stripeCheckoutSessionId, sessionId))).toHaveLength(1);
    });

    it("--fees reads the fee of a gift recorded without one, prints the count, and a repeat run reads nothing", async () => {
      const sessionId = await payOnce("reconcile-cli-fees-01", "cli-fees@reconcile.test");
      const since = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
      expect((await run(["--since", since])).code).toBe(0);
      // As a gift from before fees were read: no fee, no settlement.
      await db()
        .update(donations)
        .set({
          processingFeeAmount: null,
          stripeBalanceTransactionId: null,
          settlementCurrency: null,
          settlementAmount: null,
          settlementFeeAmount: null,
          feeAmount: 0,
        })
        .where(eq(donations.stripeCheckoutSessionId, sessionId));
      await rebuildLedger(db());

      const first = await run(["--since", since, "--fees"]);
      expect(first.err).toEqual([]);
      expect(first.code).toBe(0);
      expect(first.count("payments")).toBeGreaterThanOrEqual(1);
      const [gift] = await db().select().from(donations).where(eq(donations.stripeCheckoutSessionId, sessionId));
      expect(gift).toMatchObject({ processingFeeAmount: 103, feeAmount: 103, settlementCurrency: "USD", settlementAmount: 2500, settlementFeeAmount: 103 });
      expect(await verifyLedger(db())).toEqual([]);

      const again = await run(["--fees"]);
      expect(again.code).toBe(0);
      expect([again.count("payments"), again.count("refunds"), again.count("disputes")]).toEqual([0, 0, 0]);
    });

    it("records a gift once when its webhooks arrive while the command runs", async () => {
      const sessionId = await payOnce("reconcile-cli-0002", "cli-race@reconcile.test");
      const events: Stripe.Event[] = [];
      for await (const event of h.stripe.events.list({ created: { gte: Math.floor(Date.now() / 1000) - 600 }, limit: 100 })) events.push(event);
      const ofThisGift = events.filter((event) => JSON.stringify(event.data.object).includes(sessionId) || event.type.startsWith("charge."));

      // The webhook's own processing of every event, at the same time as the command (twice over).
      const [, cli] = await Promise.all([Promise.all(ofThisGift.map((event) => processStripeEvent(db(), h.stripe, event))), run([]), run([])]);
      expect(cli.code).toBe(0);
      const gifts = await db().select().from(donations).where(eq(donations.stripeCheckoutSessionId, sessionId));
      expect(gifts).toHaveLength(1);
      const receipts = await db().select().from(sentEmails).where(eq(sentEmails.toAddress, "cli-race@reconcile.test"));
      expect(receipts).toHaveLength(1);
    });

    it("answers a bad --since with one sentence and exit code 2, touching nothing", async () => {
      const before = await db().select().from(donations);
      const bad = await run(["--since", "last tuesday"]);
      expect(bad.code).toBe(2);
      expect(bad.out).toEqual([]);
      expect(bad.err).toHaveLength(1);
      expect(bad.err[0]).toMatch(/^--since “last tuesday” is not a date/);
      expect(await db().select().from(donations)).toHaveLength(before.length);
    });
  },
  { seed: true },
);
