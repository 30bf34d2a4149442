import type { Metadata } from "next";
import { connection } from "next/server";
import { contactHref, organisation } from "@/lib/organisation/organisation";
import { verifyManageToken } from "@/lib/payments/manage-link";
import { ManageGivingForm } from "./manage-form";

export const metadata: Metadata = { title: "Manage monthly giving", robots: { index: false, follow: false } };

interface ManagePageProps {
  searchParams: Promise<{ token?: string | string[] }>;
}

/**
 * The "manage monthly giving" link in receipts lands here. Opening the Stripe portal is a
 * button (a POST), so mail scanners that follow links change nothing.
 */
export default async function ManageGivingPage({ searchParams }: ManagePageProps) {
  await connection();
  const { token } = await searchParams;
  const valid = typeof token === "string" && verifyManageToken(token) !== null;
  const { contactEmail } = organisation();
  return (
    <div className="mx-auto max-w-2xl space-y-6 px-4 py-12">
      <h1 className="font-serif text-3xl font-bold">Manage monthly giving</h1>
      {valid ? (
        <>
          <p>Update your card, change the amount you give each month, or cancel. You will manage your giving securely on Stripe.</p>
          <ManageGivingForm token={token} />
        </>
      ) : (
        <p role="alert">This link is not valid. Please use the &ldquo;Manage monthly giving&rdquo; link in your latest receipt.</p>
      )}
      <p className="text-sm text-muted">
        Questions about your giving? Contact us at{" "}
        <a href={contactHref(contactEmail)} className="font-semibold text-brand-700 underline">
          {contactEmail}
        </a>
        .
      </p>
    </div>
  );
}
