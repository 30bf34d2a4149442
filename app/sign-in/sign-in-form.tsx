"use client";

import { useActionState } from "react";
import { requestSignInLink, type SignInFormState } from "./actions";

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const [state, formAction, pending] = useActionState<SignInFormState, FormData>(requestSignInLink, { email: "" });
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
          defaultValue={state.email}
          aria-invalid={state.error ? true : undefined}
          aria-describedby={state.error ? "sign-in-error" : undefined}
          className="w-full rounded border border-stone-500 px-3 py-2"
        />
        {state.error ? (
          <p id="sign-in-error" role="alert" className="text-sm font-semibold text-red-800">
            {state.error}
          </p>
        ) : null}
      </div>
      <button type="submit" disabled={pending} className="rounded bg-brand-700 px-5 py-2 font-semibold text-white hover:bg-brand-800 disabled:opacity-70">
        {pending ? "Sending…" : "Email me a sign-in link"}
      </button>
    </form>
  );
}
