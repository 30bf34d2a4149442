import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { verifyStripeWebhook } from "@/lib/payments/webhooks/verify-webhook";

const stripe = new Stripe("sk_test_for_signature_tests");
const secret = "whsec_test_secret_for_signatures";
const payload = JSON.stringify({ id: "evt_1", object: "event", type: "invoice.paid", data: { object: { id: "in_1" } } });

describe("webhook signature", () => {
  it("accepts the exact bytes Stripe signed", () => {
    const header = stripe.webhooks.generateTestHeaderString({ payload, secret });
    expect(verifyStripeWebhook(stripe, payload, header, secret)?.id).toBe("evt_1");
  });

  it.each([
    ["a missing header", () => null],
    ["another secret", () => stripe.webhooks.generateTestHeaderString({ payload, secret: "whsec_someone_else" })],
    ["a changed body", () => stripe.webhooks.generateTestHeaderString({ payload: payload.replace("in_1", "in_2"), secret })],
    ["an old signature (replay)", () => stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp: Math.floor(Date.now() / 1000) - 3600 })],
    ["garbage", () => "t=1,v1=deadbeef"],
  ])("refuses %s", (_label, header) => {
    expect(verifyStripeWebhook(stripe, payload, header(), secret)).toBeNull();
  });
});
