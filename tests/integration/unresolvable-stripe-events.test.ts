/**
 * Signed events about objects Stripe does not have (deleted, another account's, forged by
 * someone holding an old secret) can never be processed. They must be acknowledged, so Stripe
 * does not retry them for days, and listed by the reconcile report for a person to look at.
 */
import { count, eq } from "drizzle-orm";
import Stripe from "stripe";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { donations, processedStripeEvents, unresolvableStripeEvents } from "@/db/schema";
import { reconcileStripeEvents } from "@/lib/payments/reconcile";
import { processStripeEvent } from "@/lib/payments/webhooks/process-stripe-event";
import { startEmulator, type Harness } from "../support/stripe-emulator";
import { describeEachDatabase } from "../support/test-database";

const eventAbout = (id: string, type: string, object: Record<string, unknown>): Stripe.Event =>
  ({ id, object: "event", type, created: Math.floor(Date.now() / 1000), livemode: false, data: { object } }) as unknown as Stripe.Event;

const MISSING: [string, Stripe.Event][] = [
  ["a checkout session", eventAbout("evt_missing_session", "checkout.session.completed", { id: "cs_test_does_not_exist", object: "checkout.session" })],
  ["an invoice", eventAbout("evt_missing_invoice", "invoice.paid", { id: "in_does_not_exist", object: "invoice" })],
  ["a charge", eventAbout("evt_missing_charge", "charge.refunded", { id: "ch_does_not_exist", object: "charge" })],
  ["a subscription", eventAbout("evt_missing_subscription", "customer.subscription.updated", { id: "sub_does_not_exist", object: "subscription" })],
];

describeEachDatabase(
  "events about objects Stripe does not have",
  (db) => {
    let h: Harness;
    beforeAll(async () => {
      h = await startEmulator({ webhookUrl: null });
    });
    afterAll(async () => h.close());

    it.each(MISSING)("acknowledges an event about %s, records it once and writes no gift", async (_label, event) => {
      const before = (await db().select({ n: count() }).from(donations))[0]!.n;
      expect((await processStripeEvent(db(), h.stripe, event)).status).toBe("unresolvable");
      expect((await processStripeEvent(db(), h.stripe, event)).status).toBe("duplicate"); // a redelivery
      const [row] = await db().select().from(unresolvableStripeEvents).where(eq(unresolvableStripeEvents.eventId, event.id));
      expect(row).toMatchObject({ type: event.type, objectId: (event.data.object as { id: string }).id });
      expect(row!.reason).toMatch(/No such/);
      expect((await db().select({ n: count() }).from(processedStripeEvents).where(eq(processedStripeEvents.eventId, event.id)))[0]!.n).toBe(1);
      expect((await db().select({ n: count() }).from(donations))[0]!.n).toBe(before);
    });

    it("still fails (so Stripe retries) when a related object is missing, not the event's own", async () => {
      const event = eventAbout("evt_missing_related", "checkout.session.completed", { id: "cs_test_exists", object: "checkout.session" });
      const missingCustomer = new Stripe.errors.StripeInvalidRequestError({
        type: "invalid_request_error",
        code: "resource_missing",
        message: "No such customer: 'cus_gone'",
        statusCode: 404,
      });
      const spy = vi.spyOn(h.stripe.checkout.sessions, "retrieve").mockRejectedValue(missingCustomer);
      await expect(processStripeEvent(db(), h.stripe, event)).rejects.toThrow("No such customer");
      spy.mockRestore();
      expect(await db().select().from(unresolvableStripeEvents).where(eq(unresolvableStripeEvents.eventId, event.id))).toEqual([]);
      expect((await db().select({ n: count() }).from(processedStripeEvents).where(eq(processedStripeEvents.eventId, event.id)))[0]!.n).toBe(0);
    });

    it("lists them in the reconcile report", async () => {
      const report = await reconcileStripeEvents(db(), h.stripe);
      expect(report.unresolvable.map((entry) => entry.eventId).sort()).toEqual(MISSING.map(([, event]) => event.id).sort());
      expect(report.failed).toEqual([]);
    });
  },
  { seed: true },
);
