import type { Metadata } from "next";

export const metadata: Metadata = { title: "Your data is erased", robots: { index: false, follow: false } };

/** Where "Erase my data" leads: the session ended with the erasure, so nothing here is the donor's. */
export default function ForgottenPage() {
  return (
    <div className="mx-auto max-w-2xl space-y-6 px-4 py-12">
      <h1 className="font-serif text-3xl font-bold">Your data is erased</h1>
      <p>
        We have erased your name, email address, postal address, dedications and answers from every record we hold, unsubscribed you, and removed them from our
        payment processor&rsquo;s customer record.
      </p>
      <p>
        We keep each gift&rsquo;s amount, date, campaign and receipt number, which the law on financial records requires, with nothing that says who gave it.
      </p>
      <p>Thank you for your support.</p>
    </div>
  );
}
