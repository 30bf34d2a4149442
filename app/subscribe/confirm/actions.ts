"use server";

import { headers } from "next/headers";
import { after } from "next/server";
import { getDb } from "@/db/client";
import { formDataOf } from "@/lib/http/form-input";
import { clientAddress } from "@/lib/rate-limit/client-address";
import { resendConfirmation } from "@/lib/subscribers/confirm-subscription";
import { runSubscriberFollowUp } from "@/lib/subscribers/follow-up";
import { SIGN_UP_MESSAGES, type ResendFormState } from "@/lib/subscribers/form-states";
import { consumeSignUpLimits } from "@/lib/rate-limit/address-limits";
import { subscriptionSettings } from "@/lib/subscribers/subscription-settings";

const ANSWERS = {
  sent: { status: "done", message: "A new link is on its way. Check your inbox, and your spam folder just in case." },
  "recently-sent": { status: "done", message: "We sent you a link a few minutes ago. Check your inbox, and your spam folder just in case." },
  "already-confirmed": { status: "done", message: "Good news: your subscription is already confirmed. There is nothing more to do." },
  "not-pending": { status: "error", message: "You unsubscribed after this link was sent. To get updates again, sign up with the form at the bottom of the page." },
  invalid: { status: "error", message: "We could not find this sign-up. Please sign up again with the form at the bottom of the page." },
} as const satisfies Record<string, ResendFormState>;

/** "Send me a new link" on an expired or used confirmation link's page. Public; rate-limited per client. */
export async function resendConfirmationAction(_previous: ResendFormState, submitted: FormData): Promise<ResendFormState> {
  const formData = formDataOf(submitted);
  if (!formData) return ANSWERS.invalid;
  try {
    const db = await getDb();
    const settings = subscriptionSettings();
    const limit = await consumeSignUpLimits(db, { client: clientAddress(await headers()) }, settings.linkSecret);
    if (!limit.allowed) return { status: "error", message: SIGN_UP_MESSAGES.rateLimited };
    const outcome = await resendConfirmation(db, formData.get("token"), settings);
    if (outcome.kind === "sent") after(() => runSubscriberFollowUp(db, { emailKeys: outcome.emailKeys }));
    return ANSWERS[outcome.kind];
  } catch (error) {
    console.error(`[subscribers] re-sending a confirmation failed: ${error instanceof Error ? error.message : String(error)}`);
    return { status: "error", message: "Sorry, we could not send a new link just now. Please try again in a few minutes." };
  }
}
