"use server";

import { randomUUID } from "node:crypto";
import { z } from "zod";
import { getDb } from "@/db/client";
import { adminFormAction, textFields, type AdminFormState } from "@/lib/admin/admin-action";
import { formatMoney } from "@/lib/money/money";
import { REFUND_NOTE_MAX_LENGTH, REFUND_REASON_VALUES, requestGiftRefund } from "@/lib/payments/refund-gift";
import { stripe } from "@/lib/payments/stripe-client";

const REFUND_FIELDS = ["giftId", "amount", "reason", "note", "requestKey"] as const;
export type RefundFormValues = Record<(typeof REFUND_FIELDS)[number], string>;
export type RefundFormState = AdminFormState<RefundFormValues>;

const refundForm = z.object({
  giftId: z.uuid("This gift does not exist."),
  amount: z.string().trim().min(1, "Enter the amount to refund."),
  reason: z.enum(REFUND_REASON_VALUES, "Choose a reason."),
  note: z.string().trim().max(REFUND_NOTE_MAX_LENGTH, `Keep the note to ${REFUND_NOTE_MAX_LENGTH} characters.`),
  requestKey: z.string().regex(/^[0-9a-f-]{36}$/, "Something went wrong with this form. Please reload the page and try again."),
});

/**
 * Asks Stripe to refund all or part of a gift. Admins only. Nothing is recorded here: the
 * refund shows on the gift once Stripe's webhook says it happened.
 */
export const refundGiftAction = adminFormAction({
  page: "/admin/gifts",
  read: (formData) => textFields(formData, REFUND_FIELDS),
  schema: refundForm,
  run: async (input, { admin, values }) => {
    const outcome = await requestGiftRefund(await getDb(), stripe(), { ...input, requestedBy: admin.email });
    if (!outcome.ok) return { errors: { [outcome.field]: outcome.message } };
    return {
      message: `Refund of ${formatMoney(outcome.amount, outcome.currency, { showCents: true })} requested. It will show on this page when Stripe confirms it, usually within a minute.`,
      // A new form: another refund is a new request, not a repeat of this one.
      values: { ...values, amount: "", note: "", requestKey: randomUUID() },
    };
  },
});
