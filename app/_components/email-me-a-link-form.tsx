"use client";

import { useActionState } from "react";
import { initialFormState, type FormState } from "@/lib/http/form-state";
import { EmailField } from "./email-field";

/**
 * What an "email me a link" form sends and echoes. Its action answers the same message for every
 * well-formed address, or why the address (errors.email) or the request (errors.form) was refused.
 */
export type EmailLinkFormValues = { email: string };

/**
 * One address field and one button that asks for a link by email: the giving page's "Email me a
 * link" and /unsubscribe's "Email me an unsubscribe link". Works without JavaScript (a plain
 * POST to the server action); the typed address comes back with a refusal.
 */
export function EmailMeALinkForm({
  action,
  button,
  buttonClassName,
}: {
  action: (previous: FormState<EmailLinkFormValues>, submitted: FormData) => Promise<FormState<EmailLinkFormValues>>;
  button: string;
  buttonClassName: string;
}) {
  const [state, formAction, pending] = useActionState(action, initialFormState({ email: "" }));
  const error = state.errors.email ?? state.errors.form;
  return (
    <form action={formAction} className="space-y-3" noValidate>
      <EmailField
        label="Your email address"
        defaultValue={state.values.email}
        error={error}
        inputClassName="w-full max-w-md rounded-md border border-stone-400 px-3 py-2"
        errorClassName="font-semibold text-red-800"
      />
      <div role="status" aria-live="polite">
        {state.message ? <p className="rounded-md border border-green-800 bg-green-50 p-3 font-semibold text-green-900">{state.message}</p> : null}
      </div>
      <button type="submit" disabled={pending} className={buttonClassName}>
        {button}
      </button>
    </form>
  );
}
