import "server-only";
import { headers } from "next/headers";
import { redirect, unstable_rethrow } from "next/navigation";
import { after } from "next/server";
import type { z } from "zod";
import { getDb, type Database } from "@/db/client";
import { isDatabaseUnavailable } from "@/db/database-errors";
import { describeError } from "@/lib/errors/describe-error";
import { errorsByField, type FormErrors } from "@/lib/http/form-errors";
import { BAD_FORM_MESSAGE, formDataOf } from "@/lib/http/form-input";
import { nextAttempt, type FormState } from "@/lib/http/form-state";
import { TRY_AGAIN_MESSAGE } from "@/lib/http/service-unavailable";
import { clientAddress } from "@/lib/rate-limit/client-address";
import type { RateLimitResult } from "@/lib/rate-limit/rate-limit";
import { logger } from "@/lib/observability/logger";
import { withActionRequestContext } from "@/lib/observability/request-context";

const logLine = logger("forms");

/*
 * The one shape of a public form action (the public twin of lib/admin/admin-action.ts). A server
 * action is a public POST endpoint anyone may call with any arguments, so each one: takes the
 * form through the guard (anything else gets BAD_FORM_MESSAGE), reads its fields, validates them
 * with zod (each issue becomes its field's message), counts the attempt against its rate limit,
 * does the work, and answers in one shape (FormState) with the values echoed. While the database
 * is unreachable it answers TRY_AGAIN_MESSAGE (or its own `failed` message) instead of failing.
 * tests/unit/form-action-rules.test.ts keeps every public action on it.
 */

export interface PublicFormContext<Values> {
  db: Database;
  /** The caller's address, for rate limits (lib/rate-limit/client-address.ts). */
  client: string;
  values: Values;
  formData: FormData;
}

/** What the work behind a form says; nothing (or a redirect) when it succeeded quietly. */
export type PublicFormOutcome<Values> = {
  errors?: FormErrors<Values>;
  message?: string;
  /** What the form shows next (e.g. "" for an address once its link is on its way); the values as sent otherwise. */
  values?: Values;
  /**
   * Work done after the response is sent (next/server `after`), so its duration says nothing
   * (whether an address is known, say). Its failure is logged; the answer stays the same.
   */
  afterResponse?: () => Promise<unknown>;
} | void;

interface PublicFormRules<Values, Input> {
  /** The start of every log line: "[donors] manage link request". */
  log: string;
  /** The form's fields as posted, as the form echoes them (strings; files and missing fields as ""). */
  read: (formData: FormData) => Values;
  /** Turns the values into the typed input; each issue becomes its field's message. Without it the values are the input. */
  schema?: z.ZodType<Input, Values>;
  /** Counted once the input is valid, before the work; `message` is the refusal (the form's message). */
  rateLimit?: {
    consume: (input: Input, context: { db: Database; client: string }) => Promise<RateLimitResult>;
    message: string | ((retryAfterSeconds: number) => string);
  };
  /**
   * The answer to anything that goes wrong (logged). Without it only an unreachable database is
   * answered (TRY_AGAIN_MESSAGE) and anything else is thrown, as an unexpected bug.
   */
  failed?: string;
}

interface PublicFormActionOptions<Values, Input> extends PublicFormRules<Values, Input> {
  run: (input: Input, context: PublicFormContext<Values>) => Promise<PublicFormOutcome<Values>>;
}

const wrapped = new WeakSet<object>();

/** Whether a function was made by publicFormAction or publicFormPost (the rule test asks). */
export function isPublicFormAction(value: unknown): boolean {
  return typeof value === "function" && wrapped.has(value);
}

/** A form with `useActionState`: `(previous state, form) => state`. */
export function publicFormAction<Values, Input = Values>(options: PublicFormActionOptions<Values, Input>) {
  const handle = async (previous: FormState<Values> | undefined, submitted: FormData): Promise<FormState<Values>> => {
    const attempt = nextAttempt(previous);
    const formData = formDataOf(submitted);
    if (!formData) return { values: options.read(new FormData()), errors: formError<Values>(BAD_FORM_MESSAGE), attempt };
    const values = options.read(formData);
    try {
      const checked = await check(options, values);
      if ("refused" in checked) return { values, errors: checked.refused, attempt };
      const outcome = await options.run(checked.input, { ...checked.context, values, formData });
      if (outcome?.afterResponse) afterResponse(options.log, outcome.afterResponse);
      return { values: outcome?.values ?? values, errors: outcome?.errors ?? {}, ...(outcome?.message ? { message: outcome.message } : {}), attempt };
    } catch (error) {
      return { values, errors: formError<Values>(failure(options, error)), attempt };
    }
  };
  // Every log line of the action carries its request's id.
  const action = (previous: FormState<Values> | undefined, submitted: FormData) => withActionRequestContext(() => handle(previous, submitted));
  wrapped.add(action);
  return action;
}

/**
 * A form posted without `useActionState` (`<form action={…}>`), whose answer is a page: `run`
 * says where to go (and may leave work for after the response), `refused` where to go when the form is refused (not a form,
 * invalid, rate-limited, or anything `failed` covers), `unavailable` while the database is
 * unreachable (default: `refused`).
 */
export function publicFormPost<Values, Input = Values>(
  options: PublicFormRules<Values, Input> & {
    refused: (values: Values) => string;
    unavailable?: (values: Values) => string;
    run: (input: Input, context: PublicFormContext<Values>) => Promise<string | { to: string; afterResponse?: () => Promise<unknown> }>;
  },
) {
  const handle = async (submitted: unknown): Promise<void> => {
    const formData = formDataOf(submitted);
    const values = options.read(formData ?? new FormData());
    if (!formData) redirect(options.refused(values));
    let target: string;
    try {
      const checked = await check(options, values);
      const answer = "refused" in checked ? options.refused(values) : await options.run(checked.input, { ...checked.context, values, formData });
      if (typeof answer !== "string" && answer.afterResponse) afterResponse(options.log, answer.afterResponse);
      target = typeof answer === "string" ? answer : answer.to;
    } catch (error) {
      failure(options, error);
      target = isDatabaseUnavailable(error) && options.unavailable ? options.unavailable(values) : options.refused(values);
    }
    redirect(target);
  };
  const action = (submitted: unknown) => withActionRequestContext(() => handle(submitted));
  wrapped.add(action);
  return action;
}

type Checked<Values, Input> = { refused: FormErrors<Values> } | { input: Input; context: { db: Database; client: string } };

/** Validation, then the database and the rate limit. */
async function check<Values, Input>(rules: PublicFormRules<Values, Input>, values: Values): Promise<Checked<Values, Input>> {
  let input: Input;
  if (rules.schema) {
    const parsed = rules.schema.safeParse(values);
    if (!parsed.success) return { refused: errorsByField<Values>(parsed.error.issues) };
    input = parsed.data;
  } else {
    input = values as unknown as Input;
  }
  const db = await getDb();
  const client = clientAddress(await headers());
  if (rules.rateLimit) {
    const limit = await rules.rateLimit.consume(input, { db, client });
    if (!limit.allowed) {
      const { message } = rules.rateLimit;
      return { refused: formError<Values>(typeof message === "string" ? message : message(limit.retryAfterSeconds)) };
    }
  }
  return { input, context: { db, client } };
}

/** The message for something thrown, after logging it; rethrows what is not the form's to answer. */
function failure(rules: { log: string; failed?: string }, error: unknown): string {
  unstable_rethrow(error); // redirect(), notFound() and Next's own signals are not failures
  if (isDatabaseUnavailable(error)) {
    logLine.error(`${rules.log}: database unavailable`);
    return rules.failed ?? TRY_AGAIN_MESSAGE;
  }
  if (rules.failed === undefined) throw error;
  logLine.error(`${rules.log} failed: ${describeError(error)}`);
  return rules.failed;
}

function afterResponse(log: string, work: () => Promise<unknown>): void {
  after(async () => {
    try {
      await work();
    } catch (error) {
      logLine.error(`${log}: work after the response failed: ${describeError(error)}`);
    }
  });
}

function formError<Values>(message: string): FormErrors<Values> {
  return { form: message } as FormErrors<Values>;
}
