/**
 * How a gift was paid. `card` is every payment taken through Stripe; the others are gifts staff
 * record by hand (lib/donations/offline-gifts.ts). Labels are what receipts, the admin and the
 * CSV show.
 */
export const OFFLINE_GIFT_METHODS = ["cheque", "bank_transfer", "cash", "daf", "other"] as const;
export type OfflineGiftMethod = (typeof OFFLINE_GIFT_METHODS)[number];
export type GiftMethod = "card" | OfflineGiftMethod;

export const GIFT_METHOD_LABELS: Record<GiftMethod, string> = {
  card: "Card (Stripe)",
  cheque: "Cheque",
  bank_transfer: "Bank transfer",
  cash: "Cash",
  daf: "Donor-advised fund",
  other: "Other",
};

export function isOfflineMethod(method: GiftMethod): method is OfflineGiftMethod {
  return method !== "card";
}
