"use client";

import { useActionState } from "react";
import { openCustomerPortalAction } from "./actions";

export function ManageGivingForm({ token }: { token: string }) {
  const [state, action, pending] = useActionState(openCustomerPortalAction, { error: null });
  return (
    <form action={action} className="space-y-4">
      <input type="hidden" name="token" value={token} />
      {state.error ? (
        <p role="alert" className="rounded-md border border-red-700 bg-red-50 p-3 font-semibold text-red-800">
          {state.error}
        </p>
      ) : null}
      <button type="submit" disabled={pending} className="rounded-full bg-brand-700 px-6 py-3 font-bold text-white hover:bg-brand-800 disabled:opacity-70">
        Manage monthly giving
      </button>
    </form>
  );
}
