import { createHash } from "node:crypto";
import type { TestCard } from "./objects/payment-method";

/** Stripe's test card numbers the hosted checkout page understands. */
export const TEST_CARDS = {
  success: "4242424242424242",
  genericDecline: "4000000000000002",
  insufficientFunds: "4000000000009995",
} as const;

export type CardOutcome =
  | { ok: true; card: TestCard }
  | { ok: false; code: string; declineCode: string | null; message: string };

/** What Stripe answers for a card number typed on its hosted page (spaces and dashes ignored). */
export function evaluateCard(rawNumber: string, now: number): CardOutcome {
  const number = rawNumber.replace(/[\s-]/g, "");
  if (number === "") return { ok: false, code: "incomplete_number", declineCode: null, message: "Your card number is incomplete." };
  if (number === TEST_CARDS.success) {
    return {
      ok: true,
      card: {
        brand: "visa",
        last4: number.slice(-4),
        expMonth: 12,
        expYear: new Date(now * 1000).getUTCFullYear() + 3,
        // Stable per number, like Stripe's fingerprints, so "same card" checks work.
        fingerprint: createHash("sha256").update(number).digest("base64url").slice(0, 16),
        funding: "credit",
        country: "US",
      },
    };
  }
  if (number === TEST_CARDS.genericDecline) {
    return { ok: false, code: "card_declined", declineCode: "generic_decline", message: "Your card was declined." };
  }
  if (number === TEST_CARDS.insufficientFunds) {
    return { ok: false, code: "card_declined", declineCode: "insufficient_funds", message: "Your card has insufficient funds." };
  }
  return { ok: false, code: "incorrect_number", declineCode: null, message: "Your card number is invalid." };
}

/** How a renewal fails when a test asks for a failed renewal: the generic decline. */
export const RENEWAL_DECLINE = {
  code: "card_declined",
  declineCode: "generic_decline",
  message: "Your card was declined.",
} as const;
