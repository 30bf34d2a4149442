import type { Metadata } from "next";

export const metadata: Metadata = { title: "Check your email", robots: { index: false } };

/** The one answer everybody gets after asking for a link, admin or not. */
export default function CheckEmailPage() {
  return (
    <div className="mx-auto max-w-md space-y-4 px-4 py-12">
      <h1 className="font-serif text-3xl font-bold">Check your email</h1>
      <p>If that address may sign in to the admin, a sign-in link is on its way. It works once and expires in 24 hours.</p>
      <p className="text-muted">Nothing arrived after a few minutes? Check your spam folder, or ask an admin to give your address access.</p>
      <p>
        <a href="/sign-in" className="font-semibold text-brand-700 underline">
          Use another address
        </a>
      </p>
    </div>
  );
}
