"use client";

import { useActionState, useId } from "react";

/** What an "email me a link" action answers: the same notice for every address, or why the address was refused. */
export interface EmailLinkRequestState {
  error: string | null;
  notice: string | null;
  email: string;
}

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
  action: (previous: EmailLinkRequestState, submitted: FormData) => Promise<EmailLinkRequestState>;
  button: string;
  buttonClassName: string;
}) {
  const [state, formAction, pending] = useActionState(action, { error: null, notice: null, email: "" });
  const emailId = useId();
  const errorId = useId();
  return (
    <form action={formAction} className="space-y-3" noValidate>
      <label htmlFor={emailId} className="block font-semibold">
        Your email address
      </label>
      <input
        id={emailId}
        name="email"
        type="email"
        autoComplete="email"
        required
        defaultValue={state.email}
        aria-invalid={state.error ? true : undefined}
        aria-describedby={state.error ? errorId : undefined}
        className="w-full max-w-md rounded-md border border-stone-400 px-3 py-2"
      />
      {state.error ? (
        <p id={errorId} className="font-semibold text-red-800">
          {state.error}
        </p>
      ) : null}
      <div role="status" aria-live="polite">
        {state.notice ? <p className="rounded-md border border-green-800 bg-green-50 p-3 font-semibold text-green-900">{state.notice}</p> : null}
      </div>
      <button type="submit" disabled={pending} className={buttonClassName}>
        {button}
      </button>
    </form>
  );
}
