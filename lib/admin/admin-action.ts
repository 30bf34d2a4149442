import "server-only";
import type { z } from "zod";
import { getDb } from "@/db/client";
import type { Database } from "@/db/database";
import { audited, staffActor, type AuditActor, type AuditEventInput } from "@/lib/audit/record-audit-event";
import type { AdminActionName } from "@/lib/auth/admin-permissions";
import { requireAdminAction, type AdminUser } from "@/lib/auth/require-admin";
import { errorsByField, type FormErrors } from "@/lib/http/form-errors";
import { BAD_FORM_MESSAGE, formDataOf } from "@/lib/http/form-input";
import { nextAttempt, type FormState } from "@/lib/http/form-state";
import { withActionRequestContext } from "@/lib/observability/request-context";

/** What an admin form action answers: the one FormState of every form, admin or public. */
export type AdminFormState<Values> = FormState<Values>;

/** What the work behind a form says; nothing (or a redirect) when it succeeded quietly. */
export type AdminFormOutcome<Values> = { errors?: FormErrors<Values>; message?: string; values?: Values } | void;

/** What an admin action's work is given besides its input. */
export interface AdminActionContext {
  admin: AdminUser;
  /** The admin as the audit log's actor. */
  actor: AuditActor;
  /**
   * Runs `work` in one transaction and writes the audit row `describe` makes of its result in it
   * (null: nothing changed, no row). See `audited` in lib/audit/record-audit-event.ts.
   */
  audited: <Result>(work: (tx: Database) => Promise<Result>, describe: (result: Result) => AuditEventInput | null | undefined) => Promise<Result>;
}

function actionContext(admin: AdminUser): AdminActionContext {
  const actor = staffActor(admin);
  return { admin, actor, audited: async (work, describe) => audited(await getDb(), actor, work, describe) };
}

interface AdminFormActionOptions<Values, Input> {
  /** The action's export name: its key in ADMIN_ACTIONS (lib/auth/admin-permissions.ts), which says the permission it needs. */
  name: AdminActionName;
  /** The admin page the form is on: where sign-in leads back to. */
  page: string;
  /** The form's fields as posted (strings, checkboxes as booleans). */
  read: (formData: FormData) => Values;
  /** Turns the values into the typed input; each issue becomes its field's message. */
  schema: z.ZodType<Input, Values>;
  run: (input: Input, context: AdminActionContext & { values: Values; formData: FormData }) => Promise<AdminFormOutcome<Values>>;
}

/**
 * The one shape of an admin form action: check the admin's permission for this action (before
 * reading anything: a server action is a public POST endpoint), read and validate the form, do
 * the work, and answer with the values echoed. The admin-guard test still calls every action as
 * every role as a backstop.
 */
export function adminFormAction<Values, Input>(options: AdminFormActionOptions<Values, Input>) {
  const handle = async (previous: AdminFormState<Values> | undefined, submitted: FormData): Promise<AdminFormState<Values>> => {
    const admin = await requireAdminAction(options.name, options.page);
    const attempt = nextAttempt(previous);
    // Anyone can call an action with arguments that are not a form: answer, never throw.
    const formData = formDataOf(submitted);
    if (!formData) return { values: options.read(new FormData()), errors: { form: BAD_FORM_MESSAGE } as FormErrors<Values>, attempt };
    const values = options.read(formData);
    const parsed = options.schema.safeParse(values);
    if (!parsed.success) return { values, errors: errorsByField<Values>(parsed.error.issues), attempt };
    const outcome = await options.run(parsed.data, { ...actionContext(admin), values, formData });
    return { values: outcome?.values ?? values, errors: outcome?.errors ?? {}, message: outcome?.message, attempt };
  };
  // Every log line of the action carries its request's id.
  const action = (previous: AdminFormState<Values> | undefined, submitted: FormData) => withActionRequestContext(() => handle(previous, submitted));
  adminActions.set(action, options.name);
  return action;
}

/**
 * An admin action called with a plain argument rather than a form (e.g. a preview): check the
 * admin's permission, validate the argument, do the work. Anything invalid gets `fallback`.
 */
export function adminCall<Argument, Result>(
  { name, page }: { name: AdminActionName; page: string },
  schema: z.ZodType<Argument>,
  run: (argument: Argument, context: AdminActionContext) => Promise<Result>,
  fallback: Result,
) {
  const action = (argument: unknown): Promise<Result> =>
    withActionRequestContext(async () => {
      const admin = await requireAdminAction(name, page);
      const parsed = schema.safeParse(argument);
      return parsed.success ? run(parsed.data, actionContext(admin)) : fallback;
    });
  adminActions.set(action, name);
  return action;
}

const adminActions = new WeakMap<object, AdminActionName>();

/** Whether a function was made by adminFormAction or adminCall (the rule test asks). */
export function isAdminAction(value: unknown): boolean {
  return typeof value === "function" && adminActions.has(value);
}

/** The name an admin action was made with (its key in ADMIN_ACTIONS): the guard test checks it is its export name. */
export function adminActionName(value: unknown): AdminActionName | undefined {
  return typeof value === "function" ? adminActions.get(value) : undefined;
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
