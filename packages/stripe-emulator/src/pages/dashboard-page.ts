import type { EmulatorState } from "../state";
import type { DeliveryAttempt } from "../webhook-delivery";
import { formatAmount } from "../money";
import { html, page } from "./html";

/** `GET /stripe-emulator`: what the emulator has done lately, for people debugging test mode. */
export function dashboardPage(input: {
  state: EmulatorState;
  businessName: string;
  attempts: readonly DeliveryAttempt[];
  webhookUrl: string | null;
}): Response {
  const events = [...input.state.events].reverse().slice(0, 30);
  const lastAttempt = new Map(input.attempts.map((attempt) => [attempt.eventId, attempt]));
  const subscriptions = Object.values(input.state.subscriptions).reverse().slice(0, 20);
  const body = html`
<h1>Stripe emulator</h1>
<p>${input.businessName} is running without a Stripe key, so this emulator answers the Stripe API at
<code>/stripe-emulator/v1</code> and sends webhooks to <code>${input.webhookUrl ?? "(nowhere)"}</code>.</p>
<h2>Recent events</h2>
${
  events.length
    ? html`<table><thead><tr><th scope="col">Event</th><th scope="col">Type</th><th scope="col">Delivery</th></tr></thead><tbody>
${events.map((event) => {
  const attempt = lastAttempt.get(event.id);
  const delivery = event.pending_webhooks === 0 ? "delivered" : attempt ? `pending (last: ${attempt.status ?? attempt.error})` : "pending";
  return html`<tr><td><code>${event.id}</code></td><td>${event.type}</td><td>${delivery}</td></tr>`;
})}
</tbody></table>`
    : html`<p>No events yet.</p>`
}
<h2>Subscriptions</h2>
${
  subscriptions.length
    ? html`<table><thead><tr><th scope="col">Subscription</th><th scope="col">Status</th><th scope="col">Amount</th></tr></thead><tbody>
${subscriptions.map((subscription) => {
  const amount = subscription.items.data.reduce((sum, item) => sum + (item.price.unit_amount ?? 0) * (item.quantity ?? 1), 0);
  return html`<tr><td><code>${subscription.id}</code></td><td>${subscription.status}</td><td>${formatAmount(amount, subscription.currency)}</td></tr>`;
})}
</tbody></table>
<p>Bill the next month: <code>POST /stripe-emulator/test-helpers/subscriptions/&lt;id&gt;/renew</code> (or <code>/fail-renewal</code>).</p>`
    : html`<p>No subscriptions yet.</p>`
}`;
  return page({ title: "Stripe emulator", body });
}
