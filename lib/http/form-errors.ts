/**
 * What a form action says is wrong: a message by field name, plus `form` for the form as a
 * whole. The one shape for every form, admin or public. `Fields` is the form's values (an
 * object: its keys are the fields) or the union of its field names.
 */
export type FormErrors<Fields> = Partial<Record<(Fields extends string ? Fields : Extract<keyof Fields, string>) | "form", string>>;

/** A zod error as FormErrors: each field's first message (issues with no field go to `form`). */
export function errorsByField<Values>(issues: readonly { path: readonly PropertyKey[]; message: string }[]): FormErrors<Values> {
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const field = typeof issue.path[0] === "string" ? issue.path[0] : "form";
    errors[field] ??= issue.message;
  }
  return errors as FormErrors<Values>;
}
