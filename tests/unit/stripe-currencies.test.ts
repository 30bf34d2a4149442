import { STRIPE_CURRENCIES as EMULATOR_CURRENCIES } from "@lantern/stripe-emulator";
import { describe, expect, it } from "vitest";
import { isStripeCurrency, STRIPE_CURRENCIES } from "@/lib/payments/stripe-currencies";

describe("Stripe's currencies", () => {
  it("are the same list in the app and in the Stripe emulator", () => {
    expect([...STRIPE_CURRENCIES].map((code) => code.toLowerCase()).sort()).toEqual([...EMULATOR_CURRENCIES].sort());
  });

  it("are real ISO currencies, and leave out ones Stripe does not take", () => {
    const iso = new Set(Intl.supportedValuesOf("currency"));
    // Stripe still names São Tomé's dobra by its pre-2018 code, which Intl no longer lists.
    expect([...STRIPE_CURRENCIES].filter((code) => !iso.has(code))).toEqual(["STD"]);
    expect(isStripeCurrency("usd")).toBe(true);
    expect(isStripeCurrency("JPY")).toBe(true);
    expect(isStripeCurrency("VES")).toBe(false);
  });
});
