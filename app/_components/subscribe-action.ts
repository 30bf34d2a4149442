"use server";

import type { FormState } from "@/lib/http/form-state";
import { publicFormAction } from "@/lib/http/public-form-action";
import { runSubscriberFollowUp } from "@/lib/subscribers/follow-up";
import { SIGN_UP_MESSAGES, type SignUpField } from "@/lib/subscribers/form-states";
import { handleSignUp } from "@/lib/subscribers/sign-up";
import { subscriptionSettings } from "@/lib/subscribers/subscription-settings";

export type SubscribeFormValues = Record<SignUpField, string>;
export type SubscribeFormState = FormState<SubscribeFormValues>;

function text(formData: FormData, name: string): string {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
}

/**
 * The sign-up form's server action (a public POST endpoint: no auth, rate-limited instead).
 * handleSignUp validates (with the honeypot and the source) and counts the limits.
 */
export const subscribeAction = publicFormAction({
  log: "[subscribers] sign-up",
  read: (formData): SubscribeFormValues => ({ email: text(formData, "email"), firstName: text(formData, "firstName") }),
  failed: SIGN_UP_MESSAGES.failed,
  run: async (_values, { db, client, formData }) => {
    const result = await handleSignUp(db, Object.fromEntries(formData), { client }, subscriptionSettings());
    if (result.outcome === "invalid") return result.answer;
    return { ...result.answer, afterResponse: () => runSubscriberFollowUp(db, { emailKeys: result.emailKeys, purgeUnconfirmed: true }) };
  },
});
