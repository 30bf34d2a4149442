import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { getDb } from "@/db/client";
import { isStripeTestMode } from "@/lib/env";
import { orUnavailable } from "@/lib/http/database-unavailable";
import { contactHref, DEMO_ORGANISATION_NOTE, organisation, publicOrganisationDetails } from "@/lib/organisation/organisation";
import { loadGiftReceipt } from "@/lib/receipts/gift-receipt";
import { PrintButton } from "../../_components/print-button";

export const metadata: Metadata = { title: "Gift receipt", robots: { index: false, follow: false } };

interface ReceiptPageProps {
  params: Promise<{ token: string }>;
}

/**
 * A gift's receipt, opened from the link in the receipt email (the token is signed: a gift id
 * alone opens nothing). Printable: the site's header and footer are not printed, the page is
 * black on white.
 */
export default async function ReceiptPage({ params }: ReceiptPageProps) {
  await connection();
  const { token } = await params;
  const receipt = await orUnavailable(`/receipts/${encodeURIComponent(token)}`, async () => loadGiftReceipt(await getDb(), token));
  if (!receipt) notFound();
  const org = organisation();
  const details = publicOrganisationDetails(org);

  return (
    <article className="receipt mx-auto max-w-2xl space-y-8 px-4 py-12 print:max-w-none print:p-0" aria-labelledby="receipt-heading">
      {isStripeTestMode() ? (
        <p className="rounded-md border-2 border-amber-700 bg-amber-50 p-3 font-semibold text-amber-950">
          Test mode: this gift was made on Lantern&rsquo;s Stripe emulator. No money moved and this is not a tax receipt.
        </p>
      ) : null}
      <header className="space-y-4 border-b border-stone-300 pb-6">
        <address className="not-italic text-sm">
          <span className="block text-lg font-bold">{org.legalName}</span>
          {details.registrationNumber ? <span className="block">{details.registrationNumber}</span> : null}
          {details.demo ? <span className="block font-semibold">{DEMO_ORGANISATION_NOTE}</span> : null}
          {details.addressLines.map((line) => (
            <span key={line} className="block">
              {line}
            </span>
          ))}
          <a href={contactHref(org.contactEmail)} className="underline">
            {org.contactEmail}
          </a>
        </address>
        <h1 id="receipt-heading" className="font-serif text-3xl font-bold">
          {receipt.voided ? "Gift receipt: VOID" : "Gift receipt"}
        </h1>
      </header>

      {receipt.voided ? (
        <p data-testid="receipt-void" className="rounded-md border-2 border-red-800 p-3 text-lg font-bold text-red-800">
          VOID. This receipt was cancelled: the gift was recorded in error or did not reach us. It is not a receipt for tax purposes.
        </p>
      ) : null}

      <dl className="grid grid-cols-[auto_1fr] gap-x-8 gap-y-3">
        <dt className="font-semibold">Receipt number</dt>
        <dd data-testid="receipt-number">{`${receipt.receiptNumber ?? "Not numbered"}${receipt.voided ? " (VOID)" : ""}`}</dd>
        <dt className="font-semibold">Date</dt>
        <dd>{receipt.date}</dd>
        <dt className="font-semibold">Received from</dt>
        <dd>
          {receipt.donorName ?? receipt.donorEmail ?? "A donor"}
          {receipt.postalAddress ? (
            <address className="not-italic" data-testid="donor-address">
              {receipt.postalAddress.split("\n").map((line, index) => (
                <span key={index} className="block">
                  {line}
                </span>
              ))}
            </address>
          ) : null}
        </dd>
        <dt className="font-semibold">Amount</dt>
        <dd>{receipt.feeCovered ? `${receipt.amount} (including ${receipt.feeCovered} to cover card fees)` : receipt.amount}</dd>
        <dt className="font-semibold">Frequency</dt>
        <dd>{receipt.frequency === "monthly" ? "Monthly gift" : receipt.frequency === "yearly" ? "Yearly gift" : "One-off gift"}</dd>
        {receipt.method ? (
          <>
            <dt className="font-semibold">Paid by</dt>
            <dd>{receipt.method}</dd>
          </>
        ) : null}
        <dt className="font-semibold">Campaign</dt>
        <dd>{receipt.campaignTitle}</dd>
        {receipt.dedication ? (
          <>
            <dt className="font-semibold">Dedication</dt>
            <dd>{receipt.dedication}</dd>
          </>
        ) : null}
        {receipt.refunded ? (
          <>
            <dt className="font-semibold">Refunded</dt>
            <dd>{receipt.refunded}</dd>
          </>
        ) : null}
      </dl>

      <p className="border-t border-stone-300 pt-6">{org.taxStatement}</p>
      <p className="text-sm">
        Thank you for your support. Questions about this receipt? Contact us at{" "}
        <a href={contactHref(org.contactEmail, receipt.receiptNumber ? `Receipt ${receipt.receiptNumber}` : undefined)} className="underline">
          {org.contactEmail}
        </a>
        .
      </p>
      <PrintButton label="Print or save this receipt" />
      <p className="text-sm print:hidden">
        {"All your gifts and receipts, and any monthly gift: "}
        <a href="/donate/manage" className="font-semibold underline">
          Manage your giving
        </a>
        .
      </p>
    </article>
  );
}
