"use server";

import { redirect } from "next/navigation";
import type { FormState } from "@/lib/http/form-state";
import { publicFormAction } from "@/lib/http/public-form-action";
import { donationFormValues } from "@/lib/payments/donation-form";
import { startDonation } from "@/lib/payments/start-donation";
import { stripe } from "@/lib/payments/stripe-client";
import { CHECKOUT_URL_VALUE, CHECKOUT_WINDOW_FIELD, embedClaimOf } from "@/lib/embed/embed-fields";

/** What the donor submitted (strings by field name), so the form comes back as they left it. */
export type DonationFormValues = Record<string, string>;
export type DonationFormState = FormState<DonationFormValues>;

/**
 * The donation panel's form action (a public POST endpoint: anyone may start a gift; the rate
 * limit and validation live in startDonation, which needs the campaign). On success the browser
 * goes to Stripe Checkout.
 */
export const startDonationAction = publicFormAction({
  log: "[payments] donation not started",
  // The submission id is per rendering of the form: never echoed.
  read: (formData): DonationFormValues =>
    Object.fromEntries(
      Object.entries(donationFormValues(formData)).filter((entry): entry is [string, string] => typeof entry[1] === "string" && entry[0] !== "submission_id"),
    ),
  run: async (_values, { db, client, formData }) => {
    const campaignSlug = formData.get("campaign");
    const result = await startDonation(db, stripe(), {
      campaignSlug: typeof campaignSlug === "string" ? campaignSlug : "",
      values: donationFormValues(formData),
      clientKey: client,
      embed: embedClaimOf(formData),
    });
    // In an embed frame the form opens Checkout in a new tab itself (lib/embed): it gets the address back.
    if (result.ok && formData.get(CHECKOUT_WINDOW_FIELD) === "1") return { values: { [CHECKOUT_URL_VALUE]: result.url } };
    if (result.ok) redirect(result.url);
    return { errors: result.errors };
  },
});
