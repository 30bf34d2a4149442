import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Monthly giving", robots: { index: false, follow: false } };

/** Where the Stripe customer portal returns the donor. */
export default function ManageGivingDonePage() {
  return (
    <div className="mx-auto max-w-2xl space-y-6 px-4 py-12">
      <h1 className="font-serif text-3xl font-bold">Thank you for your support</h1>
      <p>Any change you made to your monthly gift is saved; you will get an email receipt with each payment.</p>
      <p>
        <Link href="/" className="font-semibold text-brand-700 underline">
          Back to the campaigns
        </Link>
      </p>
    </div>
  );
}
