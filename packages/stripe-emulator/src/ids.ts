import { randomBytes } from "node:crypto";

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

function randomBase62(length: number): string {
  // Rejection sampling keeps every character equally likely (256 is not a multiple of 62).
  let out = "";
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248 && out.length < length) out += ALPHABET[byte % 62];
    }
  }
  return out;
}

/** Id lengths follow what Stripe issues today, so ids look familiar in logs and the database. */
const FORMATS = {
  customer: ["cus_", 14],
  checkoutSession: ["cs_test_", 58],
  paymentIntent: ["pi_", 24],
  charge: ["ch_", 24],
  dispute: ["dp_", 24],
  balanceTransaction: ["txn_", 24],
  paymentMethod: ["pm_", 24],
  refund: ["re_", 24],
  price: ["price_", 24],
  product: ["prod_", 14],
  subscription: ["sub_", 24],
  subscriptionItem: ["si_", 14],
  invoice: ["in_", 24],
  invoiceLineItem: ["il_", 24],
  invoicePayment: ["inpay_", 24],
  checkoutLineItem: ["li_", 24],
  portalSession: ["bps_", 24],
  portalConfiguration: ["bpc_", 24],
  event: ["evt_", 24],
  request: ["req_", 14],
} as const satisfies Record<string, readonly [string, number]>;

export type IdKind = keyof typeof FORMATS;

export function newId(kind: IdKind): string {
  const [prefix, length] = FORMATS[kind];
  // Real test-mode checkout session ids start "cs_test_a1"; keep that look.
  return kind === "checkoutSession" ? `${prefix}a1${randomBase62(length - 2)}` : `${prefix}${randomBase62(length)}`;
}

export function newSecret(length = 24): string {
  return randomBase62(length);
}

/** Short uppercase hex, the shape of a customer's `invoice_prefix`. */
export function newInvoicePrefix(): string {
  return randomBytes(4).toString("hex").toUpperCase();
}
