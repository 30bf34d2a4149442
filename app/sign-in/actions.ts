"use server";

import { AuthError } from "next-auth";
import { redirect } from "next/navigation";
import { z } from "zod";
import { signIn, signOut } from "@/lib/auth/auth";
import { MAGIC_LINK_PROVIDER } from "@/lib/auth/auth-config";
import { adminCallbackPath } from "@/lib/auth/admin-callback-path";
import { linkSigningSecret } from "@/lib/env";
import type { FormState } from "@/lib/http/form-state";
import { publicFormAction, publicFormPost } from "@/lib/http/public-form-action";
import { emailIdentity } from "@/lib/identity/email-identity";
import { consumeSignInLimits } from "@/lib/rate-limit/address-limits";

export type SignInFormValues = { email: string; callbackUrl: string };
export type SignInFormState = FormState<SignInFormValues>;

const signInRequest = z.object({
  email: z
    .string()
    .trim()
    .max(254, "That email address is too long.")
    .pipe(z.email("Enter your email address, like name@example.org."))
    .transform(emailIdentity),
  callbackUrl: z.string().transform((value) => adminCallbackPath(value)),
});

function text(formData: FormData, name: string): string {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
}

/**
 * Asks Auth.js to email a sign-in link. Everybody who gives a well-formed address gets the same
 * answer (the "check your email" page); only admins are actually sent a link, after the response
 * (lib/auth/auth-config.ts), so the timing says nothing either.
 */
export const requestSignInLink = publicFormAction({
  log: "[auth] sign-in link not sent",
  read: (formData): SignInFormValues => ({ email: text(formData, "email"), callbackUrl: text(formData, "callbackUrl") }),
  schema: signInRequest,
  rateLimit: {
    consume: ({ email }, { db, client }) => consumeSignInLimits(db, { client, email }, linkSigningSecret()),
    message: (retryAfterSeconds) => {
      const minutes = Math.ceil(retryAfterSeconds / 60);
      return `Too many sign-in requests. Try again in ${minutes} ${minutes === 1 ? "minute" : "minutes"}.`;
    },
  },
  run: async ({ email, callbackUrl }) => {
    try {
      await signIn(MAGIC_LINK_PROVIDER, { email, redirectTo: callbackUrl, redirect: false });
    } catch (error) {
      if (error instanceof AuthError) return { errors: { email: "That address cannot be used to sign in. Check it and try again." } };
      throw error;
    }
    redirect("/sign-in/check-email");
  },
});

/** Ends the caller's own session (nothing to authorize: it only ever affects the caller). */
export const signOutAction = publicFormPost({
  log: "[auth] sign-out",
  read: () => ({}),
  refused: () => "/sign-in",
  run: async () => {
    await signOut({ redirectTo: "/sign-in?signedOut=1" });
    return "/sign-in?signedOut=1";
  },
});
