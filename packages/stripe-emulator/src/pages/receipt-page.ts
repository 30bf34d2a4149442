import { formatAmount } from "../money";
import { formatDate, html, page } from "./html";
import type { PageRequest } from "./page-request";

/** `GET /stripe-emulator/receipts/:charge`: what a charge's `receipt_url` shows. */
export function receiptPage(request: PageRequest): Response {
  const charge = request.state.charges[request.id];
  if (!charge || charge.status !== "succeeded") {
    return page({ title: "Not found", status: 404, body: html`<h1>Receipt not found</h1>` });
  }
  const card = charge.payment_method_details?.card;
  const body = html`
<p class="merchant">${request.businessName}</p>
<h1>Receipt</h1>
<p class="amount">${formatAmount(charge.amount, charge.currency)}</p>
<dl>
  <dt>Date</dt><dd>${formatDate(charge.created)}</dd>
  ${charge.description ? html`<dt>Description</dt><dd>${charge.description}</dd>` : ""}
  ${card ? html`<dt>Payment method</dt><dd>${(card.brand ?? "card").toUpperCase()} ending in ${card.last4}</dd>` : ""}
  ${charge.amount_refunded > 0 ? html`<dt>Refunded</dt><dd>${formatAmount(charge.amount_refunded, charge.currency)}</dd>` : ""}
</dl>`;
  return page({ title: "Receipt", body });
}
