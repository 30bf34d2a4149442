"use server";

import { after } from "next/server";
import { getDb } from "@/db/client";
import { formDataOf } from "@/lib/http/form-input";
import { linkSigningSecret } from "@/lib/env";
import { runSubscriberFollowUp } from "@/lib/subscribers/follow-up";
import type { UnsubscribeFormState } from "@/lib/subscribers/form-states";
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
