import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { randomUUID } from "node:crypto";
import { getDb } from "@/db/client";
import { roleCan } from "@/lib/auth/admin-roles";
import { isErasedAddress } from "@/lib/identity/erased-address";
import { requireAdmin } from "@/lib/auth/require-admin";
import { refundStatusText } from "@/lib/donations/gift-refunds";
import { GIFT_METHOD_LABELS } from "@/lib/donations/gift-methods";
import { dedicationText, formatGiftDate } from "@/lib/donations/gift-wording";
import { EMBED_KIND_LABELS } from "@/lib/embed/embed-kinds";
import { formatMoney, minorToDecimalString } from "@/lib/money/money";
import { REFUND_NOTE_MAX_LENGTH, REFUND_REASONS } from "@/lib/payments/refund-gift";
import { findAdminGift } from "@/lib/reports/admin-gift";
import { cell, DataTable, numericCell, row } from "../../_components/data-table";
import { formatDateTime } from "../../_components/format";
import { DonorActionForm } from "./donor-action-form";
import { RefundForm } from "./refund-form";

export const metadata: Metadata = { title: "Gift" };

const REFUND_COLUMNS = [{ label: "Requested" }, { label: "Amount", numeric: true }, { label: "Status" }, { label: "Stripe refund" }];

const REASON_OPTIONS = Object.entries(REFUND_REASONS).map(([value, label]) => ({ value, label }));

export default async function GiftPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const me = await requireAdmin("/admin/gifts/[id]", `/admin/gifts/${encodeURIComponent(id)}`);
  const gift = await findAdminGift(await getDb(), id);
  if (!gift) notFound();
  const money = (amount: number) => formatMoney(amount, gift.currency, { showCents: true });
  const settledMoney = (amount: number, currency: string) => `${formatMoney(amount, currency, { showCents: true })} ${currency}`;
  const donorLabel = gift.donor.name?.trim() || gift.donor.email || "an unnamed donor";
  const offline = gift.offline;

  const details: [string, React.ReactNode][] = [
    ["Receipt number", gift.receiptNumber ?? "None (recorded before receipt numbers)"],
    ["Receipt", offline?.voidedAt ? "VOID" : "Issued"],
    [offline ? "Received" : "Paid", offline ? formatGiftDate(gift.paidAt) : formatDateTime(gift.paidAt.toISOString())],
    ["Amount", `${money(gift.amount)}${gift.feeCoveredAmount > 0 ? ` (${money(gift.feeCoveredAmount)} of it to cover card fees)` : ""}`],
    ["Refunded", money(gift.refundedAmount)],
    // What Stripe kept, from its balance transactions (docs/admin.md "Fees and net after fees").
    ...(offline
      ? []
      : ([
          [
            "Stripe fees",
            gift.processingFeeAmount === null && gift.feeAmount === 0
              ? "Not recorded"
              : gift.processingFeeAmount === null
                ? `${money(gift.feeAmount)} on refunds and disputes; the payment's not recorded`
                : `${money(gift.feeAmount)}${gift.feeAmount !== gift.processingFeeAmount ? ` (${money(gift.processingFeeAmount)} on the payment, ${money(gift.feeAmount - gift.processingFeeAmount)} on refunds and disputes)` : ""}`,
          ],
          // The payment exactly as Stripe's balance received it, in the account's currency (docs/admin.md).
          [
            "Settled by Stripe",
            gift.settlement === null
              ? "Not recorded"
              : `${settledMoney(gift.settlement.amount, gift.settlement.currency)}, fee ${settledMoney(gift.settlement.fee, gift.settlement.currency)}, net ${settledMoney(gift.settlement.amount - gift.settlement.fee, gift.settlement.currency)}${gift.settlement.exchangeRate === null ? "" : ` (converted at ${gift.settlement.exchangeRate})`}`,
          ],
        ] as [string, React.ReactNode][])),
    ["Status", gift.status.map((label) => label.text).join("; ")],
    ["Kind", gift.kind === "recurring" ? "Monthly" : "Once"],
    ["Campaign", gift.campaign.title],
    ["Paid by", GIFT_METHOD_LABELS[gift.method]],
    ...(offline
      ? ([
          ["Reference", offline.reference ?? "None"],
          ["Entered by", offline.recordedBy ?? "Unknown"],
          ...(offline.correctedAt ? [["Last corrected", `${formatDateTime(offline.correctedAt.toISOString())} by ${offline.correctedBy ?? "unknown"}`]] : []),
          ...(offline.voidedAt
            ? [["Voided", `${formatDateTime(offline.voidedAt.toISOString())} by ${offline.voidedBy ?? "unknown"}: ${offline.voidReason ?? ""}`]]
            : []),
        ] as [string, string][])
      : ([["Given through", gift.embed ? `${EMBED_KIND_LABELS[gift.embed.kind]} on ${gift.embed.origin}` : "Lantern's own pages"]] as [string, string][])),
    ["Donor", `${donorLabel}${gift.anonymous ? " (gave anonymously: not named in public)" : ""}`],
    ["Donor email", gift.donor.email ?? "None given"],
  ];
  const dedication = dedicationText(gift.dedication);
  if (dedication) details.push(["Dedication", dedication]);
  if (gift.match) details.push(["Matched", `${money(gift.match.matchedAmount)} by ${gift.match.sponsorName}`]);
  for (const answer of gift.answers) details.push([answer.label, answer.answer]);
  if (gift.postalAddress)
    details.push([
      "Postal address",
      <span key="postal-address" className="whitespace-pre-line">
        {gift.postalAddress}
      </span>,
    ]);
  if (gift.recurring) details.push(["Monthly gift", `${money(gift.recurring.amount)} a month, ${gift.recurring.statusText}`]);
  if (gift.stripePaymentIntentId) details.push(["Stripe payment", gift.stripePaymentIntentId]);

  // An erased donor keeps a tombstone address (lib/identity/erased-address.ts) that nothing is ever sent to.
  const donorErased = gift.donor.email !== null && isErasedAddress(gift.donor.email);
  return (
    <div className="max-w-3xl space-y-8">
      <p>
        <Link href="/admin/gifts" className="font-semibold text-brand-700 underline">
          ← All gifts
        </Link>
      </p>
      <h1 className="font-serif text-3xl font-bold break-words">{`Gift of ${money(gift.amount)} from ${donorLabel}`}</h1>

      <section aria-labelledby="gift-details" className="space-y-3">
        <h2 id="gift-details" className="text-xl font-bold">
          Details
        </h2>
        <dl className="grid grid-cols-1 gap-x-6 gap-y-2 rounded-lg border border-stone-200 bg-white p-4 sm:grid-cols-[max-content_1fr]">
          {details.map(([term, description], index) => (
            <div key={`${index}:${term}`} className="contents">
              <dt className="font-semibold">{term}</dt>
              <dd className="mb-2 break-words sm:mb-0">{description}</dd>
            </div>
          ))}
        </dl>
      </section>

      {gift.refunds.length > 0 ? (
        <section aria-labelledby="gift-refunds" className="space-y-3">
          <h2 id="gift-refunds" className="text-xl font-bold">
            Refunds
          </h2>
          {gift.refunds.some((refund) => refund.status === "failed") ? (
            <p className="text-sm">
              A failed refund returned nothing to the donor: Stripe put the money back in your balance. If the donor should still be repaid, contact them.
            </p>
          ) : null}
          <DataTable caption="Refunds of this gift, oldest first" columns={REFUND_COLUMNS}>
            {gift.refunds.map((refund, index) => (
              <tr key={refund.stripeRefundId ?? `recorded-${index}`} className={row}>
                <td className={cell}>{refund.stripeRefundId ? formatDateTime(refund.refundedAt.toISOString()) : "Before refunds were listed one by one"}</td>
                <td className={numericCell}>{formatMoney(refund.amount, refund.currency, { showCents: true })}</td>
                <td className={cell}>{refundStatusText(refund)}</td>
                <td className={`${cell} break-all`}>{refund.stripeRefundId ?? "—"}</td>
              </tr>
            ))}
          </DataTable>
        </section>
      ) : null}

      {roleCan(me.role, "money") ? (
        <>
          <section aria-labelledby="gift-donor" className="space-y-3">
            <h2 id="gift-donor" className="text-xl font-bold">
              Help the donor
            </h2>
            {offline ? (
              <p>
                <Link href={`/admin/gifts/offline/${gift.id}`} className="font-semibold text-brand-700 underline">
                  {offline.voidedAt ? "See why this gift was voided" : "Correct or void this gift"}
                </Link>
              </p>
            ) : null}
            {donorErased ? (
              <p>This donor&rsquo;s personal data was erased at their request, so nothing can be sent to them.</p>
            ) : !gift.donor.email ? (
              <p>We have no email address for this donor, so nothing can be sent to them.</p>
            ) : gift.refundedAmount < gift.amount && !offline?.voidedAt ? (
              <DonorActionForm
                kind="resend-receipt"
                giftId={gift.id}
                requestId={randomUUID()}
                label="Resend the receipt"
                hint={`Emails this gift's receipt to ${gift.donor.email} again.`}
              />
            ) : null}
            {gift.donor.email && !donorErased ? (
              <DonorActionForm
                kind="manage-link"
                giftId={gift.id}
                requestId={randomUUID()}
                label="Email a link to manage their giving"
                hint="A single-use link to the donor's own giving page (their gifts and receipts; change or cancel a monthly gift), valid for an hour."
              />
            ) : null}
            {gift.recurring && !gift.recurring.ending ? (
              <DonorActionForm
                kind="cancel-monthly"
                giftId={gift.id}
                requestId={randomUUID()}
                label="Cancel their monthly gift"
                hint={`Stops the ${money(gift.recurring.amount)} monthly gift at the end of the period already paid for; nothing is refunded. The donor is emailed a confirmation.`}
              />
            ) : null}
          </section>

          <p>
            <Link href={`/admin/donors/${gift.donor.id}`} className="font-semibold underline">
              The donor&rsquo;s record
            </Link>
          </p>

          <section aria-labelledby="gift-refund" className="space-y-3">
            <h2 id="gift-refund" className="text-xl font-bold">
              Refund
            </h2>
            {offline ? (
              <p>This gift was not paid through Stripe, so Lantern cannot refund it. To take it out of the totals, void it.</p>
            ) : gift.disputeStatus ? (
              <p>This payment is disputed, so it cannot be refunded: the dispute decides where the money goes.</p>
            ) : gift.refundableAmount <= 0 ? (
              <p>This gift has been refunded in full.</p>
            ) : (
              <>
                <p className="text-sm">
                  Lantern asks Stripe for the refund; the gift and the campaign&apos;s total change when Stripe confirms it. The card fee is not returned by
                  Stripe.
                </p>
                <RefundForm
                  giftId={gift.id}
                  remainingText={minorToDecimalString(gift.refundableAmount, gift.currency)}
                  currency={gift.currency}
                  reasons={REASON_OPTIONS}
                  requestKey={randomUUID()}
                  noteMaxLength={REFUND_NOTE_MAX_LENGTH}
                />
              </>
            )}
          </section>
        </>
      ) : null}
    </div>
  );
}
