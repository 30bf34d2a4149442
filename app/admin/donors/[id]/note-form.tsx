"use client";

import { useActionState } from "react";
import { FormFeedback } from "../../_components/form-feedback";
import { FormField } from "../../_components/form-field";
import { addDonorNoteAction, type DonorNoteState } from "./actions";

/** Adds an internal note to the donor's record (staff only; notes are never edited). */
export function DonorNoteForm({ donorId, entryKey, maxLength }: { donorId: string; entryKey: string; maxLength: number }) {
  const initial: DonorNoteState = { values: { donorId, body: "", entryKey }, errors: {}, attempt: 0 };
  const [state, formAction, pending] = useActionState(addDonorNoteAction, initial);
  return (
    <form key={state.attempt} action={formAction} className="space-y-3 rounded-lg border border-stone-200 bg-white p-4" noValidate>
      <input type="hidden" name="donorId" value={state.values.donorId} />
      <input type="hidden" name="entryKey" value={state.values.entryKey} />
      <FormField
        id="donor-note"
        name="body"
        label="Add a note"
        hint={`Seen only by staff, never by the donor. Up to ${maxLength} characters; a note cannot be edited or removed later.`}
        error={state.errors.body}
      >
        {(control) => <textarea {...control} rows={4} maxLength={maxLength} defaultValue={state.values.body} />}
      </FormField>
      <button
        type="submit"
        disabled={pending}
        aria-describedby="donor-note-feedback"
        className="rounded bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800"
      >
        Add note
      </button>
      <FormFeedback
        id="donor-note-feedback"
        error={state.errors.form ?? state.errors.donorId ?? state.errors.entryKey}
        message={pending ? "Adding the note…" : state.message}
      />
    </form>
  );
}
