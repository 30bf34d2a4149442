import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { auth } from "@/lib/auth/auth";
import { adminCallbackPath } from "@/lib/auth/admin-callback-path";
import { SignInForm } from "./sign-in-form";
import { SignOutButton } from "./sign-out-button";

export const metadata: Metadata = { title: "Staff sign-in", robots: { index: false } };

interface SignInPageProps {
  searchParams: Promise<{ callbackUrl?: string | string[]; signedOut?: string }>;
}

export default async function SignInPage({ searchParams }: SignInPageProps) {
  const params = await searchParams;
  const callbackUrl = adminCallbackPath(Array.isArray(params.callbackUrl) ? params.callbackUrl[0] : params.callbackUrl);
  const session = await auth();
  if (session?.user?.isAdmin) redirect(callbackUrl);

  return (
    <div className="mx-auto max-w-md space-y-6 px-4 py-12">
      <h1 className="font-serif text-3xl font-bold">Staff sign-in</h1>
      {params.signedOut ? (
        <p role="status" className="rounded bg-stone-100 p-3">
          You have signed out.
        </p>
      ) : null}
      {session?.user ? (
        <div className="space-y-3 rounded border border-stone-300 bg-white p-4">
          <p>{`You are signed in as ${session.user.email ?? "an unknown address"}, which does not have access to the admin.`}</p>
          <SignOutButton />
        </div>
      ) : null}
      <p className="text-muted">Enter your work email address and we will send you a link to sign in. There is no password.</p>
      <SignInForm callbackUrl={callbackUrl} />
    </div>
  );
}
