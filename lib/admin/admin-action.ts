import "server-only";
import type { z } from "zod";
import { requireAdmin, type AdminUser } from "@/lib/auth/require-admin";
import { errorsByField, type FormErrors } from "@/lib/http/form-errors";
import { BAD_FORM_MESSAGE, formDataOf } from "@/lib/http/form-input";
import { nextAttempt, type FormState } from "@/lib/http/form-state";
import { withActionRequestContext } from "@/lib/observability/request-context";

/** What an admin form action answers: the one FormState of every form, admin or public. */
export type AdminFormState<Values> = FormState<Values>;

/** What the work behind a form says; nothing (or a redirect) when it succeeded quietly. */
export type AdminFormOutcome<Values> = { errors?: FormErrors<Values>; message?: string; values?: Values } | void;

interface AdminFormActionOptions<Values, Input> {
  /** The admin page the form is on: where sign-in leads back to. */
  page: string;
  /** The form's fields as posted (strings, checkboxes as booleans). */
  read: (formData: FormData) => Values;
  /** Turns the values into the typed input; each issue becomes its field's message. */
  schema: z.ZodType<Input, Values>;
  run: (input: Input, context: { admin: AdminUser; values: Values; formData: FormData }) => Promise<AdminFormOutcome<Values>>;
}

/**
 * The one shape of an admin form action: check the admin (before reading anything: a server
 * action is a public POST endpoint), read and validate the form, do the work, and answer with
 * the values echoed. The admin-guard test still calls every action as a backstop.
 */
export function adminFormAction<Values, Input>(options: AdminFormActionOptions<Values, Input>) {
  const handle = async (previous: AdminFormState<Values> | undefined, submitted: FormData): Promise<AdminFormState<Values>> => {
    const admin = await requireAdmin(options.page);
    const attempt = nextAttempt(previous);
    // Anyone can call an action with arguments that are not a form: answer, never throw.
    const formData = formDataOf(submitted);
    if (!formData) return { values: options.read(new FormData()), errors: { form: BAD_FORM_MESSAGE } as FormErrors<Values>, attempt };
    const values = options.read(formData);
    const parsed = options.schema.safeParse(values);
    if (!parsed.success) return { values, errors: errorsByField<Values>(parsed.error.issues), attempt };
    const outcome = await options.run(parsed.data, { admin, values, formData });
    return { values: outcome?.values ?? values, errors: outcome?.errors ?? {}, message: outcome?.message, attempt };
  };
  // Every log line of the action carries its request's id.
  const action = (previous: AdminFormState<Values> | undefined, submitted: FormData) => withActionRequestContext(() => handle(previous, submitted));
  adminActions.add(action);
  return action;
}

/**
 * An admin action called with a plain argument rather than a form (e.g. a preview): check the
 * admin, validate the argument, do the work. Anything invalid gets `fallback`.
 */
export function adminCall<Argument, Result>(
  page: string,
  schema: z.ZodType<Argument>,
  run: (argument: Argument, admin: AdminUser) => Promise<Result>,
  fallback: Result,
) {
  const action = (argument: unknown): Promise<Result> =>
    withActionRequestContext(async () => {
      const admin = await requireAdmin(page);
      const parsed = schema.safeParse(argument);
      return parsed.success ? run(parsed.data, admin) : fallback;
    });
  adminActions.add(action);
  return action;
}

const adminActions = new WeakSet<object>();

/** Whether a function was made by adminFormAction or adminCall (the rule test asks). */
export function isAdminAction(value: unknown): boolean {
  return typeof value === "function" && adminActions.has(value);
}

/** A form's text fields as strings ("" when missing or a file). */
export function textFields<Name extends string>(formData: FormData, names: readonly Name[]): Record<Name, string> {
  const values = {} as Record<Name, string>;
  for (const name of names) {
    const value = formData.get(name);
    values[name] = typeof value === "string" ? value : "";
  }
  return values;
}
