import type { DedicationKind } from "@/lib/payments/gift-metadata";

/** "In memory of Grandma Kim": how a dedication reads on receipts and the thank-you page. */
export function dedicationText(dedication: { kind: DedicationKind; name: string } | null): string | null {
  if (!dedication) return null;
  return `${dedication.kind === "in_memory" ? "In memory of" : "In honour of"} ${dedication.name}`;
}
