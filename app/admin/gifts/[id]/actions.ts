"use server";

import { randomUUID } from "node:crypto";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/client";
import { adminFormAction, textFields, type AdminFormState } from "@/lib/admin/admin-action";
import type { AdminActionName } from "@/lib/auth/admin-permissions";
import type { AuditKind } from "@/lib/audit/audit-kinds";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { formatGiftDate } from "@/lib/donations/gift-wording";
import { resendReceipt } from "@/lib/donations/resend-receipt";
import { cancelMonthlyGift } from "@/lib/donors/cancel-monthly-gift";
import { MANAGE_LINK_LIFETIME_TEXT } from "@/lib/donors/manage-link-token";
import { sendManageLink } from "@/lib/donors/send-manage-link";
import { formatMoney, minorUnitDigits, parseAmountToMinor } from "@/lib/money/money";
import { REFUND_NOTE_MAX_LENGTH, REFUND_REASON_VALUES, requestGiftRefund } from "@/lib/payments/refund-gift";
import { stripe } from "@/lib/payments/stripe-client";
import { findAdminGift, type AdminGift } from "@/lib/reports/admin-gift";

/**
 * `step`: "" (the form), "confirm" (the second step is showing), "confirmed" (its button), "edit"
 * (back to the form). `summary` is the second step's button text, set by the server, never read
 * from the form.
 */
const REFUND_FIELDS = ["giftId", "amount", "reason", "note", "requestKey", "step"] as const;
export type RefundFormValues = Record<(typeof REFUND_FIELDS)[number] | "summary", string>;
export type RefundFormState = AdminFormState<RefundFormValues>;

const refundForm = z.object({
  giftId: z.uuid("This gift does not exist."),
  amount: z.string().trim().min(1, "Enter the amount to refund."),
  reason: z.enum(REFUND_REASON_VALUES, "Choose a reason."),
  note: z.string().trim().max(REFUND_NOTE_MAX_LENGTH, `Keep the note to ${REFUND_NOTE_MAX_LENGTH} characters.`),
  requestKey: z.string().regex(/^[0-9a-f-]{36}$/, "Something went wrong with this form. Please reload the page and try again."),
  step: z.string(),
  summary: z.string(),
});

/** The first step: checks the amount and says what the refund will do; asks Stripe nothing. */
async function reviewRefund(input: z.infer<typeof refundForm>, values: RefundFormValues) {
  const gift = await findAdminGift(await getDb(), input.giftId);
  if (!gift) return { errors: { form: "This gift does not exist." } };
  if (gift.refundableAmount <= 0)
    return { errors: { form: gift.disputeStatus ? "This payment is disputed, so it cannot be refunded." : "This gift has been refunded in full." } };
  const money = (amount: number) => formatMoney(amount, gift.currency, { showCents: true });
  const amount = parseAmountToMinor(input.amount, gift.currency);
  if (amount === null) return { errors: { amount: `Enter an amount like ${minorUnitDigits(gift.currency) === 0 ? "500" : "12.50"}, in ${gift.currency}.` } };
  if (amount <= 0) return { errors: { amount: "Enter an amount greater than zero." } };
  if (amount > gift.refundableAmount) {
    const already = gift.amount - gift.refundableAmount;
    return {
      errors: {
        amount:
          already > 0
            ? `You can refund at most ${money(gift.refundableAmount)}: ${money(already)} of this ${money(gift.amount)} gift has already been refunded.`
            : `You can refund at most ${money(gift.refundableAmount)}, the whole gift.`,
      },
    };
  }
  const whole = amount === gift.refundableAmount && gift.refundedAmount === 0;
  return {
    values: { ...values, step: "confirm", summary: `Yes, refund ${money(amount)}` },
    message:
      `${whole ? "The whole gift" : `${money(amount)} of this ${money(gift.amount)} gift`} goes back to ${gift.donor.email}'s card; a refund cannot be undone. ` +
      `The donor is emailed, the campaign's total drops by ${money(amount)} when Stripe confirms, and Stripe keeps the card fee.`,
  };
}

/**
 * Asks Stripe to refund all or part of a gift, in two steps: the first says what will happen
 * and changes nothing, the second asks Stripe. Admins only. Nothing is recorded here: the
 * refund shows on the gift once Stripe's webhook says it happened.
 */
export const refundGiftAction = adminFormAction({
  name: "refundGiftAction",
  page: "/admin/gifts",
  read: (formData) => ({ ...textFields(formData, REFUND_FIELDS), summary: "" }),
  schema: refundForm,
  run: async (input, { admin, actor, values }) => {
    if (input.step === "edit") return { values: { ...values, step: "" } };
    if (input.step !== "confirmed") return reviewRefund(input, values);
    const db = await getDb();
    const outcome = await requestGiftRefund(db, stripe(), { ...input, requestedBy: admin.email });
    if (!outcome.ok) return { errors: { [outcome.field]: outcome.message }, values: { ...values, step: "" } };
    // The refund happens at Stripe (the webhook records it): the row says it was asked for, once Stripe accepted.
    await recordAuditEvent(db, actor, {
      kind: "gift.refund-requested",
      object: { type: "gift", id: input.giftId },
      after: { amount: outcome.amount, currency: outcome.currency, reason: input.reason },
    });
    return {
      message: `Refund of ${formatMoney(outcome.amount, outcome.currency, { showCents: true })} requested. It will show on this page when Stripe confirms it, usually within a minute.`,
      // A new form: another refund is a new request, not a repeat of this one.
      values: { ...values, amount: "", note: "", requestKey: randomUUID(), step: "", summary: "" },
    };
  },
});

const DONOR_ACTION_FIELDS = ["giftId", "requestId"] as const;
export type DonorActionValues = Record<(typeof DONOR_ACTION_FIELDS)[number], string>;
export type DonorActionState = AdminFormState<DonorActionValues>;

const donorActionForm = z.object({
  giftId: z.uuid("This gift does not exist."),
  // One per form shown: a double submission sends one email and changes Stripe once.
  requestId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, "Something went wrong with this form. Please reload the page and try again."),
});

/** The shape of the donor actions below: the gift (never an address or id from the form) and a fresh form after success. */
function donorAction(
  name: AdminActionName,
  kind: AuditKind,
  run: (gift: AdminGift, requestId: string) => Promise<{ error: string } | { message: string; unchanged?: true }>,
) {
  return adminFormAction({
    name,
    page: "/admin/gifts",
    read: (formData) => textFields(formData, DONOR_ACTION_FIELDS),
    schema: donorActionForm,
    run: async ({ giftId, requestId }, { values, actor }) => {
      const db = await getDb();
      const gift = await findAdminGift(db, giftId);
      if (!gift) return { errors: { form: "This gift does not exist." } };
      const outcome = await run(gift, requestId);
      if ("error" in outcome) return { errors: { form: outcome.error } };
      // Done at Stripe or by email, with no transaction of ours to join: the row follows the success.
      if (!outcome.unchanged) await recordAuditEvent(db, actor, { kind, object: { type: "gift", id: gift.id } });
      revalidatePath(`/admin/gifts/${gift.id}`);
      return { message: outcome.message, values: { ...values, requestId: randomUUID() } };
    },
  });
}

/** Emails the gift's receipt to the donor again (lib/donations/resend-receipt.ts). Admins only. */
export const resendReceiptAction = donorAction("resendReceiptAction", "gift.receipt-resent", async (gift, requestId) => {
  const result = await resendReceipt(gift.id, { db: await getDb(), requestId });
  return result.ok ? { message: `The receipt was sent again to ${result.to}.` } : { error: result.message };
});

/** Emails the donor a single-use link to their giving page (lib/donors/send-manage-link.ts). Admins only. */
export const sendManageLinkAction = donorAction("sendManageLinkAction", "gift.manage-link-sent", async (gift) => {
  if (!gift.donor.email) return { error: "We have no email address for this donor, so nothing was sent." };
  const { sent } = await sendManageLink(gift.donor.email, { db: await getDb() });
  return sent
    ? { message: `A link to manage their giving was emailed to ${gift.donor.email}. It works once, within ${MANAGE_LINK_LIFETIME_TEXT}.` }
    : { error: "This donor could not be found, so nothing was sent." };
});

/**
 * Cancels the donor's monthly gift at the end of the period already paid for, through Stripe,
 * with the donor's confirmation email (lib/donors/cancel-monthly-gift.ts). Admins only. The
 * status here changes when Stripe's subscription webhook arrives.
 */
export const cancelMonthlyGiftAction = donorAction("cancelMonthlyGiftAction", "gift.monthly-cancelled", async (gift, requestId) => {
  if (!gift.recurring) return { error: "This gift is not part of a monthly gift." };
  const result = await cancelMonthlyGift(gift.recurring.id, { db: await getDb(), requestId });
  if (!result.ok) return { error: result.message };
  const endsOn = result.gift.endsAt ? ` on ${formatGiftDate(result.gift.endsAt)}` : "";
  if (!result.changed) return { message: `This monthly gift was already set to end${endsOn}. Nothing was changed.`, unchanged: true };
  return {
    message: `The monthly gift will end${endsOn}, after the period already paid for; the donor was emailed a confirmation. Its status here changes when Stripe confirms.`,
  };
});
