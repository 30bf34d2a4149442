"use server";

import { AuthError } from "next-auth";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db/client";
import { emailIdentity } from "@/lib/identity/email-identity";
import { isDatabaseUnavailable } from "@/db/database-errors";
import { BAD_FORM_MESSAGE, formDataOf } from "@/lib/http/form-input";
import { TRY_AGAIN_MESSAGE } from "@/lib/http/service-unavailable";
import { signIn, signOut } from "@/lib/auth/auth";
import { MAGIC_LINK_PROVIDER } from "@/lib/auth/auth-config";
import { adminCallbackPath } from "@/lib/auth/admin-callback-path";
import { SIGN_IN_PER_ADDRESS, SIGN_IN_PER_CLIENT } from "@/lib/rate-limit/rules";
import { clientAddress } from "@/lib/rate-limit/client-address";
import { consumeRateLimit } from "@/lib/rate-limit/rate-limit";

export interface SignInFormState {
  email: string;
  error?: string;
}

const signInRequest = z.object({
  email: z.string().trim().max(254, "That email address is too long.").pipe(z.email("Enter your email address, like name@example.org.")),
  callbackUrl: z.unknown().transform((value) => adminCallbackPath(value)),
});

/**
 * Asks Auth.js to email a sign-in link. Everybody who gives a well-formed address gets the same
 * answer (the "check your email" page); only admins are actually sent a link.
 */
export async function requestSignInLink(_previous: SignInFormState, submitted: FormData): Promise<SignInFormState> {
  const formData = formDataOf(submitted);
  if (!formData) return { email: "", error: BAD_FORM_MESSAGE };
  try {
    return await sendSignInLink(formData);
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    console.error("[auth] sign-in link not sent: database unavailable");
    return { email: typeof formData.get("email") === "string" ? String(formData.get("email")) : "", error: TRY_AGAIN_MESSAGE };
  }
}

async function sendSignInLink(formData: FormData): Promise<SignInFormState> {
  const typed = typeof formData.get("email") === "string" ? String(formData.get("email")) : "";
  const parsed = signInRequest.safeParse({ email: typed, callbackUrl: formData.get("callbackUrl") });
  if (!parsed.success) return { email: typed, error: parsed.error.issues[0]?.message ?? "Enter your email address." };
  const email = emailIdentity(parsed.data.email);

  const db = await getDb();
  const limits = [
    [SIGN_IN_PER_CLIENT, clientAddress(await headers())],
    [SIGN_IN_PER_ADDRESS, email],
  ] as const;
  for (const [rule, key] of limits) {
    const result = await consumeRateLimit(db, rule, key);
    if (!result.allowed) {
      const minutes = Math.ceil(result.retryAfterSeconds / 60);
      return { email: typed, error: `Too many sign-in requests. Try again in ${minutes} ${minutes === 1 ? "minute" : "minutes"}.` };
    }
  }

  try {
    await signIn(MAGIC_LINK_PROVIDER, { email, redirectTo: parsed.data.callbackUrl, redirect: false });
  } catch (error) {
    if (error instanceof AuthError) return { email: typed, error: "That address cannot be used to sign in. Check it and try again." };
    throw error;
  }
  redirect("/sign-in/check-email");
}

/** Ends the caller's own session (nothing to authorize: it only ever affects the caller). */
export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/sign-in?signedOut=1" });
}
