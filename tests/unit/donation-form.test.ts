import { describe, expect, it } from "vitest";
import { parseDonationForm } from "@/lib/payments/donation-form";
import { donationAmountBounds } from "@/lib/payments/donation-limits";

const usd = { currency: "USD" };
const jpy = { currency: "JPY" };
const parseUsd = (values: Record<string, unknown>) => parseDonationForm(values, usd, donationAmountBounds("USD"));

describe("donation form", () => {
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
        submissionId: "0b6a4f4e-2a7c-4c53-9a57-3b2d2f8f3f0e",
      },
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
      errors: { amount: "Enter the amount in numbers, such as 25 or 25.50.", dedication_name: "Enter the name of the person you are honouring or remembering." },
    });
  });

  it("ignores a submission id that is not a plain token", () => {
    expect(parseUsd({ amount: "2500", submission_id: "<script>" })).toMatchObject({ ok: true, request: { submissionId: "" } });
  });
});
