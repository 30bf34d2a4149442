"use server";

import { headers } from "next/headers";
import { after } from "next/server";
import { getDb } from "@/db/client";
import { BAD_FORM_MESSAGE, formDataOf } from "@/lib/http/form-input";
import { clientAddress } from "@/lib/rate-limit/client-address";
import { linkSigningSecret } from "@/lib/env";
import { runSubscriberFollowUp } from "@/lib/subscribers/follow-up";
import type { UnsubscribeFormState, UnsubscribeLinkFormState } from "@/lib/subscribers/form-states";
import { subscriptionSettings } from "@/lib/subscribers/subscription-settings";
import { requestUnsubscribeLink, sendUnsubscribeLink } from "@/lib/subscribers/unsubscribe-link";
import { unsubscribe } from "@/lib/subscribers/unsubscribe";

const INVALID_LINK = "This unsubscribe link is not valid. Copy the whole link from the email and try again.";

/** The unsubscribe page's button. Public: the signed token in the form is the authority. */
export async function unsubscribeAction(_previous: UnsubscribeFormState, submitted: FormData): Promise<UnsubscribeFormState> {
  const formData = formDataOf(submitted);
  if (!formData) return { status: "error", message: INVALID_LINK };
  try {
    const db = await getDb();
    const outcome = await unsubscribe(db, formData.get("token"), linkSigningSecret());
    if (outcome.kind === "invalid") return { status: "error", message: INVALID_LINK };
    if (outcome.kind === "unsubscribed") after(() => runSubscriberFollowUp(db, { syncAudienceFor: outcome.subscriberId }));
    return { status: "done", message: "You're unsubscribed. You will not get any more updates from us." };
  } catch (error) {
    console.error(`[subscribers] unsubscribe failed: ${error instanceof Error ? error.message : String(error)}`);
    return { status: "error", message: "Sorry, something went wrong on our side. Please try again in a minute." };
  }
}

/**
 * "Email me an unsubscribe link": the same answer for every well-formed address, limited like
 * the sign-up form; the link is looked up and sent after the response, so neither the words
 * nor the timing say whether an address is on the list. Public.
 */
export async function requestUnsubscribeLinkAction(_previous: UnsubscribeLinkFormState, submitted: FormData): Promise<UnsubscribeLinkFormState> {
  const formData = formDataOf(submitted);
  if (!formData) return { error: BAD_FORM_MESSAGE, notice: null, email: "" };
  const typed = typeof formData.get("email") === "string" ? String(formData.get("email")) : "";
  try {
    const db = await getDb();
    const settings = subscriptionSettings();
    const outcome = await requestUnsubscribeLink(db, { email: typed, client: clientAddress(await headers()) }, settings.linkSecret);
    if (outcome.kind !== "accepted") return { error: outcome.message, notice: null, email: typed };
    after(async () => {
      try {
        await sendUnsubscribeLink(db, outcome.email, settings);
      } catch (error) {
        console.error(`[subscribers] unsubscribe link not sent: ${error instanceof Error ? error.message : String(error)}`);
      }
    });
    return { error: null, notice: outcome.message, email: "" };
  } catch (error) {
    console.error(`[subscribers] unsubscribe link request failed: ${error instanceof Error ? error.message : String(error)}`);
    return { error: "Sorry, something went wrong on our side. Please try again in a minute.", notice: null, email: typed };
  }
}
