"use server";

import { publicFormPost } from "@/lib/http/public-form-action";
import { donationFormValues } from "@/lib/payments/donation-form";
import { startDonation } from "@/lib/payments/start-donation";
import { stripe } from "@/lib/payments/stripe-client";
import { CHECKOUT_SESSION_ID } from "@/lib/payments/thank-you";

/** Back to the thank-you page, which says "Give this monthly" did not work. */
function failedPage({ sessionId }: { sessionId: string }): string {
  return `/donate/thank-you?${new URLSearchParams({ session_id: CHECKOUT_SESSION_ID.test(sessionId) ? sessionId : "", monthly: "failed" })}`;
}

/**
 * "Give this monthly" on the thank-you page (a public POST endpoint, like the donation form):
 * the same checks as the donation form, always monthly. On success the browser goes to Stripe
 * Checkout; otherwise back to the thank-you page, which says it did not work.
 */
export const startMonthlyAction = publicFormPost({
  log: "[payments] monthly gift not started",
  read: (formData) => {
    const sessionId = formData.get("session_id");
    return { sessionId: typeof sessionId === "string" ? sessionId : "" };
  },
  refused: failedPage,
  run: async (values, { db, client, formData }) => {
    const campaignSlug = formData.get("campaign");
    const result = await startDonation(db, stripe(), {
      campaignSlug: typeof campaignSlug === "string" ? campaignSlug : "",
      values: { ...donationFormValues(formData), frequency: "monthly" },
      clientKey: client,
    });
    return result.ok ? result.url : failedPage(values);
  },
});
