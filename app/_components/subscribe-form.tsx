"use client";

import { useActionState, useId } from "react";
import { CONSENT_STATEMENT, PRIVACY_LINK_TEXT, PRIVACY_PATH } from "@/lib/subscribers/consent";
import { initialFormState } from "@/lib/http/form-state";
import { HONEYPOT_FIELD, type SignUpField } from "@/lib/subscribers/form-states";
import { subscribeAction } from "./subscribe-action";
import { SURFACE } from "./ui";

interface SubscribeFormProps {
  /** Recorded with the sign-up: "home", "footer", "campaign:<slug>", … */
  source: string;
  heading: string;
  headingLevel?: 2 | 3;
  intro?: string;
  /** "panel" on a page, "plain" inside the footer. */
  variant?: "panel" | "plain";
}

/**
 * Sign-up for email updates. Without JavaScript it is a plain POST to the server action and the
 * page comes back with the answer; with JavaScript it answers in place.
 */
export function SubscribeForm({ source, heading, headingLevel = 2, intro, variant = "panel" }: SubscribeFormProps) {
  const [state, formAction, pending] = useActionState(subscribeAction, initialFormState({ email: "", firstName: "" }));
  const id = useId();
  const ids = { heading: `${id}-heading`, email: `${id}-email`, name: `${id}-name`, trap: `${id}-trap`, status: `${id}-status` };
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const { values, errors } = state;
  const invalid = (field: SignUpField) => Boolean(errors[field]);
  // One line of outcome: the form's message, or what is wrong with the fields (email first).
  const refusal = errors.form ?? [errors.email, errors.firstName].filter(Boolean).join(" ");
  const succeeded = !refusal && Boolean(state.message);
  const inputClass =
    "mt-1 w-full rounded-md border border-stone-400 bg-white px-3 py-2 text-ink aria-[invalid=true]:border-red-700 aria-[invalid=true]:ring-1 aria-[invalid=true]:ring-red-700";

  return (
    <div className={variant === "panel" ? `p-6 ${SURFACE}` : ""}>
      <form action={formAction} noValidate aria-labelledby={ids.heading} className="space-y-4">
        <Heading id={ids.heading} className="text-lg font-bold text-ink">
          {heading}
        </Heading>
        {intro ? <p className="text-sm text-muted">{intro}</p> : null}
        {succeeded ? null : (
          <>
            <div className="grid gap-4 sm:grid-cols-2">
              <div>
                <label htmlFor={ids.email} className="text-sm font-semibold text-ink">
                  Email
                </label>
                <input
                  id={ids.email}
                  name="email"
                  type="email"
                  inputMode="email"
                  autoComplete="email"
                  required
                  defaultValue={values.email}
                  aria-invalid={invalid("email") || undefined}
                  aria-describedby={invalid("email") ? ids.status : undefined}
                  className={inputClass}
                />
              </div>
              <div>
                <label htmlFor={ids.name} className="text-sm font-semibold text-ink">
                  First name <span className="font-normal text-muted">(optional)</span>
                </label>
                <input
                  id={ids.name}
                  name="firstName"
                  type="text"
                  autoComplete="given-name"
                  maxLength={60}
                  defaultValue={values.firstName}
                  aria-invalid={invalid("firstName") || undefined}
                  aria-describedby={invalid("firstName") ? ids.status : undefined}
                  className={inputClass}
                />
              </div>
            </div>
            {/* Honeypot: off-screen and out of the tab order; people never fill it, bots do. */}
            <div aria-hidden="true" className="absolute -left-[10000px] h-px w-px overflow-hidden">
              <label htmlFor={ids.trap}>Leave this field empty</label>
              <input id={ids.trap} name={HONEYPOT_FIELD} type="text" tabIndex={-1} autoComplete="off" defaultValue="" />
            </div>
            <input type="hidden" name="source" value={source} />
            <button
              type="submit"
              disabled={pending}
              className="rounded-full bg-brand-700 px-6 py-2 font-semibold text-white hover:bg-brand-800 disabled:opacity-70"
            >
              Subscribe
            </button>
            <p className="text-xs text-muted">
              {`${CONSENT_STATEMENT} `}
              <a href={PRIVACY_PATH} className="underline hover:text-brand-700">
                {PRIVACY_LINK_TEXT}
              </a>
              .
            </p>
          </>
        )}
        <p id={ids.status} role="status" className={refusal ? "text-sm font-semibold text-red-800" : "text-sm font-semibold text-green-800"}>
          {refusal || state.message || ""}
        </p>
      </form>
    </div>
  );
}
