"use client";

import { useActionState } from "react";
import { demoteAdminAction, promoteAdminAction, type AdminsFormState } from "./actions";

function Feedback({ state, id }: { state: AdminsFormState; id: string }) {
  if (state.error) {
    return (
      <p id={id} role="alert" className="text-sm font-semibold text-red-800">
        {state.error}
      </p>
    );
  }
  return (
    <p id={id} role="status" className="text-sm font-semibold text-green-900">
      {state.message ?? ""}
    </p>
  );
}

export function PromoteAdminForm() {
  const [state, formAction, pending] = useActionState<AdminsFormState, FormData>(promoteAdminAction, {});
  return (
    <form action={formAction} className="space-y-2" noValidate>
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
          aria-invalid={state.error ? true : undefined}
          aria-describedby="promote-feedback"
          className="min-w-64 flex-1 rounded border border-stone-500 px-3 py-2"
        />
        <button type="submit" disabled={pending} className="rounded bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800">
          Make admin
        </button>
      </div>
      <Feedback state={state} id="promote-feedback" />
    </form>
  );
}

export function DemoteAdminButton({ email }: { email: string }) {
  const [state, formAction, pending] = useActionState<AdminsFormState, FormData>(demoteAdminAction, {});
  const feedbackId = `demote-${email.replace(/[^a-z0-9]/gi, "-")}`;
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-3">
      <input type="hidden" name="email" value={email} />
      <button type="submit" disabled={pending} aria-describedby={feedbackId} className="rounded border border-red-800 px-3 py-1 text-sm font-semibold text-red-800 hover:bg-red-50">
        {`Remove admin access for ${email}`}
      </button>
      <Feedback state={state} id={feedbackId} />
    </form>
  );
}
