"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { isDatabaseUnavailable } from "@/db/database-errors";
import { formDataOf } from "@/lib/http/form-input";
import { donationFormValues } from "@/lib/payments/donation-form";
import { startDonation } from "@/lib/payments/start-donation";
import { stripe } from "@/lib/payments/stripe-client";
import { CHECKOUT_SESSION_ID } from "@/lib/payments/thank-you";
import { clientAddress } from "@/lib/rate-limit/client-address";

/**
 * "Give this monthly" on the thank-you page (a public POST endpoint, like the donation form):
 * the same checks as the donation form, always monthly. On success the browser goes to Stripe
 * Checkout; otherwise back to the thank-you page, which says it did not work.
 */
export async function startMonthlyAction(submitted: unknown): Promise<void> {
  const formData = formDataOf(submitted);
  const sessionId = formData?.get("session_id");
  const back = `/donate/thank-you?${new URLSearchParams({ session_id: typeof sessionId === "string" && CHECKOUT_SESSION_ID.test(sessionId) ? sessionId : "", monthly: "failed" })}`;
  if (!formData) redirect(back);
  const campaignSlug = formData.get("campaign");
  let url: string | null = null;
  try {
    const result = await startDonation(await getDb(), stripe(), {
      campaignSlug: typeof campaignSlug === "string" ? campaignSlug : "",
      values: { ...donationFormValues(formData), frequency: "monthly" },
      clientKey: clientAddress(await headers()),
    });
    if (result.ok) url = result.url;
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    console.error("[payments] monthly gift not started: database unavailable");
  }
  redirect(url ?? back);
}
