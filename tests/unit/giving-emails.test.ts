import { describe, expect, it } from "vitest";
import { renderEmail } from "@/lib/email/render-email";

const receipt = {
  organisationName: "Lantern for Human Rights",
  taxStatement: "EIN 00-0000000. No goods or services were provided in exchange for your gift.",
  donorName: "Min-ji Park",
  amount: "$26.06",
  feeCovered: "$1.06",
  date: "November 24, 2025",
  campaignTitle: "Foreign Media in North Korea",
  dedication: "In memory of Grandma Kim",
  receiptNumber: "2025-000042",
  receiptUrl: "http://localhost:3000/receipts/0b6a4f4e-2a7c-4c53-9a57-3b2d2f8f3f0e.c2lnbmF0dXJl",
  organisationDetails: ["Lantern for Human Rights, Inc.", "EIN 12-3456789", "PO Box 12, Washington, DC 20001", "giving@lantern-rights.org"],
  manageUrl: null,
};

describe("giving emails", () => {
  it("renders a one-off receipt with everything a tax receipt needs", async () => {
    const email = await renderEmail("one-off-receipt", receipt);
    expect(email.subject).toBe("Receipt for your gift of $26.06");
    for (const text of [
      "Dear Min-ji Park",
      "$26.06 (including $1.06 to cover card fees)",
      "November 24, 2025",
      "Foreign Media in North Korea",
      "In memory of Grandma Kim",
      receipt.receiptNumber,
      "No goods or services were provided",
      "One-off gift",
    ]) {
      expect(email.text).toContain(text);
    }
    expect(email.text).not.toContain("Manage monthly giving");
    expect(email.html).not.toContain("<!-- -->");
  });

  it("shows the receipt number, links the printable receipt page and says who issued it", async () => {
    const email = await renderEmail("one-off-receipt", receipt);
    expect(email.text).toContain("Receipt number");
    expect(email.text).toContain("2025-000042");
    expect(email.html).toContain(`href="${receipt.receiptUrl}"`);
    expect(email.text).toContain("View or print your receipt");
    expect(email.text).toContain("Lantern for Human Rights, Inc. · EIN 12-3456789 · PO Box 12, Washington, DC 20001 · giving@lantern-rights.org");
  });

  it("still renders a receipt queued before receipt pages existed (no link, no details)", async () => {
    const queuedEarlier: Partial<typeof receipt> = { ...receipt };
    delete queuedEarlier.receiptUrl;
    delete queuedEarlier.organisationDetails;
    const email = await renderEmail("one-off-receipt", { ...queuedEarlier, receiptNumber: "0b6a4f4e-2a7c-4c53-9a57-3b2d2f8f3f0e" });
    expect(email.text).toContain("0b6a4f4e-2a7c-4c53-9a57-3b2d2f8f3f0e");
    expect(email.text).not.toContain("View or print your receipt");
  });

  it("welcomes a new monthly donor and says how to manage or cancel", async () => {
    const email = await renderEmail("monthly-welcome-receipt", {
      ...receipt,
      feeCovered: null,
      dedication: null,
      amount: "$10.00",
      manageUrl: "http://localhost:3000/donate/manage?token=cus_1.abc",
    });
    expect(email.subject).toBe("Welcome to monthly giving: receipt for $10.00");
    expect(email.text).toContain("welcome to monthly giving");
    expect(email.text).toContain("change the amount or cancel your monthly gift at any time");
    expect(email.html).toContain('href="http://localhost:3000/donate/manage?token=cus_1.abc"');
    expect(email.text).not.toContain("Dedication");
    expect(email.html).not.toContain("<!-- -->");
  });

  it("sends later monthly payments a plain monthly receipt", async () => {
    const email = await renderEmail("monthly-receipt", { ...receipt, amount: "$10.00", manageUrl: "http://localhost:3000/donate/manage?token=cus_1.abc" });
    expect(email.subject).toBe("Receipt for your monthly gift of $10.00");
    expect(email.text).toContain("Monthly gift");
    expect(email.text).not.toContain("welcome to monthly giving");
  });

  it("tells a monthly donor whose payment failed how to update the card", async () => {
    const email = await renderEmail("monthly-payment-failed", {
      organisationName: "Lantern for Human Rights",
      donorName: null,
      amount: "$10.00",
      campaignTitle: "Foreign Media in North Korea",
      nextAttempt: "December 1, 2025",
      manageUrl: "http://localhost:3000/donate/manage?token=cus_1.abc",
    });
    expect(email.subject).toBe("Your monthly gift of $10.00 did not go through");
    expect(email.text).toContain("Hello, we could not collect your monthly gift of $10.00");
    expect(email.text).toContain("We will try again on December 1, 2025");
    expect(email.html).not.toContain("<!-- -->");
  });

  it("tells admins about a dispute: amount, gift, reason and the deadline to respond", async () => {
    const props = {
      organisationName: "Lantern for Human Rights",
      amount: "$50.00",
      reason: "Product not received",
      evidenceDueBy: "December 20, 2026 at 11:59 PM UTC",
      gift: "$50.00 to Foreign Media in North Korea from Ana <ana@example.org> on November 29, 2026",
      stripeDisputeId: "dp_123",
      stripeChargeId: "ch_123",
    };
    const email = await renderEmail("dispute-opened", props);
    expect(email.subject).toBe("Dispute: a gift of $50.00 was disputed, respond by December 20, 2026 at 11:59 PM UTC");
    expect(email.text).toContain("Reason given: Product not received.");
    expect(email.text).toContain("The gift: $50.00 to Foreign Media in North Korea from Ana <ana@example.org> on November 29, 2026.");
    expect(email.text).toContain("by December 20, 2026 at 11:59 PM UTC");
    const unmatched = await renderEmail("dispute-opened", { ...props, gift: null, evidenceDueBy: null });
    expect(unmatched.text).toContain("No gift recorded in Lantern matches this payment yet (charge ch_123).");
  });

  it("tells admins a refund failed: which gift, the amount, that the donor was not repaid and it counts again", async () => {
    const props = {
      organisationName: "Lantern for Human Rights",
      amount: "$20.00",
      gift: "$50.00 to Foreign Media in North Korea from Ana <ana@example.org> on November 29, 2026",
      campaignTitle: "Foreign Media in North Korea",
      reason: "lost or stolen card",
      stillRefunded: "$10.00",
      giftUrl: "https://give.example.org/admin/gifts/6f1c",
      stripeRefundId: "re_123",
    };
    const email = await renderEmail("refund-failed", props);
    expect(email.subject).toBe("Refund failed: $20.00 was not returned to the donor");
    expect(email.text).toContain("A refund of $20.00 failed (lost or stolen card)");
    expect(email.text).toContain("the donor was not repaid");
    expect(email.text).toContain("The gift: $50.00 to Foreign Media in North Korea from Ana <ana@example.org> on November 29, 2026.");
    expect(email.text).toContain("The $20.00 counts again in Foreign Media in North Korea's raised total. Still refunded on this gift: $10.00.");
    expect(email.text).toContain("https://give.example.org/admin/gifts/6f1c");
    const noReason = await renderEmail("refund-failed", { ...props, reason: null });
    expect(noReason.text).toContain("A refund of $20.00 failed: the donor's bank");
  });

  it("refuses props a receipt cannot be rendered from", async () => {
    await expect(renderEmail("one-off-receipt", { ...receipt, manageUrl: "not a url" })).rejects.toThrow();
  });
});
