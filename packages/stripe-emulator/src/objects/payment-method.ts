import { newId } from "../ids";
import type { TestBankAccount } from "../bank-accounts";
import type { WirePaymentMethod } from "../wire";

/** The card details the emulator's test cards produce. */
export interface TestCard {
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
  fingerprint: string;
  funding: string;
  country: string;
}

export interface BillingDetailsInput {
  email: string | null;
  name: string | null;
}

export function billingDetails(input: BillingDetailsInput) {
  return {
    address: { city: null, country: null, line1: null, line2: null, postal_code: null, state: null },
    email: input.email,
    name: input.name,
    phone: null,
    tax_id: null,
  };
}

/** A card PaymentMethod (fixtures3.json `payment_method`), as Checkout creates on payment. */
export function buildPaymentMethod(input: { created: number; card: TestCard; billing: BillingDetailsInput; customer: string | null }): WirePaymentMethod {
  return {
    id: newId("paymentMethod"),
    object: "payment_method",
    allow_redisplay: "limited",
    billing_details: billingDetails(input.billing),
    card: {
      brand: input.card.brand,
      checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: "pass" },
      country: input.card.country,
      display_brand: input.card.brand,
      exp_month: input.card.expMonth,
      exp_year: input.card.expYear,
      fingerprint: input.card.fingerprint,
      funding: input.card.funding,
      generated_from: null,
      last4: input.card.last4,
      networks: { available: [input.card.brand], preferred: null },
      regulated_status: "unregulated",
      three_d_secure_usage: { supported: true },
      wallet: null,
    },
    created: input.created,
    customer: input.customer,
    customer_account: null,
    livemode: false,
    metadata: {},
    type: "card",
  };
}

/** The bank account part of a PaymentMethod or Charge, as Stripe shows a test account. */
export function bankDetails(account: TestBankAccount) {
  if (account.method === "us_bank_account") {
    return {
      us_bank_account: {
        account_holder_type: "individual" as const,
        account_type: "checking" as const,
        bank_name: "STRIPE TEST BANK",
        fingerprint: account.fingerprint,
        last4: account.last4,
        routing_number: account.bankCode,
      },
    };
  }
  return { sepa_debit: { bank_code: account.bankCode, branch_code: "", country: account.country, fingerprint: account.fingerprint, last4: account.last4 } };
}

/** A bank account PaymentMethod (`us_bank_account` or `sepa_debit`), as Checkout creates when the donor pays by bank debit. */
export function buildBankPaymentMethod(input: {
  created: number;
  account: TestBankAccount;
  billing: BillingDetailsInput;
  customer: string | null;
}): WirePaymentMethod {
  const details = bankDetails(input.account);
  const paymentMethod = {
    id: newId("paymentMethod"),
    object: "payment_method",
    allow_redisplay: "limited",
    billing_details: billingDetails(input.billing),
    created: input.created,
    customer: input.customer,
    customer_account: null,
    livemode: false,
    metadata: {},
    type: input.account.method,
    ...(input.account.method === "us_bank_account"
      ? {
          us_bank_account: {
            ...details.us_bank_account,
            financial_connections_account: null,
            networks: { preferred: "ach", supported: ["ach"] },
            status_details: null,
          },
        }
      : { sepa_debit: { ...details.sepa_debit, generated_from: { charge: null, setup_attempt: null } } }),
  };
  return paymentMethod as unknown as WirePaymentMethod;
}
