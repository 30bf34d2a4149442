import { createHash } from "node:crypto";

/**
 * Stripe's test bank accounts the hosted checkout page understands (docs.stripe.com, "ACH Direct
 * Debit" and "SEPA Direct Debit" → Test your integration). A bank debit is not settled when the
 * donor pays: the PaymentIntent stays `processing` until the settlement delay has passed on the
 * emulator's clock (`settlesAt`), then succeeds or fails (operations/bank-debits.ts).
 */
export const TEST_BANK_ACCOUNTS = {
  usRoutingNumber: "110000000",
  /** Succeeds. */
  usSuccess: "000123456789",
  /** Fails after the delay: `account_closed` (Stripe's R02 return). */
  usFailure: "000111111113",
  /** Succeeds. */
  sepaSuccess: "DE89370400440532013000",
  /** Fails after the delay: `insufficient_funds`. */
  sepaFailure: "DE62370400440532013001",
} as const;

export type BankDebitMethod = "us_bank_account" | "sepa_debit";

/** What the donor's bank account looks like on the PaymentMethod and Charge. */
export interface TestBankAccount {
  method: BankDebitMethod;
  last4: string;
  fingerprint: string;
  /** ACH: the routing number; SEPA: the bank code in the IBAN. */
  bankCode: string;
  country: string;
  /** How the debit ends once settled: null succeeds. */
  failure: { code: string; message: string } | null;
}

export type BankOutcome = { ok: true; account: TestBankAccount } | { ok: false; message: string };

const BUSINESS_DAY_DELAY: Record<BankDebitMethod, number> = {
  // Stripe: ACH Direct Debit payments take 4 business days to confirm success or failure.
  us_bank_account: 4,
  // Stripe: SEPA Direct Debit can take up to 14 business days; 5 is typical. The emulator uses 5.
  sepa_debit: 5,
};

/** The unix second a bank debit made at `now` settles: its method's business days later (Saturdays and Sundays skipped, UTC). */
export function settlementTime(method: BankDebitMethod, now: number): number {
  let at = now;
  let days = BUSINESS_DAY_DELAY[method];
  while (days > 0) {
    at += 86_400;
    const weekday = new Date(at * 1000).getUTCDay();
    if (weekday !== 0 && weekday !== 6) days -= 1;
  }
  return at;
}

function fingerprint(value: string): string {
  return createHash("sha256").update(`bank:${value}`).digest("base64url").slice(0, 16);
}

/** What Stripe answers for a US bank account typed on its hosted page (test mode: only its test numbers). */
export function evaluateUsBankAccount(rawRouting: string, rawAccount: string): BankOutcome {
  const routing = rawRouting.replace(/[\s-]/g, "");
  const account = rawAccount.replace(/[\s-]/g, "");
  if (routing === "") return { ok: false, message: "Your routing number is incomplete." };
  if (!/^\d{9}$/.test(routing) || routing !== TEST_BANK_ACCOUNTS.usRoutingNumber) return { ok: false, message: "Your routing number is invalid." };
  if (account === "") return { ok: false, message: "Your account number is incomplete." };
  if (account !== TEST_BANK_ACCOUNTS.usSuccess && account !== TEST_BANK_ACCOUNTS.usFailure) return { ok: false, message: "Your account number is invalid." };
  return {
    ok: true,
    account: {
      method: "us_bank_account",
      last4: account.slice(-4),
      fingerprint: fingerprint(`${routing}:${account}`),
      bankCode: routing,
      country: "US",
      failure: account === TEST_BANK_ACCOUNTS.usFailure ? FAILURES.us_bank_account.failure : null,
    },
  };
}

/** What Stripe answers for an IBAN typed on its hosted page (test mode: only its test IBANs). */
export function evaluateIban(rawIban: string): BankOutcome {
  const iban = rawIban.replace(/\s/g, "").toUpperCase();
  if (iban === "") return { ok: false, message: "Your IBAN is incomplete." };
  if (iban !== TEST_BANK_ACCOUNTS.sepaSuccess && iban !== TEST_BANK_ACCOUNTS.sepaFailure) return { ok: false, message: "Your IBAN is invalid." };
  return {
    ok: true,
    account: {
      method: "sepa_debit",
      last4: iban.slice(-4),
      fingerprint: fingerprint(iban),
      bankCode: iban.slice(4, 12),
      country: iban.slice(0, 2),
      failure:
        iban === TEST_BANK_ACCOUNTS.sepaFailure
          ? { code: "insufficient_funds", message: "The customer's account has insufficient funds to cover this payment." }
          : null,
    },
  };
}

/** Which bank debits a session in this currency offers: ACH for USD, SEPA for EUR (as Stripe's Checkout, per currency). */
export function bankDebitFor(currency: string): BankDebitMethod | null {
  const lower = currency.toLowerCase();
  return lower === "usd" ? "us_bank_account" : lower === "eur" ? "sepa_debit" : null;
}

const FAILURES: Record<BankDebitMethod, { last4: string; failure: { code: string; message: string } }> = {
  us_bank_account: {
    last4: TEST_BANK_ACCOUNTS.usFailure.slice(-4),
    failure: { code: "account_closed", message: "The customer's bank account has been closed." },
  },
  sepa_debit: {
    last4: TEST_BANK_ACCOUNTS.sepaFailure.slice(-4),
    failure: { code: "insufficient_funds", message: "The customer's account has insufficient funds to cover this payment." },
  },
};

/**
 * The test account behind a saved bank PaymentMethod (a monthly gift's renewals debit it again):
 * only Stripe's test accounts can be saved, so its last four digits say how it ends.
 */
export function bankAccountOf(paymentMethod: {
  type: string;
  us_bank_account?: { last4: string | null; fingerprint: string | null; routing_number: string | null } | null;
  sepa_debit?: { last4: string | null; fingerprint: string | null; bank_code: string | null; country: string | null } | null;
}): TestBankAccount | null {
  if (paymentMethod.type === "us_bank_account" && paymentMethod.us_bank_account) {
    const { last4, fingerprint, routing_number } = paymentMethod.us_bank_account;
    const failing = FAILURES.us_bank_account;
    return {
      method: "us_bank_account",
      last4: last4 ?? "",
      fingerprint: fingerprint ?? "",
      bankCode: routing_number ?? "",
      country: "US",
      failure: last4 === failing.last4 ? failing.failure : null,
    };
  }
  if (paymentMethod.type === "sepa_debit" && paymentMethod.sepa_debit) {
    const { last4, fingerprint, bank_code, country } = paymentMethod.sepa_debit;
    const failing = FAILURES.sepa_debit;
    return {
      method: "sepa_debit",
      last4: last4 ?? "",
      fingerprint: fingerprint ?? "",
      bankCode: bank_code ?? "",
      country: country ?? "DE",
      failure: last4 === failing.last4 ? failing.failure : null,
    };
  }
  return null;
}

/** The failure a bank debit ends with when a test helper makes a renewal fail (Stripe's R01). */
export const FORCED_BANK_FAILURE = { code: "insufficient_funds", message: "The customer's account has insufficient funds to cover this payment." } as const;
