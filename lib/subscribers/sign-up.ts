import "server-only";
import { z } from "zod";
import type { Database } from "@/db/database";
import { STORED_CONSENT_TEXT } from "./consent";
import { parseEmailAddress } from "./email-address";
import type { FormErrors } from "@/lib/http/form-errors";
import { HONEYPOT_FIELD, SIGN_UP_MESSAGES, type SignUpField } from "./form-states";
import { requestSubscription, type SubscriptionRequestOutcome } from "./request-subscription";
import { consumeSignUpLimits } from "@/lib/rate-limit/address-limits";
import type { SubscriptionSettings } from "./subscription-settings";
import { logger } from "@/lib/observability/logger";

const log = logger("subscribers");

/** "home", "footer", "privacy", "campaign:<slug>", … set by the page that renders the form. */
const SOURCE = /^(?:[a-z][a-z-]{0,30}|campaign:[a-z0-9][a-z0-9-]{0,99})$/;

const text = z.preprocess((value) => (typeof value === "string" ? value : ""), z.string());

const signUpForm = z.object({
  email: text.transform((value, ctx) => {
    const parsed = parseEmailAddress(value);
    if (!parsed.ok) {
      ctx.addIssue({ code: "custom", message: parsed.message });
      return z.NEVER;
    }
    return parsed.email;
  }),
  firstName: text
    .transform((value) => value.trim().replace(/\s+/g, " "))
    .pipe(
      z
        .string()
        .max(60, "Keep your first name under 60 characters.")
        // Links in a name field are spam, and names end up in emails.
        .refine((value) => !/[<>]|:\/\/|www\.|\p{Cc}/u.test(value), "Enter just your first name, without links or symbols."),
    )
    .transform((value) => value || null),
  source: text.pipe(z.string().regex(SOURCE)),
  [HONEYPOT_FIELD]: text,
});

export interface SignUpResult {
  /** What the form says: a message on success, or what is wrong (by field, or `form`). */
  answer: { message: string; errors?: undefined } | { errors: FormErrors<SignUpField>; message?: undefined };
  /** Outbox keys to deliver after the response (empty when nothing is to be sent). */
  emailKeys: string[];
  /** For tests and logs; never shown. */
  outcome: SubscriptionRequestOutcome | "honeypot" | "invalid" | "rate-limited";
}

/**
 * The sign-up form's whole server side: validate, trap bots, rate-limit, record. The visible
 * answer is identical for every address that passes validation, subscribed or not.
 */
export async function handleSignUp(
  db: Database,
  input: Record<string, unknown>,
  context: { client: string },
  settings: SubscriptionSettings,
  now: Date = new Date(),
): Promise<SignUpResult> {
  const parsed = signUpForm.safeParse(input);
  if (!parsed.success) {
    // The person's own fields say what is wrong with them; anything else is a form we did not render.
    const errors: FormErrors<SignUpField> = {};
    for (const field of ["email", "firstName"] as const) {
      const messages = parsed.error.issues.filter((issue) => issue.path[0] === field).map((issue) => issue.message);
      if (messages.length > 0) errors[field] = messages.join(" ");
    }
    return { answer: { errors: Object.keys(errors).length > 0 ? errors : { form: SIGN_UP_MESSAGES.badForm } }, emailKeys: [], outcome: "invalid" };
  }
  const form = parsed.data;
  const success = { message: SIGN_UP_MESSAGES.success };
  if (form[HONEYPOT_FIELD] !== "") {
    log.info({ source: form.source }, "honeypot filled; nothing recorded");
    return { answer: success, emailKeys: [], outcome: "honeypot" };
  }

  const limit = await consumeSignUpLimits(db, { client: context.client, email: form.email }, settings.linkSecret);
  if (!limit.allowed) {
    return { answer: { errors: { form: SIGN_UP_MESSAGES.rateLimited } }, emailKeys: [], outcome: "rate-limited" };
  }

  const result = await requestSubscription(
    db,
    { email: form.email, firstName: form.firstName, source: form.source, consentText: STORED_CONSENT_TEXT },
    settings,
    now,
  );
  return { answer: success, emailKeys: result.emailKeys, outcome: result.outcome };
}
