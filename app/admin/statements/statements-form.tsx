"use client";

import { useActionState } from "react";
import { FormFeedback } from "../_components/form-feedback";
import { sendGivingStatementsAction, type StatementsFormState } from "./actions";

/** Picks a year and sends its giving statements. */
export function SendStatementsForm({ years, defaultYear }: { years: number[]; defaultYear: number }) {
  const initial: StatementsFormState = { values: { year: String(defaultYear) }, errors: {}, attempt: 0 };
  const [state, formAction, pending] = useActionState(sendGivingStatementsAction, initial);
  const error = state.errors.year ?? state.errors.form;
  return (
    <form key={state.attempt} action={formAction} className="space-y-3" noValidate>
      <div className="flex flex-wrap items-end gap-3">
        <div className="space-y-1">
          <label htmlFor="statement-year" className="block font-semibold">
            Year
          </label>
          <select
            id="statement-year"
            name="year"
            defaultValue={state.values.year}
            aria-invalid={error ? true : undefined}
            aria-describedby="statements-feedback"
            className="rounded border border-stone-500 bg-white px-3 py-2"
          >
            {years.map((year) => (
              <option key={year} value={year}>
                {year}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" disabled={pending} className="rounded bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800">
          Send giving statements
        </button>
      </div>
      <FormFeedback id="statements-feedback" error={error} message={pending ? "Queuing statements…" : state.message} />
    </form>
  );
}
