import { evaluateCard } from "../cards";
import { bankDebitFor, evaluateIban, evaluateUsBankAccount, TEST_BANK_ACCOUNTS, type BankOutcome } from "../bank-accounts";
import { formatAmount } from "../money";
import { completeCheckoutSession, expireIfDue, successRedirect } from "../operations/checkout";
import { idOf, type WireCheckoutSession } from "../wire";
import { formString, type PageRequest } from "./page-request";
import { html, page, perInterval, redirect, type Html } from "./html";

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

interface FormState {
  email: string;
  name: string;
  /** "card", or the session's bank debit ("us_bank_account" for USD, "sepa_debit" for EUR). */
  method: string;
  routing?: string;
  account?: string;
  iban?: string;
  emailError?: string;
  cardError?: string;
  bankError?: string;
  /** The account holder's name, for a bank debit. */
  holder?: string;
  holderError?: string;
}

function summary(request: PageRequest, session: WireCheckoutSession): { lines: Html; total: Html } {
  const data = request.state.checkoutSessionData[session.id];
  const currency = session.currency ?? "usd";
  const items = data?.lineItems ?? [];
  const recurring = items.find((item) => item.price?.recurring)?.price?.recurring;
  const totalText = formatAmount(session.amount_total ?? 0, currency);
  const lines = items.map((item) => {
    const product = item.price ? request.state.products[String(idOf(item.price.product))] : undefined;
    const every = item.price?.recurring ? ` ${perInterval(item.price.recurring.interval, item.price.recurring.interval_count)}` : "";
    const quantity = item.quantity && item.quantity > 1 ? html` <span class="muted">× ${item.quantity}</span>` : "";
    return html`<li><span>${item.description}${quantity}${product?.description ? html`<br><span class="muted">${product.description}</span>` : ""}</span><span>${formatAmount(item.amount_total, currency)}${every}</span></li>`;
  });
  const total = recurring
    ? html`<p class="amount">${totalText} <span class="muted">${perInterval(recurring.interval, recurring.interval_count)}</span></p>`
    : html`<p class="amount">${totalText}</p>`;
  return { lines: html`<ul class="lines" aria-label="Order summary">${lines}</ul>`, total };
}

function prefilledEmail(request: PageRequest, session: WireCheckoutSession): string {
  if (session.customer_email) return session.customer_email;
  const customerId = idOf(session.customer);
  return (customerId && request.state.customers[customerId]?.email) || "";
}

/**
 * The page's words as Stripe's hosted Checkout picks them from `submit_type`: "Donate" for
 * `donate` (in payment and, since 2024-11-20, subscription mode), "Book", "Subscribe", and
 * "Pay" for `pay`; unset or `auto` is "Pay", or "Subscribe" for a subscription.
 */
export function checkoutWording(session: Pick<WireCheckoutSession, "mode" | "submit_type">, businessName: string): { heading: string; button: string } {
  const subscription = session.mode === "subscription";
  switch (session.submit_type) {
    case "donate":
      return { heading: `Donate to ${businessName}`, button: "Donate" };
    case "book":
      return { heading: `Book with ${businessName}`, button: "Book" };
    case "subscribe":
      return { heading: `Subscribe to ${businessName}`, button: "Subscribe" };
    case "pay":
      return { heading: `Pay ${businessName}`, button: "Pay" };
    default:
      return subscription ? { heading: `Subscribe to ${businessName}`, button: "Subscribe" } : { heading: `Pay ${businessName}`, button: "Pay" };
  }
}

function renderForm(request: PageRequest, session: WireCheckoutSession, form: FormState, status = 200): Response {
  const { lines, total } = summary(request, session);
  const { heading, button } = checkoutWording(session, request.businessName);
  const submitMessage = session.custom_text?.submit?.message;
  const afterSubmitMessage = session.custom_text?.after_submit?.message;
  const emailDescribedBy = form.emailError ? "email-error" : undefined;
  const cardDescribedBy = ["card-hint", form.cardError ? "card-error" : null].filter(Boolean).join(" ");
  // Checkout shows what the account enables: here a US bank account for USD and SEPA Direct Debit for EUR, one-off and recurring.
  const bank = bankDebitFor(session.currency ?? "usd");
  const holderDescribedBy = form.holderError ? html` aria-invalid="true" aria-describedby="holder-error"` : "";
  const body = html`
<h1>${heading}</h1>
${total}
${lines}
<form method="post" action="/stripe-emulator/checkout/${session.id}">
  <label for="email">Email</label>
  <input id="email" name="email" type="email" autocomplete="email" required value="${form.email}"${form.emailError ? html` aria-invalid="true" aria-describedby="${emailDescribedBy}"` : ""}>
  ${form.emailError ? html`<p id="email-error" class="error" role="alert">${form.emailError}</p>` : ""}
  ${
    bank
      ? html`<fieldset>
    <legend>Payment method</legend>
    <label><input type="radio" name="payment_method" value="card"${form.method === "card" ? " checked" : ""}> Card</label>
    <label><input type="radio" name="payment_method" value="${bank}"${form.method === bank ? " checked" : ""}> ${bank === "us_bank_account" ? "US bank account" : "SEPA Direct Debit"}</label>
  </fieldset>`
      : ""
  }
  <label for="card-number">Card number</label>
  <input id="card-number" name="card_number" type="text" inputmode="numeric" autocomplete="cc-number"${bank ? "" : " required"} aria-describedby="${cardDescribedBy}"${form.cardError ? html` aria-invalid="true"` : ""}>
  ${form.cardError ? html`<p id="card-error" class="error" role="alert">${form.cardError}</p>` : ""}
  <p id="card-hint" class="muted">Test cards: 4242 4242 4242 4242 succeeds, 4000 0000 0000 0002 is declined, 4000 0000 0000 9995 has insufficient funds.</p>
  <label for="card-name">Name on card <span class="muted">(optional)</span></label>
  <input id="card-name" name="name" type="text" autocomplete="cc-name" value="${form.name}">
  ${
    bank === "us_bank_account"
      ? html`
  <label for="routing-number">Routing number</label>
  <input id="routing-number" name="routing_number" type="text" inputmode="numeric" value="${form.routing ?? ""}" aria-describedby="bank-hint${form.bankError ? " bank-error" : ""}"${form.bankError ? html` aria-invalid="true"` : ""}>
  <label for="account-number">Account number</label>
  <input id="account-number" name="account_number" type="text" inputmode="numeric" value="${form.account ?? ""}" aria-describedby="bank-hint${form.bankError ? " bank-error" : ""}"${form.bankError ? html` aria-invalid="true"` : ""}>
  <p id="bank-hint" class="muted">Test bank account: routing ${TEST_BANK_ACCOUNTS.usRoutingNumber}; account ${TEST_BANK_ACCOUNTS.usSuccess} succeeds, ${TEST_BANK_ACCOUNTS.usFailure} fails, about 4 business days later on the test clock.</p>
  <label for="account-holder">Account holder name</label>
  <input id="account-holder" name="account_holder_name" type="text" autocomplete="name" value="${form.holder ?? ""}"${holderDescribedBy}>
  ${form.holderError ? html`<p id="holder-error" class="error" role="alert">${form.holderError}</p>` : ""}`
      : ""
  }
  ${
    bank === "sepa_debit"
      ? html`
  <label for="iban">IBAN</label>
  <input id="iban" name="iban" type="text" value="${form.iban ?? ""}" aria-describedby="bank-hint${form.bankError ? " bank-error" : ""}"${form.bankError ? html` aria-invalid="true"` : ""}>
  <p id="bank-hint" class="muted">Test IBANs: ${TEST_BANK_ACCOUNTS.sepaSuccess} succeeds, ${TEST_BANK_ACCOUNTS.sepaFailure} fails, about 5 business days later on the test clock.</p>
  <label for="account-holder">Account holder name</label>
  <input id="account-holder" name="account_holder_name" type="text" autocomplete="name" value="${form.holder ?? ""}"${holderDescribedBy}>
  ${form.holderError ? html`<p id="holder-error" class="error" role="alert">${form.holderError}</p>` : ""}`
      : ""
  }
  ${form.bankError ? html`<p id="bank-error" class="error" role="alert">${form.bankError}</p>` : ""}
  ${submitMessage ? html`<p id="submit-message" class="muted">${submitMessage}</p>` : ""}
  <button type="submit"${submitMessage ? html` aria-describedby="submit-message"` : ""}>${button}</button>
  ${afterSubmitMessage ? html`<p class="muted">${afterSubmitMessage}</p>` : ""}
</form>
${session.cancel_url ? html`<p><a href="${session.cancel_url}">Back</a></p>` : ""}
`;
  return page({ title: heading, body, status });
}

function renderClosed(session: WireCheckoutSession): Response {
  if (session.status === "complete") {
    const next = successRedirect(session);
    return page({
      title: "Payment complete",
      body: html`<h1>Payment complete</h1><p>This checkout session has already been paid.</p>${next ? html`<p><a href="${next}">Continue</a></p>` : ""}`,
    });
  }
  return page({
    title: "Checkout expired",
    status: 410,
    body: html`<h1>This checkout session has expired</h1><p>Nothing was charged. Start again from the site.</p>${session.cancel_url ? html`<p><a href="${session.cancel_url}">Back</a></p>` : ""}`,
  });
}

/** `GET|POST /stripe-emulator/checkout/:id`: the hosted Checkout page. */
export function checkoutPage(request: PageRequest): Response {
  const session = request.state.checkoutSessions[request.id];
  if (!session) {
    return page({ title: "Not found", status: 404, body: html`<h1>Checkout session not found</h1><p>This payment link is not valid.</p>` });
  }
  if (session.status === "open" && request.now >= session.expires_at) expireIfDue(request.context(), session);
  if (session.status !== "open") {
    // A second click on Pay after success lands where the first one did.
    const next = successRedirect(session);
    if (request.method === "POST" && session.status === "complete" && next) return redirect(next);
    return renderClosed(session);
  }
  if (request.method !== "POST") return renderForm(request, session, { email: prefilledEmail(request, session), name: "", method: "card" });

  const email = formString(request.form, "email");
  const name = formString(request.form, "name");
  const bank = bankDebitFor(session.currency ?? "usd");
  const chosen = formString(request.form, "payment_method") || "card";
  const method = bank && chosen === bank ? bank : "card";
  const form: FormState = {
    email,
    name,
    method,
    routing: formString(request.form, "routing_number"),
    account: formString(request.form, "account_number"),
    iban: formString(request.form, "iban"),
    holder: formString(request.form, "account_holder_name"),
  };
  if (!email) form.emailError = "Your email address is incomplete.";
  else if (!EMAIL.test(email)) form.emailError = "Your email address is invalid.";
  if (method !== "card") {
    const outcome: BankOutcome = method === "us_bank_account" ? evaluateUsBankAccount(form.routing ?? "", form.account ?? "") : evaluateIban(form.iban ?? "");
    if (!outcome.ok) form.bankError = outcome.message;
    // Stripe requires the account holder's name for a bank debit (billing_details[name]; the mandate names them).
    if (!form.holder) form.holderError = "The account holder's name is required.";
    if (form.emailError || !outcome.ok || form.holderError) return renderForm(request, session, form, 400);
    completeCheckoutSession(request.context(), session, { email, name: form.holder ?? null, bankAccount: outcome.account });
  } else {
    const outcome = evaluateCard(formString(request.form, "card_number"), request.now);
    if (!outcome.ok) form.cardError = outcome.message;
    if (form.emailError || !outcome.ok) {
      // Declines are card errors (402 in the API); a declined or invalid card records nothing.
      const declined = !outcome.ok && outcome.code === "card_declined";
      return renderForm(request, session, form, declined ? 402 : 400);
    }
    completeCheckoutSession(request.context(), session, { email, name: name || null, card: outcome.card });
  }
  const next = successRedirect(session);
  if (next) return redirect(next);
  return page({ title: "Payment complete", body: html`<h1>Payment complete</h1><p>Thank you. A receipt is on its way to ${email}.</p>` });
}
