import type { FormErrors } from "./form-errors";

/**
 * What every form action answers, admin or public, for `useActionState`: the values as sent (so
 * the form keeps what was typed), what is wrong (`errors.form` for the form as a whole, one
 * message per field otherwise), the message said on success, and a count of answers (a form
 * keyed by it re-mounts with the echoed values, selects and checkboxes included).
 * Plain data only: client components import it.
 */
export interface FormState<Values> {
  values: Values;
  errors: FormErrors<Values>;
  /** Said on success when the page stays. */
  message?: string;
  attempt: number;
}

/** The state a form starts in, before its first answer. */
export function initialFormState<Values>(values: Values): FormState<Values> {
  return { values, errors: {}, attempt: 0 };
}

/** The count of answers so far, plus this one (anything sent as the previous state that is not a count counts as none). */
export function nextAttempt(previous: unknown): number {
  const attempt = (previous as { attempt?: unknown } | null | undefined)?.attempt;
  return (typeof attempt === "number" && Number.isSafeInteger(attempt) && attempt >= 0 ? attempt : 0) + 1;
}
