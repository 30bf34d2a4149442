import { createHash } from "node:crypto";
import type { TestCard } from "./objects/payment-method";

/** Stripe's test card numbers the hosted checkout page understands. */
export const TEST_CARDS = {
  success: "4242424242424242",
  /** Stripe's `refund_fail`: the charge succeeds; a refund of it starts succeeded, then fails (operations/refunds). */
  refundFailsAsynchronously: "4000000000005126",
  genericDecline: "4000000000000002",
  insufficientFunds: "4000000000009995",
  /** Stripe's United Kingdom (GB) Visa: an international card for a US account (Stripe adds 1.5%, src/fees.ts). */
  unitedKingdom: "4000008260000000",
} as const;

/** Issuing country of each test card that pays (Stripe's "cards by country" list); the rest are US cards. */
const CARD_COUNTRIES: Record<string, string> = { [TEST_CARDS.unitedKingdom]: "GB" };

export type CardOutcome = { ok: true; card: TestCard } | { ok: false; code: string; declineCode: string | null; message: string };

/** Stable per number, like Stripe's fingerprints, so "same card" checks work (and a charge's card can be recognised later). */
export function cardFingerprint(number: string): string {
  return createHash("sha256").update(number).digest("base64url").slice(0, 16);
}

/** Whether refunds of a charge paid with this card (by fingerprint) fail some time after they are made, as 4000 0000 0000 5126's do at Stripe. */
export function refundsFailLater(fingerprint: string | null | undefined): boolean {
  return fingerprint === cardFingerprint(TEST_CARDS.refundFailsAsynchronously);
}

/** What Stripe answers for a card number typed on its hosted page (spaces and dashes ignored). */
export function evaluateCard(rawNumber: string, now: number): CardOutcome {
  const number = rawNumber.replace(/[\s-]/g, "");
  if (number === "") return { ok: false, code: "incomplete_number", declineCode: null, message: "Your card number is incomplete." };
  if (number === TEST_CARDS.success || number === TEST_CARDS.refundFailsAsynchronously || number === TEST_CARDS.unitedKingdom) {
    return {
      ok: true,
      card: {
        brand: "visa",
        last4: number.slice(-4),
        expMonth: 12,
        expYear: new Date(now * 1000).getUTCFullYear() + 3,
        fingerprint: cardFingerprint(number),
        funding: "credit",
        country: CARD_COUNTRIES[number] ?? "US",
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
