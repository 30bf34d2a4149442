"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import type { DonationFieldErrors } from "@/lib/payments/donation-form";
import { donationFormValues } from "@/lib/payments/donation-form";
import { startDonation } from "@/lib/payments/start-donation";
import { stripe } from "@/lib/payments/stripe-client";
import { clientAddress } from "@/lib/rate-limit/client-address";

export interface DonationFormState {
  errors: DonationFieldErrors;
  /** What the donor submitted, so the form comes back as they left it. */
  values: Record<string, string>;
  /** Counts submissions that came back, so the form can re-mount with the submitted values. */
  attempt: number;
}

/**
 * The donation panel's form action (a public POST endpoint: anyone may start a gift; the rate
 * limit and validation live in startDonation). On success the browser goes to Stripe Checkout.
 */
export async function startDonationAction(previous: DonationFormState, formData: FormData): Promise<DonationFormState> {
  const campaignSlug = formData.get("campaign");
  const values = donationFormValues(formData);
  const result = await startDonation(await getDb(), stripe(), {
    campaignSlug: typeof campaignSlug === "string" ? campaignSlug : "",
    values,
    clientKey: clientAddress(await headers()),
  });
  if (result.ok) redirect(result.url);
  const echoed = Object.fromEntries(Object.entries(values).filter((entry): entry is [string, string] => typeof entry[1] === "string" && entry[0] !== "submission_id"));
  return { errors: result.errors, values: echoed, attempt: previous.attempt + 1 };
}
