import { formatGiftDate } from "@/lib/donations/gift-wording";
import { formatMoney } from "@/lib/money/money";
import type { DonorData } from "./donor-data";

/*
 * The readable copy of "Download my data": one self-contained HTML page (no scripts, no outside
 * resources) with a table per kind of record, so it opens and prints from a downloads folder.
 */

const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (character) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[character] ?? character);

const text = (value: string | null | undefined) => (value ? escapeHtml(value) : "—");
const day = (isoDate: string | null) => (isoDate ? escapeHtml(formatGiftDate(new Date(isoDate))) : "—");
const money = (amount: number, currency: string) => escapeHtml(formatMoney(amount, currency, { showCents: true }));
const dedication = (value: { kind: "in_honour" | "in_memory"; name: string } | null) =>
  value ? `${value.kind === "in_memory" ? "In memory of" : "In honour of"} ${escapeHtml(value.name)}` : "—";

function table(id: string, title: string, empty: string, headings: string[], rows: string[][]): string {
  const heading = `<h2 id="${id}">${escapeHtml(title)}</h2>`;
  if (rows.length === 0) return `<section aria-labelledby="${id}">${heading}<p>${escapeHtml(empty)}</p></section>`;
  const head = headings.map((cell) => `<th scope="col">${escapeHtml(cell)}</th>`).join("");
  const body = rows.map((row) => `<tr>${row.map((cell) => `<td>${cell}</td>`).join("")}</tr>`).join("\n");
  return `<section aria-labelledby="${id}">${heading}<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table></section>`;
}

export function donorDataHtml(data: DonorData, organisationName: string): string {
  const { donor } = data;
  const sections = [
    `<section aria-labelledby="you"><h2 id="you">You</h2><dl>
<dt>Email</dt><dd>${text(donor.email)}</dd>
<dt>Name</dt><dd>${text(donor.name)}</dd>
<dt>First seen</dt><dd>${day(donor.createdAt)}</dd>
<dt>Payment processor customer</dt><dd>${text(donor.stripeCustomerId)}</dd>
</dl></section>`,
    table(
      "gifts",
      "Gifts",
      "No gifts.",
      ["Date", "Receipt", "Campaign", "Amount", "Refunded", "Dedication", "Answers", "Postal address", "Anonymous"],
      data.gifts.map((gift) => [
        day(gift.paidAt),
        `${text(gift.receiptNumber)}${gift.voided ? " (void)" : ""}`,
        text(gift.campaign),
        money(gift.amount, gift.currency),
        gift.refundedAmount > 0 ? money(gift.refundedAmount, gift.currency) : "—",
        dedication(gift.dedication),
        gift.answers.length > 0 ? gift.answers.map((answer) => `${escapeHtml(answer.label)}: ${escapeHtml(answer.answer)}`).join("<br>") : "—",
        text(gift.postalAddress),
        gift.anonymous ? "Yes" : "No",
      ]),
    ),
    table(
      "recurring",
      "Monthly and yearly gifts",
      "No monthly or yearly gifts.",
      ["Started", "Campaign", "Amount", "Every", "Status", "Ended", "Dedication"],
      data.recurringGifts.map((gift) => [
        day(gift.startedAt),
        text(gift.campaign),
        money(gift.amount, gift.currency),
        text(gift.interval),
        text(gift.status),
        day(gift.endedAt),
        dedication(gift.dedication),
      ]),
    ),
    table(
      "in-flight",
      "Bank debits",
      "No bank debits.",
      ["Started", "Campaign", "Amount", "Status", "Email", "Name"],
      data.giftsInFlight.map((gift) => [
        day(gift.createdAt),
        text(gift.campaign),
        money(gift.amount, gift.currency),
        text(gift.status),
        text(gift.email),
        text(gift.name),
      ]),
    ),
    table(
      "subscriptions",
      "Email updates",
      "You never signed up for email updates.",
      ["Email", "First name", "Status", "Signed up on", "What you agreed to", "Agreed", "Confirmed", "Unsubscribed"],
      data.subscriptions.map((row) => [
        text(row.email),
        text(row.firstName),
        text(row.status),
        text(row.source),
        text(row.consentText),
        day(row.consentedAt),
        day(row.confirmedAt),
        day(row.unsubscribedAt),
      ]),
    ),
    table(
      "emails",
      "Emails we sent you",
      "No emails.",
      ["Queued", "Sent", "Subject", "To", "Status"],
      // The subject is written when the email is sent; until then, which email it is.
      data.emails.map((row) => [day(row.queuedAt), day(row.sentAt), text(row.subject ?? `${row.template} (not sent yet)`), text(row.to), text(row.status)]),
    ),
    table(
      "links",
      "Links to your giving page we emailed you",
      "None.",
      ["Sent", "Used"],
      data.manageLinks.map((row) => [day(row.sentAt), day(row.usedAt)]),
    ),
  ];
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Your data at ${escapeHtml(organisationName)}</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;line-height:1.5;color:#1c1917}table{border-collapse:collapse;margin-bottom:1rem}th,td{border:1px solid #a8a29e;padding:.25rem .5rem;text-align:left;vertical-align:top}dt{font-weight:bold}</style>
</head>
<body>
<main>
<h1>Your data at ${escapeHtml(organisationName)}</h1>
<p>Everything we hold about you, as of ${day(data.exportedAt)}. The same data, for computers, is in the JSON download.</p>
${sections.join("\n")}
</main>
</body>
</html>
`;
}
