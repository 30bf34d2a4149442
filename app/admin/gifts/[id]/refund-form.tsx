"use client";

import { useActionState, useEffect, useRef } from "react";
import { FormFeedback } from "../../_components/form-feedback";
import { FormField } from "../../_components/form-field";
import { refundGiftAction, type RefundFormState } from "./actions";

export interface RefundReasonOption {
  value: string;
  label: string;
}

/**
 * Refund all or part of a gift: the amount (filled with what is left), one of Stripe's reasons,
 * and a note for staff. `requestKey` makes a repeated submission the same Stripe request.
 */
export function RefundForm({
  giftId,
  remainingText,
  currency,
  reasons,
  requestKey,
  noteMaxLength,
}: {
  giftId: string;
  /** What is left to refund, as the amount field takes it ("40.50"). */
  remainingText: string;
  currency: string;
  reasons: RefundReasonOption[];
  requestKey: string;
  noteMaxLength: number;
}) {
  const initial: RefundFormState = {
    values: { giftId, amount: remainingText, reason: "requested_by_customer", note: "", requestKey, step: "", summary: "" },
    errors: {},
    attempt: 0,
  };
  const [state, formAction, pending] = useActionState(refundGiftAction, initial);
  const { values, errors } = state;
  if (values.step === "confirm")
    return <RefundConfirmation key={state.attempt} values={values} consequence={state.message ?? ""} formAction={formAction} pending={pending} />;
  return (
    // Keyed by attempt: a refused form comes back as typed, an accepted one starts afresh.
    <form key={state.attempt} action={formAction} className="space-y-4" noValidate>
      <input type="hidden" name="giftId" value={values.giftId} />
      <input type="hidden" name="requestKey" value={values.requestKey} />
      <FormField
        id="refund-amount"
        name="amount"
        label={`Amount to refund (${currency})`}
        hint={`Up to ${remainingText}. Less than that is a partial refund.`}
        error={errors.amount}
      >
        {(control) => (
          <input {...control} type="text" inputMode="decimal" autoComplete="off" defaultValue={values.amount} className={`${control.className} max-w-48`} />
        )}
      </FormField>
      <FormField id="refund-reason" name="reason" label="Reason (sent to Stripe)" error={errors.reason}>
        {(control) => (
          <select {...control} defaultValue={values.reason} className={`${control.className} max-w-sm`}>
            {reasons.map((reason) => (
              <option key={reason.value} value={reason.value}>
                {reason.label}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormField
        id="refund-note"
        name="note"
        label="Internal note"
        hint="For staff only: kept with the refund at Stripe, never shown to the donor."
        error={errors.note}
      >
        {(control) => <textarea {...control} rows={3} maxLength={noteMaxLength} defaultValue={values.note} />}
      </FormField>
      <button
        type="submit"
        disabled={pending}
        aria-describedby="refund-feedback"
        className="rounded bg-red-800 px-4 py-2 font-semibold text-white hover:bg-red-900"
      >
        Refund
      </button>
      <p className="text-sm text-muted">Nothing is refunded yet: the next step shows what will happen and asks you to confirm.</p>
      <FormFeedback
        id="refund-feedback"
        error={
          errors.form ??
          errors.giftId ??
          errors.requestKey ??
          (errors.amount || errors.reason || errors.note ? "Nothing was refunded: correct the fields above." : undefined)
        }
        message={state.message}
      />
    </form>
  );
}

/**
 * The refund's second step: what it will do (the server's words), the values carried as hidden
 * fields, and the button that asks Stripe. "Change the refund" goes back to the form as typed.
 */
function RefundConfirmation({
  values,
  consequence,
  formAction,
  pending,
}: {
  values: RefundFormState["values"];
  consequence: string;
  formAction: (formData: FormData) => void;
  pending: boolean;
}) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  const carried = (step: string) => (
    <>
      <input type="hidden" name="giftId" value={values.giftId} />
      <input type="hidden" name="amount" value={values.amount} />
      <input type="hidden" name="reason" value={values.reason} />
      <input type="hidden" name="note" value={values.note} />
      <input type="hidden" name="requestKey" value={values.requestKey} />
      <input type="hidden" name="step" value={step} />
    </>
  );
  return (
    <section aria-labelledby="refund-confirm-heading" className="space-y-3 rounded border-2 border-red-800 bg-red-50 p-4">
      <h3 id="refund-confirm-heading" ref={headingRef} tabIndex={-1} className="font-bold">
        Confirm the refund
      </h3>
      <p>{consequence}</p>
      <div className="flex flex-wrap gap-3">
        <form action={formAction}>
          {carried("confirmed")}
          <button type="submit" disabled={pending} className="rounded bg-red-800 px-4 py-2 font-semibold text-white hover:bg-red-900">
            {values.summary || "Yes, refund"}
          </button>
        </form>
        <form action={formAction}>
          {carried("edit")}
          <button type="submit" disabled={pending} className="rounded border border-stone-500 px-4 py-2 font-semibold hover:bg-stone-100">
            Change the refund
          </button>
        </form>
      </div>
    </section>
  );
}
