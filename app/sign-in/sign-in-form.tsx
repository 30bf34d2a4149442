"use client";

import { useActionState } from "react";
import { initialFormState } from "@/lib/http/form-state";
import { EmailField } from "../_components/email-field";
import { requestSignInLink } from "./actions";

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const [state, formAction, pending] = useActionState(requestSignInLink, initialFormState({ email: "", callbackUrl }));
  const error = state.errors.email ?? state.errors.form;
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <div className="space-y-1">
        <EmailField
          label="Email address"
          defaultValue={state.values.email}
          error={error}
          alert
          inputClassName="w-full rounded border border-stone-500 px-3 py-2"
          errorClassName="text-sm font-semibold text-red-800"
        />
      </div>
      <button type="submit" disabled={pending} className="rounded bg-brand-700 px-5 py-2 font-semibold text-white hover:bg-brand-800 disabled:opacity-70">
        {pending ? "Sending…" : "Email me a sign-in link"}
      </button>
    </form>
  );
}
