"use client";

import { useActionState } from "react";
import { FormFeedback } from "../../../_components/form-feedback";
import { eraseDonorAction, type EraseDonorState } from "./actions";

/** The owner's "Erase this donor": a box to tick, then the button; the answer underneath. */
export function EraseDonorForm({ donorId }: { donorId: string }) {
  const initial: EraseDonorState = { values: { donorId, confirmed: "" }, errors: {}, attempt: 0 };
  const [state, formAction, pending] = useActionState(eraseDonorAction, initial);
  return (
    <form action={formAction} className="space-y-3 rounded-lg border border-red-800 bg-white p-4">
      <input type="hidden" name="donorId" value={donorId} />
      <label className="flex items-start gap-2">
        <input key={state.attempt} type="checkbox" name="confirmed" value="yes" className="mt-1" aria-describedby="erase-feedback" />
        <span>This donor asked to be forgotten, and I have checked it is them. This cannot be undone.</span>
      </label>
      <button
        type="submit"
        disabled={pending}
        aria-describedby="erase-feedback"
        className="rounded bg-red-800 px-4 py-2 font-semibold text-white hover:bg-red-900"
      >
        Erase this donor
      </button>
      <FormFeedback id="erase-feedback" error={state.errors.form ?? state.errors.confirmed ?? state.errors.donorId} message={state.message} />
    </form>
  );
}
