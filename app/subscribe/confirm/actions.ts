"use server";

import type { FormState } from "@/lib/http/form-state";
import { UNAVAILABLE_PATH } from "@/lib/http/database-unavailable";
import { publicFormAction, publicFormPost } from "@/lib/http/public-form-action";
import { consumeSignUpLimits } from "@/lib/rate-limit/address-limits";
import { confirmSubscription, resendConfirmation } from "@/lib/subscribers/confirm-subscription";
import { runSubscriberFollowUp } from "@/lib/subscribers/follow-up";
import { SIGN_UP_MESSAGES } from "@/lib/subscribers/form-states";
import { subscriptionSettings } from "@/lib/subscribers/subscription-settings";

const ANSWERS = {
  sent: { message: "A new link is on its way. Check your inbox, and your spam folder just in case." },
  "recently-sent": { message: "We sent you a link a few minutes ago. Check your inbox, and your spam folder just in case." },
  "already-confirmed": { message: "Good news: your subscription is already confirmed. There is nothing more to do." },
  "not-pending": { errors: { form: "You unsubscribed after this link was sent. To get updates again, sign up with the form at the bottom of the page." } },
  invalid: { errors: { form: "We could not find this sign-up. Please sign up again with the form at the bottom of the page." } },
} as const;

export type ResendFormState = FormState<Record<string, never>>;

/** "Send me a new link" on an expired or used confirmation link's page. Public; rate-limited per client. */
export const resendConfirmationAction = publicFormAction({
  log: "[subscribers] re-sending a confirmation",
  read: (): Record<string, never> => ({}),
  rateLimit: {
    consume: (_values, { db, client }) => consumeSignUpLimits(db, { client }, subscriptionSettings().linkSecret),
    message: SIGN_UP_MESSAGES.rateLimited,
  },
  failed: "Sorry, we could not send a new link just now. Please try again in a few minutes.",
  run: async (_values, { db, formData }) => {
    const outcome = await resendConfirmation(db, formData.get("token"), subscriptionSettings());
    if (outcome.kind !== "sent") return ANSWERS[outcome.kind];
    return { ...ANSWERS.sent, afterResponse: () => runSubscriberFollowUp(db, { emailKeys: outcome.emailKeys }) };
  },
});

/** The confirmation page of a link's token, which tells the outcome. */
function confirmPage({ token }: { token: string }): string {
  return `/subscribe/confirm?${new URLSearchParams({ token })}`;
}

/**
 * "Confirm my subscription" on the emailed link's page (double opt-in, step two): a POST, so a
 * mail scanner following the link confirms nothing. Then back to the page, which tells the
 * outcome (the 503 page while the database is unreachable, as the page itself would).
 */
export const confirmSubscriptionAction = publicFormPost({
  log: "[subscribers] confirming a subscription",
  read: (formData) => {
    const token = formData.get("token");
    return { token: typeof token === "string" ? token : "" };
  },
  refused: confirmPage,
  unavailable: (values) => `${UNAVAILABLE_PATH}?${new URLSearchParams({ from: confirmPage(values) })}`,
  run: async (values, { db }) => {
    const outcome = await confirmSubscription(db, values.token);
    if (outcome.kind !== "confirmed") return confirmPage(values);
    // The page thanks them (the link alone says "already subscribed").
    return { to: `${confirmPage(values)}&confirmed=1`, afterResponse: () => runSubscriberFollowUp(db, { syncAudienceFor: outcome.subscriberId }) };
  },
});
