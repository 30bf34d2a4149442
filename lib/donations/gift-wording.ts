import type { Dedication } from "./gift-types";

/** How gifts read to donors: on receipts, other giving emails and the thank-you page. */

/** "In memory of Grandma Kim". */
export function dedicationText(dedication: Dedication | null): string | null {
  if (!dedication) return null;
  return `${dedication.kind === "in_memory" ? "In memory of" : "In honour of"} ${dedication.name}`;
}

// Made once: toLocaleDateString builds a new formatter on every call.
const giftDateFormat = new Intl.DateTimeFormat("en-US", { dateStyle: "long", timeZone: "UTC" });

/** "November 24, 2025" (UTC: the donor's time zone is unknown). */
export function formatGiftDate(date: Date): string {
  return giftDateFormat.format(date);
}
