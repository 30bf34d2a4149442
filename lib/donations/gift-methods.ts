/**
 * How a gift was paid. Through Stripe: `card` (cards and wallets) or a bank debit
 * (`us_bank_account`: ACH; `sepa_debit`), stored as Stripe's payment method type says; the others
 * are gifts staff record by hand (lib/donations/offline-gifts.ts). Labels are what receipts, the
 * admin and the CSV show.
 */
export const OFFLINE_GIFT_METHODS = ["cheque", "bank_transfer", "cash", "daf", "other"] as const;
export type OfflineGiftMethod = (typeof OFFLINE_GIFT_METHODS)[number];
export const STRIPE_GIFT_METHODS = ["card", "us_bank_account", "sepa_debit"] as const;
export type StripeGiftMethod = (typeof STRIPE_GIFT_METHODS)[number];
export type GiftMethod = StripeGiftMethod | OfflineGiftMethod;

export const GIFT_METHOD_LABELS: Record<GiftMethod, string> = {
  card: "Card (Stripe)",
  us_bank_account: "US bank account (ACH, Stripe)",
  sepa_debit: "SEPA Direct Debit (Stripe)",
  cheque: "Cheque",
  bank_transfer: "Bank transfer",
  cash: "Cash",
  daf: "Donor-advised fund",
  other: "Other",
};

export function isOfflineMethod(method: GiftMethod): method is OfflineGiftMethod {
  return (OFFLINE_GIFT_METHODS as readonly string[]).includes(method);
}

/** The gift's method from the Stripe payment method type that paid it (a card unless it was a bank debit). */
export function stripeGiftMethod(paymentMethodType: string | null | undefined): StripeGiftMethod {
  return paymentMethodType === "us_bank_account" || paymentMethodType === "sepa_debit" ? paymentMethodType : "card";
}

/** How a receipt names a Stripe payment: a bank debit by name, a card by nothing (the usual case). */
export function receiptMethodLabel(method: GiftMethod): string | null {
  if (method === "card") return null;
  if (method === "us_bank_account") return "US bank account (ACH Direct Debit)";
  if (method === "sepa_debit") return "SEPA Direct Debit";
  return GIFT_METHOD_LABELS[method];
}
