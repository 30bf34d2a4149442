"use client";

import { useActionState } from "react";
import { initialFormState } from "@/lib/http/form-state";
import { requestSignInLink } from "./actions";

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const [state, formAction, pending] = useActionState(requestSignInLink, initialFormState({ email: "", callbackUrl }));
  const error = state.errors.email ?? state.errors.form;
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <div className="space-y-1">
        <label htmlFor="sign-in-email" className="block font-semibold">
          Email address
        </label>
        <input
          id="sign-in-email"
          name="email"
          type="email"
          autoComplete="email"
          required
          defaultValue={state.values.email}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "sign-in-error" : undefined}
          className="w-full rounded border border-stone-500 px-3 py-2"
        />
        {error ? (
          <p id="sign-in-error" role="alert" className="text-sm font-semibold text-red-800">
            {error}
          </p>
        ) : null}
      </div>
      <button type="submit" disabled={pending} className="rounded bg-brand-700 px-5 py-2 font-semibold text-white hover:bg-brand-800 disabled:opacity-70">
        {pending ? "Sending…" : "Email me a sign-in link"}
      </button>
    </form>
  );
}
