"use client";

import { useActionState, useId } from "react";
import { UNSUBSCRIBE_LINK_IDLE } from "@/lib/subscribers/form-states";
import { requestUnsubscribeLinkAction } from "./actions";

/** "Email me an unsubscribe link": for a reader with no update email at hand. Works without JavaScript. */
export function UnsubscribeLinkForm() {
  const [state, formAction, pending] = useActionState(requestUnsubscribeLinkAction, UNSUBSCRIBE_LINK_IDLE);
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
      <button type="submit" disabled={pending} className="rounded-full bg-brand-700 px-6 py-2 font-semibold text-white hover:bg-brand-800 disabled:opacity-70">
        Email me an unsubscribe link
      </button>
    </form>
  );
}
