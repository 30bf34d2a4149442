import type { Metadata } from "next";

export const metadata: Metadata = { title: "Monthly giving", robots: { index: false, follow: false } };

/** Where Stripe's customer portal returned donors before it returned them to their giving page; old portal sessions may still. */
export default function ManageGivingDonePage() {
  return (
    <div className="mx-auto max-w-2xl space-y-6 px-4 py-12">
      <h1 className="font-serif text-3xl font-bold">Thank you for your support</h1>
      <p>Any change you made on Stripe&rsquo;s page is saved.</p>
      <p>
        <a href="/donate/manage" className="font-semibold text-brand-700 underline">
          Back to your giving page
        </a>
      </p>
    </div>
  );
}
