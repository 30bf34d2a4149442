"use server";

import { headers } from "next/headers";
import { after } from "next/server";
import { getDb } from "@/db/client";
import { formDataOf } from "@/lib/http/form-input";
import { clientAddress } from "@/lib/rate-limit/client-address";
import { runSubscriberFollowUp } from "@/lib/subscribers/follow-up";
import { SIGN_UP_MESSAGES, type SubscribeFormState } from "@/lib/subscribers/form-states";
import { handleSignUp } from "@/lib/subscribers/sign-up";
import { subscriptionSettings } from "@/lib/subscribers/subscription-settings";

/** The sign-up form's server action (a public POST endpoint: no auth, rate-limited instead). */
export async function subscribeAction(_previous: SubscribeFormState, submitted: FormData): Promise<SubscribeFormState> {
  const formData = formDataOf(submitted);
  if (!formData) return { status: "error", message: SIGN_UP_MESSAGES.badForm, invalidFields: [], values: { email: "", firstName: "" } };
  const input = Object.fromEntries(formData);
  try {
    const db = await getDb();
    const result = await handleSignUp(db, input, { client: clientAddress(await headers()) }, subscriptionSettings());
    if (result.outcome !== "invalid") {
      after(() => runSubscriberFollowUp(db, { emailKeys: result.emailKeys, purgeUnconfirmed: true }));
    }
    return result.state;
  } catch (error) {
    console.error(`[subscribers] sign-up failed: ${error instanceof Error ? error.message : String(error)}`);
    const values = { email: typeof input.email === "string" ? input.email : "", firstName: typeof input.firstName === "string" ? input.firstName : "" };
    return { status: "error", message: SIGN_UP_MESSAGES.failed, invalidFields: [], values };
  }
}
