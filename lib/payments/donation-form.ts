import { z } from "zod";
import type { FormErrors } from "@/lib/http/form-errors";
import { formatMoney, hasMisplacedComma, minorUnitDigits, parseAmountToMinor } from "@/lib/money/money";
import { cardFeeCover, type CardFeeRate } from "./card-fee";
import { DEDICATION_NAME_MAX, type AmountBounds } from "./donation-amount-bounds";
import type { DedicationKind, GiftFrequency } from "@/lib/donations/gift-types";
import { parseEmailAddress } from "@/lib/subscribers/email-address";
import type { DedicationNotice } from "./gift-metadata";
import type { CampaignQuestion } from "@/db/schema";
import { checkAnswers, normalisePostalAddress, POSTAL_ADDRESS_FIELD, POSTAL_ADDRESS_MAX, QUESTION_KEYS } from "@/lib/campaigns/campaign-questions";

/**
 * The donation panel's form, validated once on the server. The schema is built for the
 * campaign being given to, because what counts as a valid amount depends on its currency
 * ("25.50" is fine in dollars, not in yen) and on the configured bounds.
 */
export interface DonationRequest {
  frequency: GiftFrequency;
  /** The gift itself, in minor units of the campaign currency. */
  giftAmount: number;
  /** Added when the donor chose to cover the card fee; 0 otherwise. */
  feeCoveredAmount: number;
  anonymous: boolean;
  dedication: { kind: DedicationKind; name: string } | null;
  /** "Email me updates about this campaign" was ticked. */
  wantsUpdates?: boolean;
  /** Whom to send a dedication card once the gift is paid; only with a dedication. */
  dedicationNotice?: DedicationNotice | null;
  /** Random per rendering of the form; empty when the browser ran no JavaScript. */
  submissionId: string;
  /** Answers to the campaign's questions by key (`q1`…), only those answered. */
  answers?: Record<string, string>;
  /** Asked for by the campaign (tax receipts); null when not asked. */
  postalAddress?: string | null;
}

/** What the donation form needs of the campaign: its currency, and the questions it asks. */
export interface DonationFormCampaign {
  currency: string;
  /** The frequencies the campaign offers (default: once and monthly). */
  frequencies?: GiftFrequency[];
  questions?: readonly CampaignQuestion[];
  askPostalAddress?: boolean;
  /** The account's card fee (lib/payments/account-card-fee.ts); Stripe's standard US rate when absent. */
  cardFeeRate?: CardFeeRate;
}

export type DonationField = "amount" | "frequency" | "dedication_name" | "dedication" | "notify_email" | "notify_name" | "q1" | "q2" | "q3" | "postal_address";
/** The donation form's messages (FormErrors by its field names). */
export type DonationFieldErrors = FormErrors<DonationField>;

const FREQUENCY_NAMES: Record<GiftFrequency, string> = { once: "Give once", monthly: "Monthly", yearly: "Yearly" };

/** Trims, folds runs of whitespace and drops control characters, as any single-line field should. */
const singleLine = (value: unknown) =>
  typeof value === "string"
    ? value
        .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2066-\u2069]/g, " ")
        .replace(/\s+/g, " ")
        .trim()
    : value;
const checkbox = z.preprocess((value) => value === "on" || value === "true", z.boolean());
const optionalText = (max: number, message?: string) => z.preprocess((value) => singleLine(value ?? ""), z.string().max(max, message));

/** The dedication card's address and greeting name, with their messages. */
export const NOTIFY_MESSAGES = {
  emailTooLong: "That email address is too long.",
  needsDedication: "Choose “In honour of” or “In memory of” to send a dedication card, or leave the email address empty.",
  nameWithoutEmail: "Enter the email address to send the card to, or leave the name empty.",
  nameTooLong: `Keep the name to ${DEDICATION_NAME_MAX} characters or fewer.`,
} as const;

export function amountExample(currency: string): string {
  return minorUnitDigits(currency) === 0 ? "5000" : "25 or 25.50";
}

/**
 * `contactEmail`: where a larger gift can be arranged (ORG_CONTACT_EMAIL); the form links the
 * address in its message.
 */
export function donationFormSchema(campaign: DonationFormCampaign, bounds: AmountBounds, contactEmail?: string) {
  const offered = campaign.frequencies?.length ? campaign.frequencies : (["once", "monthly"] as GiftFrequency[]);
  const frequencyMessage = `Choose ${offered.map((frequency) => `“${FREQUENCY_NAMES[frequency]}”`).join(" or ")}.`;
  const currency = campaign.currency;
  const tooSmall = `The smallest gift we can take is ${formatMoney(bounds.min, currency, { showCents: true })}.`;
  const notANumber = `Enter the amount in numbers, such as ${amountExample(currency)}.`;
  const misplacedComma =
    minorUnitDigits(currency) === 0
      ? "Use a comma only to group thousands, such as 5,000."
      : "Use a comma only to group thousands, such as 1,000.50. For cents, use a point: 2.50.";
  const tooLarge = `The largest gift we can take online is ${formatMoney(bounds.max, currency)}. For a larger gift, please contact us${contactEmail ? ` at ${contactEmail}` : ""}.`;
  return z
    .object({
      // Only what this campaign offers: a yearly gift posted to a campaign without it is refused.
      frequency: z.preprocess((value) => value ?? offered[0], z.enum(offered as [GiftFrequency, ...GiftFrequency[]], { error: frequencyMessage })),
      amount: optionalText(20, "Choose an amount or enter another amount."),
      other_amount: optionalText(40, notANumber),
      cover_fee: checkbox,
      anonymous: checkbox,
      updates: checkbox,
      dedication: z.preprocess((value) => value || "none", z.enum(["none", "in_honour", "in_memory"], { error: "Choose how to dedicate the gift." })),
      dedication_name: optionalText(2000, `Keep the name to ${DEDICATION_NAME_MAX} characters or fewer.`),
      notify_email: optionalText(2000, NOTIFY_MESSAGES.emailTooLong),
      notify_name: optionalText(2000, NOTIFY_MESSAGES.nameTooLong),
      submission_id: z.preprocess((value) => (typeof value === "string" && /^[A-Za-z0-9-]{8,64}$/.test(value) ? value : ""), z.string()),
    })
    .transform((input, ctx): DonationRequest => {
      let giftAmount: number | null = null;
      if (input.other_amount !== "") {
        giftAmount = parseAmountToMinor(input.other_amount, currency);
        if (giftAmount === null) {
          ctx.addIssue({ code: "custom", path: ["amount"], message: hasMisplacedComma(input.other_amount) ? misplacedComma : notANumber });
        }
      } else if (/^\d{1,12}$/.test(input.amount)) {
        giftAmount = Number(input.amount);
      } else {
        ctx.addIssue({ code: "custom", path: ["amount"], message: "Choose an amount or enter another amount." });
      }
      if (giftAmount !== null && giftAmount < bounds.min) ctx.addIssue({ code: "custom", path: ["amount"], message: tooSmall });
      if (giftAmount !== null && giftAmount > bounds.max) ctx.addIssue({ code: "custom", path: ["amount"], message: tooLarge });
      // The charge is the gift plus the covered fee: that total, too, stays within the largest gift.
      else if (giftAmount !== null && input.cover_fee && giftAmount + cardFeeCover(giftAmount, currency, campaign.cardFeeRate) > bounds.max) {
        const total = formatMoney(giftAmount + cardFeeCover(giftAmount, currency, campaign.cardFeeRate), currency, { showCents: true });
        ctx.addIssue({
          code: "custom",
          path: ["amount"],
          message: `With the card fee covered the total would be ${total}, more than the largest gift we can take online (${formatMoney(bounds.max, currency)}). Choose a smaller amount or leave the card fee uncovered.`,
        });
      }

      const kind = input.dedication === "none" ? null : input.dedication;
      if (kind && input.dedication_name === "") {
        ctx.addIssue({ code: "custom", path: ["dedication_name"], message: "Enter the name of the person you are honouring or remembering." });
      }
      if (input.dedication_name.length > DEDICATION_NAME_MAX) {
        ctx.addIssue({ code: "custom", path: ["dedication_name"], message: `Keep the name to ${DEDICATION_NAME_MAX} characters or fewer.` });
      }
      if (!kind && input.dedication_name !== "") {
        ctx.addIssue({ code: "custom", path: ["dedication"], message: "Choose “In honour of” or “In memory of” for the name you entered." });
      }
      let dedicationNotice: DedicationNotice | null = null;
      if (input.notify_email !== "") {
        const address = parseEmailAddress(input.notify_email);
        if (!address.ok) ctx.addIssue({ code: "custom", path: ["notify_email"], message: address.message });
        else if (!kind) ctx.addIssue({ code: "custom", path: ["notify_email"], message: NOTIFY_MESSAGES.needsDedication });
        else dedicationNotice = { email: address.email, name: input.notify_name === "" ? null : input.notify_name };
      } else if (input.notify_name !== "") {
        ctx.addIssue({ code: "custom", path: ["notify_email"], message: NOTIFY_MESSAGES.nameWithoutEmail });
      }
      if (input.notify_name.length > DEDICATION_NAME_MAX) ctx.addIssue({ code: "custom", path: ["notify_name"], message: NOTIFY_MESSAGES.nameTooLong });
      const amount = giftAmount ?? 0;
      return {
        frequency: input.frequency,
        giftAmount: amount,
        feeCoveredAmount: input.cover_fee ? cardFeeCover(amount, currency, campaign.cardFeeRate) : 0,
        anonymous: input.anonymous,
        wantsUpdates: input.updates,
        dedication: kind ? { kind, name: input.dedication_name } : null,
        dedicationNotice,
        submissionId: input.submission_id,
      };
    });
}

/** The form's fields as a plain object (FormData → what the schema reads). */
export function donationFormValues(formData: FormData): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const key of [
    "frequency",
    "amount",
    "other_amount",
    "cover_fee",
    "anonymous",
    "updates",
    "dedication",
    "dedication_name",
    "notify_email",
    "notify_name",
    "submission_id",
    ...QUESTION_KEYS,
    POSTAL_ADDRESS_FIELD,
  ]) {
    const value = formData.get(key);
    if (typeof value === "string") values[key] = value;
  }
  return values;
}

export type DonationParseResult = { ok: true; request: DonationRequest } | { ok: false; errors: DonationFieldErrors };

export function parseDonationForm(
  values: Record<string, unknown>,
  campaign: DonationFormCampaign,
  bounds: AmountBounds,
  contactEmail?: string,
): DonationParseResult {
  const parsed = donationFormSchema(campaign, bounds, contactEmail).safeParse(values);
  // The campaign's own questions, and the postal address when it asks for one.
  const { answers, errors: answerErrors } = checkAnswers(campaign.questions ?? [], values);
  const errors: DonationFieldErrors = { ...answerErrors };
  const postalAddress = campaign.askPostalAddress ? normalisePostalAddress(values[POSTAL_ADDRESS_FIELD]) : "";
  if (campaign.askPostalAddress && postalAddress === "") errors.postal_address = "Enter your postal address: it is printed on your receipt.";
  else if (postalAddress.length > POSTAL_ADDRESS_MAX) errors.postal_address = `Keep the address to ${POSTAL_ADDRESS_MAX} characters or fewer.`;
  if (parsed.success && Object.keys(errors).length === 0)
    return {
      ok: true,
      request: { ...parsed.data, ...(Object.keys(answers).length > 0 ? { answers } : {}), ...(postalAddress ? { postalAddress } : {}) },
    };
  if (parsed.success) return { ok: false, errors };
  for (const issue of parsed.error.issues) {
    const field = issue.path[0];
    const key =
      field === "amount" || field === "other_amount"
        ? "amount"
        : field === "frequency" || field === "dedication" || field === "dedication_name" || field === "notify_email" || field === "notify_name"
          ? field
          : "form";
    errors[key] ??= key === "form" ? "Something in the form was not right. Please check it and try again." : issue.message;
  }
  return { ok: false, errors };
}
