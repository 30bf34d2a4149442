import "server-only";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/database";
import { donations, recurringGifts } from "@/db/schema";
import { hasMisplacedComma, minorToDecimalString, minorUnitDigits, parseAmountToMinor } from "@/lib/money/money";

/*
 * The checks the giving page's forms make before acting: the gift named in the form belongs to
 * the donor whose page it is, and a typed amount reads as money.
 */

export async function monthlyGiftOfDonor(
  db: Database,
  donorId: string,
  giftId: string,
): Promise<{ id: string; currency: string; stripeSubscriptionId: string } | null> {
  if (!z.uuid().safeParse(giftId).success) return null;
  const [gift] = await db
    .select({ id: recurringGifts.id, currency: recurringGifts.currency, stripeSubscriptionId: recurringGifts.stripeSubscriptionId })
    .from(recurringGifts)
    .where(and(eq(recurringGifts.id, giftId), eq(recurringGifts.donorId, donorId)));
  return gift ?? null;
}

export async function giftOfDonor(db: Database, donorId: string, giftId: string): Promise<{ id: string } | null> {
  if (!z.uuid().safeParse(giftId).success) return null;
  const [gift] = await db
    .select({ id: donations.id })
    .from(donations)
    .where(and(eq(donations.id, giftId), eq(donations.donorId, donorId)));
  return gift ?? null;
}

/** A typed monthly amount in minor units, or the message to show next to the field. */
export function parseMonthlyAmount(typed: string, currency: string): { ok: true; value: number } | { ok: false; message: string } {
  const text = typed.trim().replace(/^[$€£¥]/, "");
  const example = minorUnitDigits(currency) === 0 ? "5000" : "25 or 25.50";
  if (text === "") return { ok: false, message: `Enter the new monthly amount, such as ${example}.` };
  if (text.length > 40) return { ok: false, message: `Enter the amount in numbers, such as ${example}.` };
  const amount = parseAmountToMinor(text, currency);
  if (amount === null) {
    return {
      ok: false,
      message: hasMisplacedComma(text) ? "Use a comma only to group thousands, such as 1,000.50." : `Enter the amount in numbers, such as ${example}.`,
    };
  }
  return { ok: true, value: amount };
}

/** The amount as the field shows it to start with: "10.00", or "5000" for yen. */
export function amountFieldValue(amount: number, currency: string): string {
  return minorToDecimalString(amount, currency);
}
