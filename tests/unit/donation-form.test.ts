import { describe, expect, it } from "vitest";
import { NOTIFY_MESSAGES, parseDonationForm } from "@/lib/payments/donation-form";
import { donationAmountBounds } from "@/lib/payments/donation-amount-bounds";

const usd = { currency: "USD" };
const jpy = { currency: "JPY" };
const parseUsd = (values: Record<string, unknown>) => parseDonationForm(values, usd, donationAmountBounds("USD"));

describe("donation form", () => {
  it("takes yearly only where the campaign offers it", () => {
    const yearlyToo = { currency: "USD", frequencies: ["once" as const, "monthly" as const, "yearly" as const] };
    expect(parseDonationForm({ amount: "12000", frequency: "yearly" }, yearlyToo, donationAmountBounds("USD"))).toMatchObject({
      ok: true,
      request: { frequency: "yearly", giftAmount: 12_000 },
    });
    // The default offer (once and monthly) refuses a posted "yearly", naming what is offered.
    expect(parseUsd({ amount: "12000", frequency: "yearly" })).toEqual({ ok: false, errors: { frequency: "Choose “Give once” or “Monthly”." } });
    const monthlyOnly = { currency: "USD", frequencies: ["monthly" as const] };
    expect(parseDonationForm({ amount: "1000", frequency: "once" }, monthlyOnly, donationAmountBounds("USD"))).toEqual({
      ok: false,
      errors: { frequency: "Choose “Monthly”." },
    });
  });

  it("takes a preset amount, frequency, fee cover, dedication and anonymity", () => {
    const result = parseUsd({
      frequency: "once",
      amount: "2500",
      cover_fee: "on",
      anonymous: "on",
      dedication: "in_memory",
      dedication_name: "  Grandma\u0000   Kim \n",
      submission_id: "0b6a4f4e-2a7c-4c53-9a57-3b2d2f8f3f0e",
    });
    expect(result).toEqual({
      ok: true,
      request: {
        frequency: "once",
        giftAmount: 2500,
        feeCoveredAmount: 106,
        anonymous: true,
        // Unticked unless the donor ticks "Email me updates about this campaign".
        wantsUpdates: false,
        dedication: { kind: "in_memory", name: "Grandma Kim" },
        dedicationNotice: null,
        submissionId: "0b6a4f4e-2a7c-4c53-9a57-3b2d2f8f3f0e",
      },
    });
  });

  it("takes an address to notify of a dedication, with an optional name, normalised", () => {
    const result = parseUsd({
      amount: "2500",
      dedication: "in_honour",
      dedication_name: "Mr Park",
      notify_email: " Park.Family@EXAMPLE.org ",
      notify_name: " Ji-ho ",
    });
    expect(result.ok && result.request.dedicationNotice).toEqual({ email: "Park.Family@example.org", name: "Ji-ho" });
    const nameless = parseUsd({ amount: "2500", dedication: "in_honour", dedication_name: "Mr Park", notify_email: "park@example.org" });
    expect(nameless.ok && nameless.request.dedicationNotice).toEqual({ email: "park@example.org", name: null });
  });

  it("refuses a bad address to notify, an address without a dedication, and a name without an address", () => {
    const dedicated = { amount: "2500", dedication: "in_memory", dedication_name: "Grandma Kim" };
    for (const bad of ["not-an-address", "someone@", "a b@example.org", "x@localhost"]) {
      const result = parseUsd({ ...dedicated, notify_email: bad });
      expect(result.ok, bad).toBe(false);
      expect(!result.ok && result.errors.notify_email, bad).toMatch(/\S/);
    }
    expect(parseUsd({ amount: "2500", notify_email: "family@example.org" })).toEqual({ ok: false, errors: { notify_email: NOTIFY_MESSAGES.needsDedication } });
    expect(parseUsd({ ...dedicated, notify_name: "Soo-ah" })).toEqual({ ok: false, errors: { notify_email: NOTIFY_MESSAGES.nameWithoutEmail } });
    expect(parseUsd({ ...dedicated, notify_email: "family@example.org", notify_name: "x".repeat(101) })).toEqual({
      ok: false,
      errors: { notify_name: NOTIFY_MESSAGES.nameTooLong },
    });
  });

  it("asks for updates only when the box is ticked", () => {
    expect(parseUsd({ amount: "2500", updates: "on" })).toMatchObject({ ok: true, request: { wantsUpdates: true } });
    expect(parseUsd({ amount: "2500", updates: "yes please" })).toMatchObject({ ok: true, request: { wantsUpdates: false } });
  });

  it("prefers a typed other amount over a preset, in the campaign's currency", () => {
    expect(parseUsd({ amount: "2500", other_amount: "1,234.50", frequency: "monthly" })).toMatchObject({
      ok: true,
      request: { giftAmount: 123_450, frequency: "monthly", feeCoveredAmount: 0, anonymous: false, dedication: null, submissionId: "" },
    });
    expect(parseDonationForm({ other_amount: "5000" }, jpy, donationAmountBounds("JPY"))).toMatchObject({ ok: true, request: { giftAmount: 5000 } });
  });

  it("names the contact address for a gift above the maximum, so the form can link it", () => {
    expect(parseDonationForm({ other_amount: "100001" }, usd, donationAmountBounds("USD"), "major-gifts@lantern.org")).toEqual({
      ok: false,
      errors: { amount: "The largest gift we can take online is $100,000. For a larger gift, please contact us at major-gifts@lantern.org." },
    });
  });

  it.each([
    [{ other_amount: "0" }, "amount", "The smallest gift we can take is $1.00."],
    [{ other_amount: "abc" }, "amount", "Enter the amount in numbers, such as 25 or 25.50."],
    [{ other_amount: "-5" }, "amount", "Enter the amount in numbers, such as 25 or 25.50."],
    [{ other_amount: "12.345" }, "amount", "Enter the amount in numbers, such as 25 or 25.50."],
    [{ other_amount: "1e3" }, "amount", "Enter the amount in numbers, such as 25 or 25.50."],
    [{ other_amount: "0.99" }, "amount", "The smallest gift we can take is $1.00."],
    [{ other_amount: "100000.01" }, "amount", "The largest gift we can take online is $100,000. For a larger gift, please contact us."],
    [{ other_amount: "9".repeat(41) }, "amount", "Enter the amount in numbers, such as 25 or 25.50."],
    [{}, "amount", "Choose an amount or enter another amount."],
    [{ amount: "lots" }, "amount", "Choose an amount or enter another amount."],
    [{ amount: "50", frequency: "weekly" }, "frequency", "Choose “Give once” or “Monthly”."],
    [{ amount: "2500", dedication: "in_honour" }, "dedication_name", "Enter the name of the person you are honouring or remembering."],
    [{ amount: "2500", dedication: "in_honour", dedication_name: "   " }, "dedication_name", "Enter the name of the person you are honouring or remembering."],
    [{ amount: "2500", dedication: "in_honour", dedication_name: "x".repeat(101) }, "dedication_name", "Keep the name to 100 characters or fewer."],
    [{ amount: "2500", dedication_name: "Ms. Park" }, "dedication", "Choose “In honour of” or “In memory of” for the name you entered."],
    [{ amount: "2500", dedication: "in_spite_of", dedication_name: "X" }, "dedication", "Choose how to dedicate the gift."],
  ])("refuses %j with a message on %s", (values, field, message) => {
    const result = parseUsd(values);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[field as keyof typeof result.errors]).toBe(message);
  });

  it("words the amount message for zero-decimal currencies", () => {
    const result = parseDonationForm({ other_amount: "50.5" }, jpy, donationAmountBounds("JPY"));
    expect(result).toEqual({ ok: false, errors: { amount: "Enter the amount in numbers, such as 5000." } });
    expect(parseDonationForm({ other_amount: "49" }, jpy, donationAmountBounds("JPY"))).toEqual({
      ok: false,
      errors: { amount: "The smallest gift we can take is ¥50." },
    });
  });

  it("reports every problem at once", () => {
    const result = parseUsd({ other_amount: "abc", dedication: "in_memory" });
    expect(result).toEqual({
      ok: false,
      errors: {
        amount: "Enter the amount in numbers, such as 25 or 25.50.",
        dedication_name: "Enter the name of the person you are honouring or remembering.",
      },
    });
  });

  it("ignores a submission id that is not a plain token", () => {
    expect(parseUsd({ amount: "2500", submission_id: "<script>" })).toMatchObject({ ok: true, request: { submissionId: "" } });
  });
});

/**
 * What donors type into "Other amount", read as the campaign's currency. A comma only groups
 * thousands; a decimal comma ("2,50") is refused with a message instead of becoming 250.
 */
describe("amount spellings", () => {
  const USD_COMMA = "Use a comma only to group thousands, such as 1,000.50. For cents, use a point: 2.50.";
  const USD_NUMBERS = "Enter the amount in numbers, such as 25 or 25.50.";
  const JPY_COMMA = "Use a comma only to group thousands, such as 5,000.";
  const JPY_NUMBERS = "Enter the amount in numbers, such as 5000.";
  const parse = (typed: string, currency: string) => parseDonationForm({ other_amount: typed }, { currency }, donationAmountBounds(currency));

  it.each<[string, string, number | string]>([
    ["25", "USD", 2500],
    ["25.5", "USD", 2550],
    ["25.50", "USD", 2550],
    ["  25.50  ", "USD", 2550],
    ["25.", "USD", 2500],
    ["1000", "USD", 100_000],
    ["1,000", "USD", 100_000],
    ["1,000.50", "USD", 100_050],
    ["1,000.5", "USD", 100_050],
    ["12,345", "USD", 1_234_500],
    ["100,000", "USD", 10_000_000],
    ["99,999.99", "USD", 9_999_999],
    ["2.500", "USD", 250], // a trailing zero past the cents is still exact
    ["2,50", "USD", USD_COMMA],
    ["1,5", "USD", USD_COMMA],
    ["1,00", "USD", USD_COMMA],
    ["1,0000", "USD", USD_COMMA],
    ["1,00,000", "USD", USD_COMMA],
    [",100", "USD", USD_COMMA],
    ["100,", "USD", USD_COMMA],
    ["1,,000", "USD", USD_COMMA],
    ["1.000,50", "USD", USD_COMMA],
    ["25,50 ", "USD", USD_COMMA],
    ["1,000,00", "USD", USD_COMMA],
    ["1 000", "USD", USD_NUMBERS],
    ["$25", "USD", USD_NUMBERS],
    ["25.555", "USD", USD_NUMBERS],
    ["1.000.50", "USD", USD_NUMBERS],
    [".50", "USD", USD_NUMBERS],
    ["2e2", "USD", USD_NUMBERS],
    ["0x10", "USD", USD_NUMBERS],
    ["-25", "USD", USD_NUMBERS],
    ["٢٥", "USD", USD_NUMBERS],
    ["5000", "JPY", 5000],
    ["5,000", "JPY", 5000],
    ["100,000", "JPY", 100_000],
    ["5,000.", "JPY", 5000],
    ["5000.00", "JPY", 5000],
    ["5,00", "JPY", JPY_COMMA],
    ["5000,5", "JPY", JPY_COMMA],
    ["5000.5", "JPY", JPY_NUMBERS],
    ["1,000.5", "JPY", JPY_NUMBERS],
  ])("reads %j in %s as %j", (typed, currency, expected) => {
    const result = parse(typed, currency);
    if (typeof expected === "number") expect(result).toMatchObject({ ok: true, request: { giftAmount: expected } });
    else expect(result).toEqual({ ok: false, errors: { amount: expected } });
  });
});
