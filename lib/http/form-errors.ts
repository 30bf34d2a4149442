/**
 * What a form action says is wrong: a message by field name, plus `form` for the form as a
 * whole. The one shape for every form, admin or public. `Fields` is the form's values (an
 * object: its keys are the fields) or the union of its field names.
 */
export type FormErrors<Fields> = Partial<Record<(Fields extends string ? Fields : Extract<keyof Fields, string>) | "form", string>>;
