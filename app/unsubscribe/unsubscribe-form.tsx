"use client";

import { useActionState } from "react";
import { initialFormState } from "@/lib/http/form-state";
import { unsubscribeAction } from "./actions";

/** The single "Unsubscribe" button: a deliberate POST, which link scanners never send. */
export function UnsubscribeForm({ token }: { token: string }) {
  const [state, formAction, pending] = useActionState(unsubscribeAction, initialFormState({}));
  const refusal = state.errors.form;
  return (
    <form action={formAction} aria-label="Unsubscribe from email updates" className="space-y-3">
      <input type="hidden" name="token" value={token} />
      {state.message ? null : (
        <button
          type="submit"
          disabled={pending}
          className="rounded-full bg-brand-700 px-6 py-2 font-semibold text-white hover:bg-brand-800 disabled:opacity-70"
        >
          Unsubscribe
        </button>
      )}
      <p role="status" className={refusal ? "text-lg font-semibold text-red-800" : "text-lg font-semibold text-green-800"}>
        {refusal ?? state.message}
      </p>
    </form>
  );
}
