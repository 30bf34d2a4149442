"use client";

import { useActionState } from "react";
import { initialFormState } from "@/lib/http/form-state";
import { resendConfirmationAction } from "./actions";

/** One button that emails a fresh confirmation link; the old link's token says who is asking. */
export function ResendConfirmationForm({ token }: { token: string }) {
  const [state, formAction, pending] = useActionState(resendConfirmationAction, initialFormState({}));
  const refusal = state.errors.form;
  return (
    <form action={formAction} aria-label="Ask for a new confirmation link" className="space-y-3">
      <input type="hidden" name="token" value={token} />
      {state.message ? null : (
        <button
          type="submit"
          disabled={pending}
          className="rounded-full bg-brand-700 px-6 py-2 font-semibold text-white hover:bg-brand-800 disabled:opacity-70"
        >
          Send me a new link
        </button>
      )}
      <p role="status" className={refusal ? "font-semibold text-red-800" : "font-semibold text-green-800"}>
        {refusal ?? state.message}
      </p>
    </form>
  );
}
