"use client";

import { useActionState, useEffect, useRef } from "react";
import { FormFeedback } from "../_components/form-feedback";
import { demoteAdminAction, promoteAdminAction, type AdminsFormState, type DemoteFormState } from "./actions";

const EMPTY: AdminsFormState = { values: { email: "" }, errors: {}, attempt: 0 };

export function PromoteAdminForm() {
  const [state, formAction, pending] = useActionState(promoteAdminAction, EMPTY);
  const error = state.errors.email ?? state.errors.form;
  return (
    // Keyed by attempt: a refused address comes back as typed, an accepted one clears.
    <form key={state.attempt} action={formAction} className="space-y-2" noValidate>
      <label htmlFor="promote-email" className="block font-semibold">
        Email address
      </label>
      <div className="flex flex-wrap gap-3">
        <input
          id="promote-email"
          name="email"
          type="email"
          autoComplete="off"
          required
          defaultValue={state.values.email}
          aria-invalid={error ? true : undefined}
          aria-describedby="promote-feedback"
          className="min-w-64 flex-1 rounded border border-stone-500 px-3 py-2"
        />
        <button type="submit" disabled={pending} className="rounded bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800">
          Make admin
        </button>
      </div>
      <FormFeedback id="promote-feedback" error={error} message={state.message} />
    </form>
  );
}

/**
 * "Remove admin access", in two steps: the first only asks and says what removing does; the
 * second removes. Works without JavaScript (each step is a form the server answers).
 */
export function DemoteAdminButton({ email }: { email: string }) {
  const [state, formAction, pending] = useActionState<DemoteFormState, FormData>(demoteAdminAction, { values: { email, step: "" }, errors: {}, attempt: 0 });
  const feedbackId = `demote-${email.replace(/[^a-z0-9]/gi, "-")}`;
  const headingRef = useRef<HTMLParagraphElement>(null);
  const confirming = state.values.step === "confirm";
  useEffect(() => {
    if (confirming) headingRef.current?.focus();
  }, [confirming, state.attempt]);
  if (confirming) {
    return (
      <div className="w-full space-y-3 rounded border-2 border-red-800 bg-red-50 p-3">
        <p ref={headingRef} tabIndex={-1} className="font-semibold">
          {`Remove admin access for ${email}?`}
        </p>
        <p className="text-sm">
          They are refused from their next admin page or action on, and can no longer sign in to the admin. You can add them again later.
        </p>
        <div className="flex flex-wrap gap-3">
          <form action={formAction}>
            <input type="hidden" name="email" value={email} />
            <input type="hidden" name="step" value="confirmed" />
            <button type="submit" disabled={pending} className="rounded bg-red-800 px-3 py-1 text-sm font-semibold text-white hover:bg-red-900">
              {`Yes, remove ${email}`}
            </button>
          </form>
          <form action={formAction}>
            <input type="hidden" name="email" value={email} />
            <input type="hidden" name="step" value="keep" />
            <button type="submit" disabled={pending} className="rounded border border-stone-500 px-3 py-1 text-sm font-semibold hover:bg-stone-100">
              {`Keep ${email} as an admin`}
            </button>
          </form>
        </div>
      </div>
    );
  }
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-3">
      <input type="hidden" name="email" value={email} />
      <button
        type="submit"
        disabled={pending}
        aria-describedby={feedbackId}
        className="rounded border border-red-800 px-3 py-1 text-sm font-semibold text-red-800 hover:bg-red-50"
      >
        {`Remove admin access for ${email}`}
      </button>
      <FormFeedback id={feedbackId} error={state.errors.email ?? state.errors.form} message={state.message} />
    </form>
  );
}
