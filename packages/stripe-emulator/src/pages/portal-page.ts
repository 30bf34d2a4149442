import { formatAmount } from "../money";
import { cancelSubscription, updateSubscription } from "../operations/subscriptions";
import { subscriptionAmount } from "../objects/subscription";
import { idOf, type WirePortalConfiguration, type WirePortalSession, type WirePrice, type WireSubscription } from "../wire";
import { formatDate, html, page, perInterval, redirect, type Html } from "./html";
import { formString, type PageRequest } from "./page-request";

const NOTICES: Record<string, string> = {
  updated: "Your subscription has been switched to the new price.",
  canceled: "Your monthly gift has been canceled.",
  "cancel-scheduled": "Your monthly gift will end at the end of the current period. You will not be charged again.",
  renewed: "Your monthly gift will continue.",
  unchanged: "That is already your price; nothing changed.",
};

/** The portal cannot type in an amount: like Stripe's, it only switches to a price its configuration lists. */
export const NO_AMOUNT_CHANGES = "This portal cannot set an amount. It can only switch to a price listed in the portal's settings.";

/** The prices this portal may switch the subscription's item to (`features.subscription_update.products`), the current one left out. */
function switchablePrices(request: PageRequest, configuration: WirePortalConfiguration | undefined, subscription: WireSubscription): WirePrice[] {
  const update = configuration?.features.subscription_update;
  const item = subscription.items.data[0];
  if (!update?.enabled || !update.default_allowed_updates.includes("price") || !item || subscription.items.data.length !== 1) return [];
  const product = String(idOf(item.price.product));
  const listed = update.products?.find((entry) => entry.product === product)?.prices ?? [];
  return listed
    .map((id) => request.state.prices[id])
    .filter((price): price is WirePrice => Boolean(price?.active && price.recurring && price.currency === item.price.currency && price.id !== item.price.id));
}

function periodEnd(subscription: WireSubscription): number {
  return Math.max(...subscription.items.data.map((item) => item.current_period_end));
}

function describe(
  request: PageRequest,
  configuration: WirePortalConfiguration | undefined,
  subscription: WireSubscription,
  errors: Record<string, string>,
): Html {
  const prices = switchablePrices(request, configuration, subscription);
  const item = subscription.items.data[0];
  const recurring = item?.price.recurring;
  const currency = subscription.currency;
  const amount = subscriptionAmount(subscription);
  const every = recurring ? perInterval(recurring.interval, recurring.interval_count) : "";
  const product = item ? request.state.products[String(idOf(item.price.product))] : undefined;
  const title = product?.name ?? "Subscription";
  const headingId = `subscription-${subscription.id}`;
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
  ${
    prices.length
      ? html`
  <form method="post" action="${action}">
    <input type="hidden" name="action" value="update">
    <input type="hidden" name="subscription" value="${subscription.id}">
    <label for="price-${subscription.id}">Switch to</label>
    <select id="price-${subscription.id}" name="price"${error ? html` aria-invalid="true" aria-describedby="price-error-${subscription.id}"` : ""}>
      ${prices.map((price) => html`<option value="${price.id}">${formatAmount(price.unit_amount ?? 0, price.currency)} ${price.recurring ? perInterval(price.recurring.interval, price.recurring.interval_count) : ""}</option>`)}
    </select>
    ${error ? html`<p id="price-error-${subscription.id}" class="error" role="alert">${error}</p>` : ""}
    <button type="submit" class="secondary">Update plan</button>
  </form>`
      : error
        ? html`<p class="error" role="alert">${error}</p>`
        : ""
  }
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
  const configuration = request.state.portalConfigurations[idOf(session.configuration) ?? ""];
  const subscriptions = Object.values(request.state.subscriptions)
    .filter((subscription) => subscription.customer === session.customer)
    .reverse();
  const notice = NOTICES[request.query.get("done") ?? ""];
  const body = html`
<p class="merchant">${request.businessName}</p>
<h1>Your monthly giving</h1>
${customer?.email ? html`<p class="muted">Signed in as ${customer.email}</p>` : ""}
${notice ? html`<p class="notice" role="status">${notice}</p>` : ""}
${subscriptions.length ? subscriptions.map((subscription) => describe(request, configuration, subscription, errors)) : html`<p>You have no subscriptions.</p>`}
${session.return_url ? html`<p><a href="${session.return_url}">Return to ${request.businessName}</a></p>` : ""}
`;
  return page({ title: "Manage your monthly giving", body, status });
}

/**
 * Like Stripe's, a portal session is short-lived: its link must be opened within 5 minutes of
 * its creation (the app creates one when the donor presses "Update card"), and once opened it
 * works for an hour. A copied or leaked link is soon worth nothing.
 */
export const PORTAL_LINK_LIFETIME_SECONDS = 5 * 60;
export const PORTAL_SESSION_LIFETIME_SECONDS = 60 * 60;

/** Whether the session is usable now; the first use within the link's lifetime opens it. */
function isOpen(request: PageRequest, session: WirePortalSession): boolean {
  const opened = request.state.portalSessionsOpenedAt[session.id];
  if (opened !== undefined) return request.now - opened < PORTAL_SESSION_LIFETIME_SECONDS;
  if (request.now - session.created >= PORTAL_LINK_LIFETIME_SECONDS) return false;
  request.state.portalSessionsOpenedAt[session.id] = request.now;
  return true;
}

function expired(request: PageRequest, session: WirePortalSession): Response {
  const body = html`
<p class="merchant">${request.businessName}</p>
<h1>This session has expired</h1>
<p>For your security, links to manage your monthly giving work for a short time only.</p>
${session.return_url ? html`<p><a href="${session.return_url}">Return to ${request.businessName} and open it again</a></p>` : ""}`;
  return page({ title: "Session expired", status: 410, body });
}

/**
 * `GET|POST /stripe-emulator/portal/:id`: the customer portal. Changes go through the same
 * operations as the API, so the app receives the same webhooks. Cancelling follows the session's
 * portal configuration (`features.subscription_cancel.mode`).
 */
export function portalPage(request: PageRequest): Response {
  const session = request.state.portalSessions[request.id];
  if (session && !isOpen(request, session)) return expired(request, session);
  if (!session || request.method !== "POST") return render(request);
  const configuration = request.state.portalConfigurations[idOf(session.configuration) ?? ""];
  const cancelMode = configuration?.features.subscription_cancel.mode ?? "at_period_end";
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
      // Stripe's portal has no amount field: a price id from the configuration is all it takes.
      if (subscription.status === "canceled") return back("canceled");
      const wanted = formString(request.form, "price");
      if (wanted === subscription.items.data[0]?.price.id) return back("unchanged");
      const price = switchablePrices(request, configuration, subscription).find((candidate) => candidate.id === wanted);
      if (!price) return render(request, { [subscription.id]: NO_AMOUNT_CHANGES }, 400);
      const item = subscription.items.data[0]!;
      updateSubscription(request.context(), subscription, {
        items: [{ id: item.id, path: "items[0]", price: price.id, quantity: 1 }],
        prorationBehavior: "none",
      });
      return back("updated");
    }
    default:
      return render(request, {}, 400);
  }
}
