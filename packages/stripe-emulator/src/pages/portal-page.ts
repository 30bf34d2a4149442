import { formatAmount, MAXIMUM_AMOUNT, minimumChargeAmount, parseMajorAmount, currencyExponent } from "../money";
import { cancelSubscription, changeSubscriptionAmount, updateSubscription } from "../operations/subscriptions";
import { subscriptionAmount } from "../objects/subscription";
import { idOf, type WireSubscription } from "../wire";
import { formatDate, html, page, perInterval, redirect, type Html } from "./html";
import { formString, type PageRequest } from "./page-request";

const NOTICES: Record<string, string> = {
  updated: "Your monthly gift has been updated.",
  canceled: "Your monthly gift has been canceled.",
  "cancel-scheduled": "Your monthly gift will end at the end of the current period. You will not be charged again.",
  renewed: "Your monthly gift will continue.",
  unchanged: "That is already your monthly amount; nothing changed.",
};

function periodEnd(subscription: WireSubscription): number {
  return Math.max(...subscription.items.data.map((item) => item.current_period_end));
}

function majorUnits(amount: number, currency: string): string {
  const exponent = currencyExponent(currency);
  return (amount / 10 ** exponent).toFixed(exponent);
}

function describe(request: PageRequest, subscription: WireSubscription, errors: Record<string, string>): Html {
  const item = subscription.items.data[0];
  const recurring = item?.price.recurring;
  const currency = subscription.currency;
  const amount = subscriptionAmount(subscription);
  const every = recurring ? perInterval(recurring.interval, recurring.interval_count) : "";
  const product = item ? request.state.products[String(idOf(item.price.product))] : undefined;
  const title = product?.name ?? "Subscription";
  const headingId = `subscription-${subscription.id}`;
  const amountLabel = recurring?.interval === "month" && recurring.interval_count === 1 ? "Monthly amount" : `Amount ${every}`;
  const error = errors[subscription.id];
  let status: Html;
  if (subscription.status === "canceled") {
    status = html`<p>Canceled${subscription.ended_at ? ` on ${formatDate(subscription.ended_at)}` : ""}.</p>`;
  } else if (subscription.cancel_at_period_end) {
    status = html`<p>Ends on ${formatDate(periodEnd(subscription))}. You will not be charged again.</p>`;
  } else if (subscription.status === "past_due") {
    status = html`<p>Your last payment failed. We will try again soon.</p>`;
  } else {
    status = html`<p>Next payment on ${formatDate(periodEnd(subscription))}.</p>`;
  }
  const live = subscription.status !== "canceled";
  const action = `/stripe-emulator/portal/${request.id}`;
  return html`
<section class="subscription" aria-labelledby="${headingId}">
  <h2 id="${headingId}">${title}</h2>
  <p class="amount">${formatAmount(amount, currency)} <span class="muted">${every}</span></p>
  ${status}
  ${
    live && !subscription.cancel_at_period_end
      ? html`
  <form method="post" action="${action}">
    <input type="hidden" name="action" value="update">
    <input type="hidden" name="subscription" value="${subscription.id}">
    <label for="amount-${subscription.id}">${amountLabel}</label>
    <input id="amount-${subscription.id}" name="amount" type="text" inputmode="decimal" required value="${majorUnits(amount, currency)}"${error ? html` aria-invalid="true" aria-describedby="amount-error-${subscription.id}"` : ""}>
    ${error ? html`<p id="amount-error-${subscription.id}" class="error" role="alert">${error}</p>` : ""}
    <span class="muted">${currency.toUpperCase()}</span>
    <button type="submit" class="secondary">Update amount</button>
  </form>
  <form method="post" action="${action}">
    <input type="hidden" name="action" value="cancel">
    <input type="hidden" name="subscription" value="${subscription.id}">
    <button type="submit" class="danger">Cancel monthly gift</button>
  </form>`
      : ""
  }
  ${
    live && subscription.cancel_at_period_end
      ? html`
  <form method="post" action="${action}">
    <input type="hidden" name="action" value="renew">
    <input type="hidden" name="subscription" value="${subscription.id}">
    <button type="submit">Keep my monthly gift</button>
  </form>`
      : ""
  }
</section>`;
}

function render(request: PageRequest, errors: Record<string, string> = {}, status = 200): Response {
  const session = request.state.portalSessions[request.id];
  if (!session) return page({ title: "Not found", status: 404, body: html`<h1>Portal session not found</h1><p>This link is not valid.</p>` });
  const customer = request.state.customers[session.customer];
  const subscriptions = Object.values(request.state.subscriptions)
    .filter((subscription) => subscription.customer === session.customer)
    .reverse();
  const notice = NOTICES[request.query.get("done") ?? ""];
  const body = html`
<p class="merchant">${request.businessName}</p>
<h1>Your monthly giving</h1>
${customer?.email ? html`<p class="muted">Signed in as ${customer.email}</p>` : ""}
${notice ? html`<p class="notice" role="status">${notice}</p>` : ""}
${subscriptions.length ? subscriptions.map((subscription) => describe(request, subscription, errors)) : html`<p>You have no subscriptions.</p>`}
${session.return_url ? html`<p><a href="${session.return_url}">Return to ${request.businessName}</a></p>` : ""}
`;
  return page({ title: "Manage your monthly giving", body, status });
}

/**
 * `GET|POST /stripe-emulator/portal/:id`: the customer portal. Changes go through the same
 * operations as the API, so the app receives the same webhooks. Cancelling follows the session's
 * portal configuration (`features.subscription_cancel.mode`).
 */
export function portalPage(request: PageRequest): Response {
  const session = request.state.portalSessions[request.id];
  if (!session || request.method !== "POST") return render(request);
  const cancelMode = request.state.portalConfigurations[idOf(session.configuration) ?? ""]?.features.subscription_cancel.mode ?? "at_period_end";
  const subscription = request.state.subscriptions[formString(request.form, "subscription")];
  if (!subscription || subscription.customer !== session.customer) return render(request, {}, 404);
  const back = (done: string) => redirect(`/stripe-emulator/portal/${request.id}?done=${done}`);
  switch (formString(request.form, "action")) {
    case "cancel":
      if (subscription.status === "canceled") return back("canceled");
      if (cancelMode === "immediately") {
        cancelSubscription(request.context(), subscription);
        return back("canceled");
      }
      updateSubscription(request.context(), subscription, { cancelAtPeriodEnd: true });
      return back("cancel-scheduled");
    case "renew":
      if (subscription.status !== "canceled") updateSubscription(request.context(), subscription, { cancelAtPeriodEnd: false });
      return back("renewed");
    case "update": {
      const currency = subscription.currency;
      const amount = parseMajorAmount(formString(request.form, "amount"), currency);
      const minimum = minimumChargeAmount(currency) ?? 1;
      let error: string | null = null;
      if (amount === null) error = `Enter an amount, like ${formatAmount(10 * 10 ** currencyExponent(currency), currency)}.`;
      else if (amount < minimum) error = `The smallest amount is ${formatAmount(minimum, currency)}.`;
      else if (amount > MAXIMUM_AMOUNT) error = `The largest amount is ${formatAmount(MAXIMUM_AMOUNT, currency)}.`;
      if (error || amount === null) return render(request, { [subscription.id]: error ?? "" }, 400);
      if (subscription.status === "canceled") return back("canceled");
      if (amount === subscriptionAmount(subscription)) return back("unchanged");
      changeSubscriptionAmount(request.context(), subscription, amount);
      return back("updated");
    }
    default:
      return render(request, {}, 400);
  }
}
