"use client";

import { useActionState } from "react";
import { FormFeedback } from "../../_components/form-feedback";
import { cancelMonthlyGiftAction, resendReceiptAction, sendManageLinkAction, type DonorActionState } from "./actions";

const ACTIONS = {
  "resend-receipt": resendReceiptAction,
  "manage-link": sendManageLinkAction,
  "cancel-monthly": cancelMonthlyGiftAction,
} as const;

export type DonorActionKind = keyof typeof ACTIONS;

/** One button doing one thing for the donor, with its answer underneath. */
export function DonorActionForm({
  kind,
  giftId,
  requestId,
  label,
  hint,
}: {
  kind: DonorActionKind;
  giftId: string;
  requestId: string;
  label: string;
  hint?: string;
}) {
  const initial: DonorActionState = { values: { giftId, requestId }, errors: {}, attempt: 0 };
  const [state, formAction, pending] = useActionState(ACTIONS[kind], initial);
  const feedbackId = `${kind}-feedback`;
  const hintId = `${kind}-hint`;
  return (
    <form action={formAction} className="space-y-2 rounded-lg border border-stone-200 bg-white p-4">
      <input type="hidden" name="giftId" value={state.values.giftId} />
      <input type="hidden" name="requestId" value={state.values.requestId} />
      {hint ? (
        <p id={hintId} className="text-sm">
          {hint}
        </p>
      ) : null}
      <button
        type="submit"
        disabled={pending}
        aria-describedby={[hint ? hintId : null, feedbackId].filter(Boolean).join(" ")}
        className={`rounded px-4 py-2 font-semibold ${kind === "cancel-monthly" ? "border border-red-800 text-red-800 hover:bg-red-50" : "bg-brand-700 text-white hover:bg-brand-800"}`}
      >
        {label}
      </button>
      <FormFeedback id={feedbackId} error={state.errors.form ?? state.errors.giftId ?? state.errors.requestId} message={state.message} />
    </form>
  );
}
