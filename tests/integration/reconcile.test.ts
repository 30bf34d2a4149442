import { eq } from "drizzle-orm";
import type Stripe from "stripe";
import { afterAll, beforeAll, expect, it } from "vitest";
import { campaigns, devMailboxMessages, donations, processedStripeEvents } from "@/db/schema";
import type { GiftCampaign } from "@/lib/donations/gift-campaign";
import { createDonationCheckout } from "@/lib/payments/create-checkout";
import { reconcileStripeEvents } from "@/lib/payments/reconcile";
import { isReconcileAuthorized } from "@/lib/payments/reconcile-auth";
import { pay, startEmulator, type Harness } from "../support/stripe-emulator";
import { describeEachDatabase } from "../support/test-database";

describeEachDatabase(
  "reconciling missed Stripe events",
  (db) => {
    let h: Harness;
    let campaign: GiftCampaign;
    beforeAll(async () => {
      h = await startEmulator({ webhookUrl: null }); // the webhook "was down": nothing is delivered
      const [row] = await db().select().from(campaigns).where(eq(campaigns.slug, "foreign-media-in-north-korea"));
      campaign = { ...row!, status: "active" };
    });
    afterAll(async () => h.close());

    it("records gifts whose webhooks never arrived, sends their receipts, and is harmless to repeat", async () => {
      const start = (frequency: "once" | "monthly", submissionId: string) =>
        createDonationCheckout(h.stripe, {
          campaign,
          donation: { frequency, giftAmount: 1500, feeCoveredAmount: 0, anonymous: false, dedication: null, submissionId },
          clientKey: "test",
          appUrl: "http://localhost:3000",
          organisationName: "Lantern",
        });
      const once = await start("once", "reconcile-once-01");
      await pay({ url: once.url } as Stripe.Checkout.Session, "4242 4242 4242 4242", "missed-once@reconcile.test");
      const monthly = await start("monthly", "reconcile-month-1");
      await pay({ url: monthly.url } as Stripe.Checkout.Session, "4242 4242 4242 4242", "missed-monthly@reconcile.test");

      const first = await reconcileStripeEvents(db(), h.stripe);
      expect(first.failed).toEqual([]);
      expect(first.processed).toBe(first.listed);
      expect(first.campaignIds).toEqual([campaign.id]);
      expect(first.emails.sent).toBe(2);
      expect(await db().select().from(donations).where(eq(donations.stripeCheckoutSessionId, once.sessionId))).toHaveLength(1);
      expect(await db().select().from(devMailboxMessages).where(eq(devMailboxMessages.toAddress, "missed-monthly@reconcile.test"))).toHaveLength(1);

      const again = await reconcileStripeEvents(db(), h.stripe);
      expect(again).toMatchObject({ listed: first.listed, processed: 0, failed: [], campaignIds: [] });
      expect((await db().select().from(processedStripeEvents)).length).toBeGreaterThanOrEqual(first.listed);
      expect(await db().select().from(donations).where(eq(donations.campaignId, campaign.id))).toHaveLength(2);
    });
  },
  { seed: true },
);

it("authorises the reconcile endpoint only with the configured bearer token", () => {
  const secret = "s".repeat(40);
  expect(isReconcileAuthorized(`Bearer ${secret}`, secret)).toBe(true);
  expect(isReconcileAuthorized(`Bearer ${secret}x`, secret)).toBe(false);
  expect(isReconcileAuthorized(secret, secret)).toBe(false);
  expect(isReconcileAuthorized(null, secret)).toBe(false);
  expect(isReconcileAuthorized("Bearer ", undefined)).toBe(false);
});
