import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPaymentSession, pay, startEmulator, TEST_AUTH, type Harness } from "../src/testing";

async function helper<T>(h: Harness, path: string, fields: Record<string, string> = {}): Promise<{ status: number; body: T }> {
  const response = await fetch(`${h.origin}/stripe-emulator/test-helpers/${path}`, { method: "POST", headers: TEST_AUTH, body: new URLSearchParams(fields) });
  return { status: response.status, body: (await response.json()) as T };
}

describe("disputes and fault injection", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startEmulator({ webhookUrl: null });
  });
  afterAll(() => h.close());

  async function paidCharge(): Promise<Stripe.Charge> {
    const session = await createPaymentSession(h.stripe);
    await pay(session);
    const paid = await h.stripe.checkout.sessions.retrieve(session.id, { expand: ["payment_intent.latest_charge"] });
    return (paid.payment_intent as Stripe.PaymentIntent).latest_charge as Stripe.Charge;
  }

  it("opens a dispute on a charge, takes evidence and closes it, with the events Stripe sends", async () => {
    const charge = await paidCharge();
    const before = h.emulator.state.events.length;
    const opened = await helper<Stripe.Dispute>(h, `charges/${charge.id}/dispute`);
    expect(opened.status).toBe(200);
    expect(opened.body).toMatchObject({
      object: "dispute",
      charge: charge.id,
      payment_intent: charge.payment_intent,
      amount: 2500,
      status: "needs_response",
      reason: "fraudulent",
    });
    expect((await h.stripe.charges.retrieve(charge.id)).disputed).toBe(true);
    expect(await helper(h, `charges/${charge.id}/dispute`)).toMatchObject({ status: 400 });

    await helper(h, `disputes/${opened.body.id}/submit-evidence`);
    expect(await h.stripe.disputes.retrieve(opened.body.id)).toMatchObject({ status: "under_review", evidence_details: { has_evidence: true } });
    const closed = await helper<Stripe.Dispute>(h, `disputes/${opened.body.id}/close`, { status: "won" });
    expect(closed.body.status).toBe("won");
    expect(await helper(h, `disputes/${opened.body.id}/close`, { status: "lost" })).toMatchObject({ status: 400 });

    const events = h.emulator.state.events.slice(before);
    expect(events.map((event) => [event.type, (event.data.object as { status: string }).status])).toEqual([
      ["charge.dispute.created", "needs_response"],
      ["charge.dispute.funds_withdrawn", "needs_response"],
      ["charge.dispute.updated", "under_review"],
      ["charge.dispute.closed", "won"],
      ["charge.dispute.funds_reinstated", "won"],
    ]);
    expect(events[3]?.data.previous_attributes).toEqual({ status: "under_review" });
    const withdrawn = (events[1]!.data.object as unknown as Stripe.Dispute).balance_transactions;
    expect(withdrawn).toEqual([
      expect.objectContaining({ object: "balance_transaction", type: "adjustment", amount: -2500, fee: 1500, net: -4000, source: opened.body.id }),
    ]);
    // Countering it cost the $15 dispute countered fee; winning returns the amount and that fee, not the $15 dispute fee.
    const countered = (events[2]!.data.object as unknown as Stripe.Dispute).balance_transactions;
    expect(countered.map((txn) => [txn.amount, txn.fee, txn.net])).toEqual([
      [-2500, 1500, -4000],
      [0, 1500, -1500],
    ]);
    expect(countered[1]!.fee_details).toEqual([expect.objectContaining({ description: "Dispute countered fee", amount: 1500, type: "stripe_fee" })]);
    const reinstated = (events[4]!.data.object as unknown as Stripe.Dispute).balance_transactions;
    expect(reinstated.map((txn) => [txn.amount, txn.fee, txn.net])).toEqual([
      [-2500, 1500, -4000],
      [0, 1500, -1500],
      [2500, -1500, 4000],
    ]);
    expect(reinstated.reduce((sum, txn) => sum + txn.fee, 0)).toBe(1500);
    const { data } = await h.stripe.disputes.list({ charge: charge.id });
    expect(data.map((dispute) => dispute.id)).toEqual([opened.body.id]);
  });

  it("disputes the whole charge after a partial refund; lost, Stripe returns only the refunded part; a charged-back charge cannot be refunded", async () => {
    const charge = await paidCharge();
    await h.stripe.refunds.create({ charge: charge.id, amount: 1000 });
    const before = h.emulator.state.events.length;
    const opened = await helper<Stripe.Dispute>(h, `charges/${charge.id}/dispute`, { reason: "product_not_received" });
    expect(opened.body).toMatchObject({ amount: 2500, reason: "product_not_received", is_charge_refundable: false });
    expect(opened.body.evidence_details.due_by).toBeGreaterThan(opened.body.created);
    const refused = await h.stripe.refunds.create({ charge: charge.id, amount: 100 }).catch((caught: unknown) => caught);
    expect(refused).toMatchObject({ type: "StripeInvalidRequestError", code: "charge_disputed" });

    await helper(h, `disputes/${opened.body.id}/close`, { status: "lost" });
    const events = h.emulator.state.events.slice(before);
    expect(events.map((event) => event.type)).toEqual([
      "charge.dispute.created",
      "charge.dispute.funds_withdrawn",
      "charge.dispute.closed",
      "charge.dispute.funds_reinstated",
    ]);
    expect((events[3]!.data.object as unknown as Stripe.Dispute).balance_transactions.map((txn) => [txn.amount, txn.fee])).toEqual([
      [-2500, 1500],
      [1000, 0],
    ]);
  });

  it("a EUR charge on the US account: its dispute moves USD at the charge's rate, with the $15 fee; lost after countering, both fees stay", async () => {
    const session = await createPaymentSession(h.stripe, {
      line_items: [{ quantity: 1, price_data: { currency: "eur", unit_amount: 2500, product_data: { name: "Gift" } } }],
    });
    await pay(session);
    const paid = await h.stripe.checkout.sessions.retrieve(session.id, { expand: ["payment_intent.latest_charge.balance_transaction"] });
    const charge = (paid.payment_intent as Stripe.PaymentIntent).latest_charge as Stripe.Charge;
    expect(charge.balance_transaction).toMatchObject({ currency: "usd", amount: 2700, exchange_rate: 1.08, fee: 135, net: 2565 }); // €25 → $27.00; 3.9% + 30¢
    const { body: opened } = await helper<Stripe.Dispute>(h, `charges/${charge.id}/dispute`);
    await helper(h, `disputes/${opened.id}/submit-evidence`);
    await helper(h, `disputes/${opened.id}/close`, { status: "lost" });
    const dispute = await h.stripe.disputes.retrieve(opened.id);
    expect(dispute.currency).toBe("eur");
    expect(dispute.balance_transactions.map((txn) => [txn.currency, txn.amount, txn.fee, txn.exchange_rate])).toEqual([
      ["usd", -2700, 1500, 1.08],
      ["usd", 0, 1500, 1.08],
    ]);
  });

  it("closes a lost dispute on an unrefunded charge without reinstating anything, and refuses an amount above the charge", async () => {
    const charge = await paidCharge();
    expect(await helper(h, `charges/${charge.id}/dispute`, { amount: "2501" })).toMatchObject({ status: 400 });
    const opened = await helper<Stripe.Dispute>(h, `charges/${charge.id}/dispute`, { amount: "2000" });
    expect(opened.body.amount).toBe(2000);
    const before = h.emulator.state.events.length;
    await helper(h, `disputes/${opened.body.id}/close`, { status: "lost" });
    expect(h.emulator.state.events.slice(before).map((event) => event.type)).toEqual(["charge.dispute.closed"]);
  });

  it("takes evidence through the API (staged, then submitted) and accepts a dispute as lost, as Stripe's endpoints do", async () => {
    const charge = await paidCharge();
    const { body: opened } = await helper<Stripe.Dispute>(h, `charges/${charge.id}/dispute`);
    const staged = await h.stripe.disputes.update(opened.id, {
      evidence: { uncategorized_text: "The donor gave on our site and got a receipt." },
      submit: false,
    });
    expect(staged).toMatchObject({
      status: "needs_response",
      evidence: { uncategorized_text: "The donor gave on our site and got a receipt." },
      evidence_details: { has_evidence: true, submission_count: 0 },
    });
    const tagged = await h.stripe.disputes.update(opened.id, { metadata: { case: "42" } });
    expect(tagged).toMatchObject({ status: "needs_response", metadata: { case: "42" } });
    const submitted = await h.stripe.disputes.update(opened.id, { evidence: { customer_name: "Ana" } });
    expect(submitted).toMatchObject({
      status: "under_review",
      evidence: { customer_name: "Ana", uncategorized_text: "The donor gave on our site and got a receipt." },
      evidence_details: { submission_count: 1 },
    });
    await expect(h.stripe.disputes.update(opened.id, { evidence: { customer_name: "Late" } })).rejects.toMatchObject({ type: "StripeInvalidRequestError" });
    await expect(h.stripe.disputes.close(opened.id)).rejects.toMatchObject({ type: "StripeInvalidRequestError" });

    const { body: other } = await helper<Stripe.Dispute>(h, `charges/${(await paidCharge()).id}/dispute`);
    const before = h.emulator.state.events.length;
    expect(await h.stripe.disputes.close(other.id)).toMatchObject({ status: "lost" });
    expect(h.emulator.state.events.slice(before).map((event) => event.type)).toEqual(["charge.dispute.closed"]);
    await expect(h.stripe.disputes.update(other.id, { evidence: { customer_name: "Too late" } })).rejects.toMatchObject({ type: "StripeInvalidRequestError" });
  });

  it("fails the next requests on demand; the SDK's own retries absorb a single fault", async () => {
    h.emulator.failNextRequests({ count: 1, path: "/v1/customers" });
    await expect(h.stripe.customers.list({ limit: 1 })).resolves.toMatchObject({ object: "list" });

    h.emulator.failNextRequests({ count: 3, method: "GET", path: "/v1/customers" });
    const error = await h.stripe.customers.list({ limit: 1 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Stripe.errors.StripeAPIError);
    expect(error).toMatchObject({ statusCode: 500, type: "StripeAPIError" });
    await expect(h.stripe.customers.list({ limit: 1 })).resolves.toMatchObject({ object: "list" });
  });

  it("fails nothing else, and writes nothing, while a fault is pending for another path", async () => {
    const answer = await helper<{ count: number }>(h, "faults", { count: "3", path: "/v1/refunds", status: "503" });
    expect(answer.body.count).toBe(3);
    const customers = Object.keys(h.emulator.state.customers).length;
    await expect(h.stripe.customers.create({ email: "fault@example.org" })).resolves.toMatchObject({ object: "customer" });
    expect(Object.keys(h.emulator.state.customers)).toHaveLength(customers + 1);
    const error = await h.stripe.refunds.list().catch((caught: unknown) => caught);
    expect(error).toMatchObject({ statusCode: 503 });
    await helper(h, "faults", { count: "0" });
  });
});
