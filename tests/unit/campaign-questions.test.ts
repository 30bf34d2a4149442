import { describe, expect, it } from "vitest";
import type { CampaignQuestion } from "@/db/schema";
import { labelAnswers, parseQuestionSlots } from "@/lib/campaigns/campaign-questions";
import { donationAmountBounds } from "@/lib/payments/donation-amount-bounds";
import { donationFormValues, parseDonationForm } from "@/lib/payments/donation-form";
import { decodeGiftMetadata, encodeGiftMetadata } from "@/lib/payments/gift-metadata";

const QUESTIONS: CampaignQuestion[] = [
  { key: "q1", label: "How did you hear about us?", kind: "choice", options: ["Radio", "A friend"], required: true },
  { key: "q2", label: "Your employer (for matching)", kind: "text", options: [], required: false },
];
const campaign = { currency: "USD", questions: QUESTIONS, askPostalAddress: true };
const parse = (values: Record<string, unknown>) => parseDonationForm({ amount: "2500", ...values }, campaign, donationAmountBounds("USD"));

describe("questions on the donation form", () => {
  it("takes the answers and the postal address with the gift", () => {
    const result = parse({ q1: "A friend", q2: "  Acme   Co ", postal_address: " 1 Main St \r\n\r\n Springfield  IL " });
    expect(result.ok && result.request).toMatchObject({ answers: { q1: "A friend", q2: "Acme Co" }, postalAddress: "1 Main St\nSpringfield IL" });
  });

  it("refuses a missing required answer, a choice not on the list and a missing address, each on its field", () => {
    expect(parse({ q2: "x" })).toEqual({
      ok: false,
      errors: { q1: "Choose an answer to “How did you hear about us?”.", postal_address: "Enter your postal address: it is printed on your receipt." },
    });
    expect(parse({ q1: "Television", postal_address: "1 Main St" })).toEqual({
      ok: false,
      errors: { q1: "Choose one of the answers listed for “How did you hear about us?”." },
    });
    // With an amount error too, both are reported.
    const both = parse({ amount: "", other_amount: "abc", postal_address: "1 Main St" });
    expect(both.ok === false && Object.keys(both.errors).sort()).toEqual(["amount", "q1"]);
  });

  it("ignores answers to questions the campaign does not ask", () => {
    const result = parseDonationForm({ amount: "2500", q3: "sneaky", postal_address: "x" }, { currency: "USD" }, donationAmountBounds("USD"));
    expect(result.ok && result.request).not.toHaveProperty("answers");
    expect(result.ok && result.request).not.toHaveProperty("postalAddress");
  });

  it("reads the answers from the posted form", () => {
    const form = new FormData();
    form.set("q1", "Radio");
    form.set("postal_address", "1 Main St");
    expect(donationFormValues(form)).toMatchObject({ q1: "Radio", postal_address: "1 Main St" });
  });

  it("carries answers and address through Stripe metadata and labels them as asked", () => {
    const metadata = encodeGiftMetadata({
      campaignId: "5b0a3c1e-8d2f-4a8e-9c51-0f1d2e3a4b5c",
      frequency: "once",
      giftAmount: 2500,
      feeCoveredAmount: 0,
      anonymous: false,
      dedication: null,
      answers: { q1: "Radio", q2: "Acme" },
      postalAddress: "1 Main St\nSpringfield",
    });
    expect(metadata).toMatchObject({ q1: "Radio", q2: "Acme", postal_address: "1 Main St\nSpringfield" });
    const decoded = decodeGiftMetadata(metadata)!;
    expect(decoded.postalAddress).toBe("1 Main St\nSpringfield");
    expect(labelAnswers(QUESTIONS, decoded.answers)).toEqual([
      { key: "q1", label: "How did you hear about us?", answer: "Radio" },
      { key: "q2", label: "Your employer (for matching)", answer: "Acme" },
    ]);
    expect(labelAnswers([], { q3: "kept" })).toEqual([{ key: "q3", label: "Question 3", answer: "kept" }]);
  });

  it("turns the admin's slots into questions: empty slots unused, a choice needs two options", () => {
    const slot = (label: string, kind: string, options = "", required = false) => ({ label, kind, options, required });
    expect(parseQuestionSlots([slot("", "text"), slot(" Employer ", "text", "", true), slot("Size", "choice", "S\nM\n\nM")])).toEqual({
      ok: true,
      questions: [
        { key: "q2", label: "Employer", kind: "text", options: [], required: true },
        { key: "q3", label: "Size", kind: "choice", options: ["S", "M"], required: false },
      ],
    });
    expect(parseQuestionSlots([slot("Size", "choice", "S")])).toEqual({ ok: false, errors: { q1_options: "List at least two choices, one per line." } });
    expect(parseQuestionSlots([slot("Size", "date")])).toEqual({ ok: false, errors: { q1_kind: "Choose short text or a choice from a list." } });
  });
});
