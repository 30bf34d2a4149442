"use server";

import { linkSigningSecret } from "@/lib/env";
import type { FormState } from "@/lib/http/form-state";
import { publicFormAction } from "@/lib/http/public-form-action";
import { runSubscriberFollowUp } from "@/lib/subscribers/follow-up";
import { subscriptionSettings } from "@/lib/subscribers/subscription-settings";
import { requestUnsubscribeLink, sendUnsubscribeLink } from "@/lib/subscribers/unsubscribe-link";
import { unsubscribe } from "@/lib/subscribers/unsubscribe";
import type { EmailLinkFormValues } from "../_components/email-me-a-link-form";

const INVALID_LINK = "This unsubscribe link is not valid. Copy the whole link from the email and try again.";
const FAILED = "Sorry, something went wrong on our side. Please try again in a minute.";

export type UnsubscribeFormState = FormState<Record<string, never>>;

/** The unsubscribe page's button. Public: the signed token in the form is the authority. */
export const unsubscribeAction = publicFormAction({
  log: "[subscribers] unsubscribe",
  read: (): Record<string, never> => ({}),
  failed: FAILED,
  run: async (_values, { db, formData }) => {
    const outcome = await unsubscribe(db, formData.get("token"), linkSigningSecret());
    if (outcome.kind === "invalid") return { errors: { form: INVALID_LINK } };
    const message = "You're unsubscribed. You will not get any more updates from us.";
    if (outcome.kind !== "unsubscribed") return { message };
    return { message, afterResponse: () => runSubscriberFollowUp(db, { syncAudienceFor: outcome.subscriberId }) };
  },
});

/**
 * "Email me an unsubscribe link": the same answer for every well-formed address, limited like
 * the sign-up form; the link is looked up and sent after the response, so neither the words
 * nor the timing say whether an address is on the list. Public.
 */
export const requestUnsubscribeLinkAction = publicFormAction({
  log: "[subscribers] unsubscribe link request",
  read: (formData): EmailLinkFormValues => ({ email: typeof formData.get("email") === "string" ? String(formData.get("email")) : "" }),
  failed: FAILED,
  run: async ({ email }, { db, client }) => {
    const settings = subscriptionSettings();
    const outcome = await requestUnsubscribeLink(db, { email, client }, settings.linkSecret);
    if (outcome.kind === "invalid") return { errors: { email: outcome.message } };
    if (outcome.kind === "limited") return { errors: { form: outcome.message } };
    return { message: outcome.message, values: { email: "" }, afterResponse: () => sendUnsubscribeLink(db, outcome.email, settings) };
  },
});
