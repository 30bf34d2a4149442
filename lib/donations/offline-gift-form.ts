import { z } from "zod";
import { isKnownCurrency, minorUnitDigits, parseAmountToMinor } from "@/lib/money/money";
import { OFFLINE_GIFT_METHODS } from "./gift-methods";
import type { OfflineGiftInput } from "./offline-gifts";

/**
 * The admin's form for a gift received offline (record and correct share it): every field as
 * typed, and the one schema that turns it into an OfflineGiftInput or a message per field.
 */
export const OFFLINE_GIFT_FIELDS = [
  "method",
  "amount",
  "currency",
  "receivedOn",
  "donorName",
  "donorEmail",
  "campaignId",
  "reference",
  "dedicationKind",
  "dedicationName",
] as const;
export type OfflineGiftFormValues = Record<(typeof OFFLINE_GIFT_FIELDS)[number], string> & { anonymous: boolean };

export const OFFLINE_TEXT_MAX_LENGTH = 200;
const FIRST_DAY = "2000-01-01";

const optionalText = (tooLong: string) =>
  z
    .string()
    .trim()
    .max(OFFLINE_TEXT_MAX_LENGTH, tooLong)
    // PostgreSQL refuses a NUL in text; other control characters are never meant.
    .refine((value) => !/[\u0000-\u001f\u007f]/.test(value), "Use letters, numbers and punctuation only.")
    .transform((value) => value || null);

/** Today in UTC, `YYYY-MM-DD`: a gift cannot be received later than that. */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** The form's fields; the record and correct actions add their own keys beside them. */
export const offlineGiftFields = {
  method: z.enum(OFFLINE_GIFT_METHODS, "Choose how the gift was paid."),
  amount: z.string().trim().min(1, "Enter the amount received."),
  currency: z
    .string()
    .trim()
    .transform((value) => value.toUpperCase())
    .refine(isKnownCurrency, "Enter a three-letter currency code, like USD or EUR."),
  receivedOn: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "Enter the date the gift was received.")
    .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), "Enter a real date.")
    .refine((value) => value >= FIRST_DAY, "Enter a date in 2000 or later.")
    .refine((value) => value <= todayUtc(), "The date received cannot be in the future."),
  donorName: optionalText(`Keep the name to ${OFFLINE_TEXT_MAX_LENGTH} characters.`),
  donorEmail: z
    .string()
    .trim()
    .max(254, "That email address is too long.")
    .pipe(z.union([z.literal(""), z.email("Enter an email address, like name@example.org, or leave it empty.")]))
    .transform((value) => value || null),
  campaignId: z.uuid("Choose the campaign the gift is for."),
  reference: optionalText(`Keep the reference to ${OFFLINE_TEXT_MAX_LENGTH} characters.`),
  anonymous: z.boolean(),
  dedicationKind: z.enum(["", "in_honour", "in_memory"], "Choose a dedication."),
  dedicationName: optionalText(`Keep the name to ${OFFLINE_TEXT_MAX_LENGTH} characters.`),
};

type OfflineGiftFields = z.output<z.ZodObject<typeof offlineGiftFields>>;

/** The checks across fields (the amount in its currency, a dedication with a name), then the typed gift. */
export function toOfflineGiftInput(form: OfflineGiftFields, context: z.RefinementCtx): OfflineGiftInput {
  const amount = parseAmountToMinor(form.amount, form.currency);
  if (amount === null) {
    context.addIssue({
      code: "custom",
      path: ["amount"],
      message: `Enter an amount like ${minorUnitDigits(form.currency) === 0 ? "5000" : "250.00"}, in ${form.currency}.`,
    });
  } else if (amount <= 0) {
    context.addIssue({ code: "custom", path: ["amount"], message: "Enter an amount greater than zero." });
  } else if (amount > 2_147_483_647) {
    context.addIssue({ code: "custom", path: ["amount"], message: "That amount is too large to record." });
  }
  if (form.dedicationKind && !form.dedicationName) {
    context.addIssue({ code: "custom", path: ["dedicationName"], message: "Enter who the gift is dedicated to, or choose no dedication." });
  }
  return {
    method: form.method,
    amount: amount ?? 0,
    currency: form.currency,
    receivedOn: form.receivedOn,
    donorName: form.donorName,
    donorEmail: form.donorEmail,
    campaignId: form.campaignId,
    reference: form.reference,
    anonymous: form.anonymous,
    dedication: form.dedicationKind && form.dedicationName ? { kind: form.dedicationKind, name: form.dedicationName } : null,
  };
}
