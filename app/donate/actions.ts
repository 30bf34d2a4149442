"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { isDatabaseUnavailable } from "@/db/database-errors";
import { BAD_FORM_MESSAGE, formDataOf } from "@/lib/http/form-input";
import { TRY_AGAIN_MESSAGE } from "@/lib/http/service-unavailable";
import type { DonationFieldErrors } from "@/lib/payments/donation-form";
import { donationFormValues } from "@/lib/payments/donation-form";
import { startDonation } from "@/lib/payments/start-donation";
import { stripe } from "@/lib/payments/stripe-client";
import { clientAddress } from "@/lib/rate-limit/client-address";
import { CHECKOUT_WINDOW_FIELD, embedClaimOf } from "@/lib/embed/embed-fields";

export interface DonationFormState {
  errors: DonationFieldErrors;
  /** What the donor submitted, so the form comes back as they left it. */
  values: Record<string, string>;
  /** Counts submissions that came back, so the form can re-mount with the submitted values. */
  attempt: number;
  /** Inside an embed frame (checkout opens in a new tab): where to pay, instead of a redirect. */
  checkoutUrl?: string;
}

/**
 * The donation panel's form action (a public POST endpoint: anyone may start a gift; the rate
 * limit and validation live in startDonation). On success the browser goes to Stripe Checkout.
 */
export async function startDonationAction(previous: unknown, submitted: FormData): Promise<DonationFormState> {
  const attempt = previousAttempt(previous) + 1;
  const formData = formDataOf(submitted);
  if (!formData) return { errors: { form: BAD_FORM_MESSAGE }, values: {}, attempt };
  const campaignSlug = formData.get("campaign");
  const values = donationFormValues(formData);
  const echoed = Object.fromEntries(Object.entries(values).filter((entry): entry is [string, string] => typeof entry[1] === "string" && entry[0] !== "submission_id"));
  let result;
  try {
    result = await startDonation(await getDb(), stripe(), {
      campaignSlug: typeof campaignSlug === "string" ? campaignSlug : "",
      values,
      clientKey: clientAddress(await headers()),
      embed: embedClaimOf(formData),
    });
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    console.error("[payments] donation not started: database unavailable");
    return { errors: { form: TRY_AGAIN_MESSAGE }, values: echoed, attempt };
  }
  if (result.ok && formData.get(CHECKOUT_WINDOW_FIELD) === "1") return { errors: {}, values: {}, attempt, checkoutUrl: result.url };
  if (result.ok) redirect(result.url);
  return { errors: result.errors, values: echoed, attempt };
}

function previousAttempt(previous: unknown): number {
  const attempt = (previous as Partial<DonationFormState> | null)?.attempt;
  return typeof attempt === "number" && Number.isSafeInteger(attempt) && attempt >= 0 ? attempt : 0;
}
