import { describe, expect, it } from "vitest";
import { toPlainText as reactEmailToPlainText } from "react-email";
import { renderEmail, toPlainText } from "@/lib/email/render-email";

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
  manageUrl: "http://localhost:3000/giving/manage?token=abc",
};

describe("plain text of emails", () => {
  it("is what react-email's toPlainText makes of the HTML (the compiled converter keeps its options)", async () => {
    const email = await renderEmail("one-off-receipt", receipt);
    expect(email.text).toBe(reactEmailToPlainText(email.html));
    expect(email.text).toContain("Foreign Media in North Korea");
  });

  it("skips images and marked parts, keeps links without brackets, breaks table cells, as react-email does", () => {
    const html = `<p>Hello <img src="x.png" alt="logo"><span data-skip-in-text="true">hidden</span>
      <a href="https://example.org/a">read on</a> <a href="https://example.org">https://example.org</a></p>
      <table><tr><td>one</td><td>two</td></tr></table>
      <table data-text-format="dataTable"><tr><th>Amount</th><th>Date</th></tr><tr><td>$5</td><td>today</td></tr></table>`;
    expect(toPlainText(html)).toBe(reactEmailToPlainText(html));
    expect(toPlainText(html)).not.toContain("hidden");
    expect(toPlainText(html)).not.toContain("logo");
  });
});
