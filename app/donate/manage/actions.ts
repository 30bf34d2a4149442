"use server";

import { redirect } from "next/navigation";
import { env } from "@/lib/env";
import { formDataOf } from "@/lib/http/form-input";
import { customerPortalUrl } from "@/lib/payments/customer-portal";
import { verifyManageToken } from "@/lib/payments/manage-link";
import { describeStripeError, stripe } from "@/lib/payments/stripe-client";

export interface ManageGivingState {
  error: string | null;
}

/**
 * Opens the Stripe customer portal for the donor named by a signed receipt link. A public
 * POST endpoint: the HMAC-signed token is the authorisation, checked here again.
 */
export async function openCustomerPortalAction(_previous: ManageGivingState, submitted: FormData): Promise<ManageGivingState> {
  const token = formDataOf(submitted)?.get("token");
  const customerId = typeof token === "string" ? verifyManageToken(token) : null;
  if (!customerId) return { error: "This link is not valid. Please use the link in your latest receipt." };
  let url: string;
  try {
    url = await customerPortalUrl(stripe(), customerId, new URL("/donate/manage/done", env().APP_URL).toString());
  } catch (error) {
    console.error(`[payments] customer portal could not be opened: ${describeStripeError(error)}`);
    return { error: "We could not open your giving page just now. Please try again in a moment." };
  }
  redirect(url);
}
