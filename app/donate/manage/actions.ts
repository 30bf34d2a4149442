"use server";

import { cookies, headers } from "next/headers";
import { refresh } from "next/cache";
import { redirect, unstable_rethrow } from "next/navigation";
import { after } from "next/server";
import { getDb } from "@/db/client";
import { emailGivingStatementToDonor, isStatementYear } from "@/lib/donations/giving-statement";
import { resendReceipt } from "@/lib/donations/resend-receipt";
import { cancelMonthlyGift, keepMonthlyGift } from "@/lib/donors/cancel-monthly-gift";
import { changeMonthlyAmount } from "@/lib/donors/change-monthly-amount";
import { donorWithManageAccess, endManageSession } from "@/lib/donors/manage-access";
import { MANAGE_SESSION_COOKIE, signManageSession } from "@/lib/donors/manage-session";
import { giftOfDonor, monthlyGiftOfDonor, parseMonthlyAmount } from "@/lib/donors/manage-page";
import { openManageLink } from "@/lib/donors/open-manage-link";
import { requestManageLink } from "@/lib/donors/request-manage-link";
import { sendManageLink } from "@/lib/donors/send-manage-link";
import { env, manageTokenSecret } from "@/lib/env";
import { BAD_FORM_MESSAGE, formDataOf } from "@/lib/http/form-input";
import { customerPortalUrl } from "@/lib/payments/customer-portal";
import { describeStripeError, stripe } from "@/lib/payments/stripe-client";
import { clientAddress } from "@/lib/rate-limit/client-address";
import { consumeRateLimit } from "@/lib/rate-limit/rate-limit";
import { privateRateLimitKey } from "@/lib/rate-limit/private-key";
import { RECEIPT_RESEND_LIMIT_PER_DONOR } from "@/lib/rate-limit/rules";

/*
 * The giving page's actions. Each is a public POST endpoint, so each checks access itself: the
 * receipt's signed token sent with the form, or the session cookie an emailed link started;
 * then that the gift belongs to that donor. The work is in lib/donors.
 */

export interface FormResult {
  error: string | null;
  notice: string | null;
  /** The field the error is about, when it is about one. */
  field?: "amount";
  /** "Cancel monthly gift" was pressed once: show the second step (nothing was changed). */
  confirmCancel?: boolean;
}

const NO_ACCESS = "Your access to this page has expired. Please ask for a new link below.";
const FAILED = "Something went wrong on our side. Nothing was changed; please try again in a moment.";

async function donorOf(formData: FormData): Promise<string | null> {
  const db = await getDb();
  return donorWithManageAccess(db, stripe(), { receiptToken: formData.get("token"), session: (await cookies()).get(MANAGE_SESSION_COOKIE)?.value });
}

function field(formData: FormData, name: string): string {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
}

/** "Email me a link": the same answer for every well-formed address; the sending happens after the response. */
export async function requestManageLinkAction(_previous: FormResult & { email: string }, submitted: FormData): Promise<FormResult & { email: string }> {
  const formData = formDataOf(submitted);
  if (!formData) return { error: BAD_FORM_MESSAGE, notice: null, email: "" };
  const typed = field(formData, "email");
  try {
    const db = await getDb();
    const outcome = await requestManageLink(db, { email: typed, client: clientAddress(await headers()) }, manageTokenSecret());
    if (outcome.kind !== "accepted") return { error: outcome.message, notice: null, email: typed };
    after(async () => {
      try {
        await sendManageLink(outcome.email, { db });
      } catch (error) {
        console.error(`[donors] manage link not sent: ${error instanceof Error ? error.message : String(error)}`);
      }
    });
    return { error: null, notice: outcome.message, email: "" };
  } catch (error) {
    console.error(`[donors] manage link request failed: ${error instanceof Error ? error.message : String(error)}`);
    return { error: FAILED, notice: null, email: typed };
  }
}

/** Uses an emailed link (a button, so mail scanners that follow links use up nothing), then starts the session. */
export async function openManageLinkAction(_previous: FormResult, submitted: FormData): Promise<FormResult> {
  const formData = formDataOf(submitted);
  if (!formData) return { error: BAD_FORM_MESSAGE, notice: null };
  const opened = await openManageLink(await getDb(), formData.get("link"));
  if (!opened) return { error: "This link has expired or has already been used. Please ask for a new one below.", notice: null };
  const session = signManageSession(opened.sessionId, manageTokenSecret());
  (await cookies()).set(MANAGE_SESSION_COOKIE, session.value, {
    httpOnly: true,
    sameSite: "lax",
    secure: new URL(env().APP_URL).protocol === "https:",
    path: "/donate/manage",
    expires: session.expires,
  });
  redirect("/donate/manage");
}

/** Ends the session: on the server (a copied cookie opens nothing more), then on this browser. */
export async function leaveManagePageAction(): Promise<void> {
  const jar = await cookies();
  await endManageSession(await getDb(), jar.get(MANAGE_SESSION_COOKIE)?.value);
  jar.delete({ name: MANAGE_SESSION_COOKIE, path: "/donate/manage" });
  redirect("/donate/manage");
}

type GiftAction = (donorId: string, giftId: string, formData: FormData) => Promise<FormResult>;

function forOwnGift(act: GiftAction) {
  return async (_previous: FormResult, submitted: FormData): Promise<FormResult> => {
    const formData = formDataOf(submitted);
    if (!formData) return { error: BAD_FORM_MESSAGE, notice: null };
    try {
      const donorId = await donorOf(formData);
      if (!donorId) return { error: NO_ACCESS, notice: null };
      return await act(donorId, field(formData, "gift"), formData);
    } catch (error) {
      unstable_rethrow(error); // redirect() to Stripe's portal is thrown, not failed
      console.error(`[donors] giving page action failed: ${error instanceof Error ? error.message : String(error)}`);
      return { error: FAILED, notice: null };
    }
  };
}

const changeMonthlyAmountAction: GiftAction = async (donorId, giftId, formData) => {
  const db = await getDb();
  const gift = await monthlyGiftOfDonor(db, donorId, giftId);
  if (!gift) return { error: "We could not find that monthly gift.", notice: null };
  const amount = parseMonthlyAmount(field(formData, "amount"), gift.currency);
  if (!amount.ok) return { error: amount.message, notice: null, field: "amount" };
  const result = await changeMonthlyAmount(gift.id, amount.value, { db, requestId: field(formData, "request") });
  if (!result.ok) return { error: result.message, notice: null, ...(result.reason === "invalid-amount" ? { field: "amount" as const } : {}) };
  refresh();
  return { error: null, notice: result.changed ? "Your new monthly amount is saved. It applies from your next payment; nothing is charged today. We have emailed you a confirmation." : "That is already your monthly amount; nothing changed." };
};

const cancelMonthlyGiftAction: GiftAction = async (donorId, giftId, formData) => {
  const db = await getDb();
  const gift = await monthlyGiftOfDonor(db, donorId, giftId);
  if (!gift) return { error: "We could not find that monthly gift.", notice: null };
  // Two steps: the first only asks (and offers to keep or change the gift instead).
  if (field(formData, "confirmed") !== "yes") return { error: null, notice: null, confirmCancel: true };
  const result = await cancelMonthlyGift(gift.id, { db, requestId: field(formData, "request") });
  if (!result.ok) return { error: result.message, notice: null };
  refresh();
  return { error: null, notice: "Your monthly gift is cancelled. You will not be charged again. We have emailed you a confirmation." };
};

const keepMonthlyGiftAction: GiftAction = async (donorId, giftId, formData) => {
  const db = await getDb();
  const gift = await monthlyGiftOfDonor(db, donorId, giftId);
  if (!gift) return { error: "We could not find that monthly gift.", notice: null };
  const result = await keepMonthlyGift(gift.id, { db, requestId: field(formData, "request") });
  if (!result.ok) return { error: result.message, notice: null };
  refresh();
  return { error: null, notice: "Thank you! Your monthly gift will continue. We have emailed you a confirmation." };
};

/** A receipt again, at most 10 an hour per donor (each goes to the donor's own address). */

export const resendReceiptAction = forOwnGift(async (donorId, giftId, formData) => {
  const db = await getDb();
  const gift = await giftOfDonor(db, donorId, giftId);
  if (!gift) return { error: "We could not find that gift.", notice: null };
  const limit = await consumeRateLimit(db, RECEIPT_RESEND_LIMIT_PER_DONOR, privateRateLimitKey("receipt-resend", donorId, manageTokenSecret()));
  if (!limit.allowed) return { error: "You have asked for many receipts in the last hour. Please try again later.", notice: null };
  const result = await resendReceipt(gift.id, { db, requestId: field(formData, "request") });
  return result.ok ? { error: null, notice: "We have emailed you this receipt." } : { error: result.message, notice: null };
});

/** Stripe's portal, for the one thing done there: updating the card. */
const updateCardAction: GiftAction = async (donorId, giftId, formData) => {
  const db = await getDb();
  const gift = await monthlyGiftOfDonor(db, donorId, giftId);
  if (!gift) return { error: "We could not find that monthly gift.", notice: null };
  let url: string;
  try {
    const subscription = await stripe().subscriptions.retrieve(gift.stripeSubscriptionId);
    const customerId = typeof subscription.customer === "string" ? subscription.customer : subscription.customer.id;
    const token = field(formData, "token");
    const back = new URL(token ? `/donate/manage?token=${encodeURIComponent(token)}` : "/donate/manage", env().APP_URL).toString();
    url = await customerPortalUrl(stripe(), customerId, back);
  } catch (error) {
    console.error(`[payments] customer portal could not be opened: ${describeStripeError(error)}`);
    return { error: "We could not open the card page just now. Please try again in a moment.", notice: null };
  }
  redirect(url);
};

/** "No, keep my monthly gift" on the cancel step: nothing to do but leave the step. */
const stayAction: GiftAction = async () => ({ error: null, notice: "Nothing was changed: your monthly gift continues." });

const MONTHLY_GIFT_INTENTS: Record<string, GiftAction> = {
  change: changeMonthlyAmountAction,
  cancel: cancelMonthlyGiftAction,
  stay: stayAction,
  keep: keepMonthlyGiftAction,
  card: updateCardAction,
};

/** A monthly gift's forms (change amount, cancel, keep, update card) share one action; the button says which. */
export const monthlyGiftAction = forOwnGift(async (donorId, giftId, formData) => {
  const act = MONTHLY_GIFT_INTENTS[field(formData, "intent")];
  return act ? act(donorId, giftId, formData) : { error: BAD_FORM_MESSAGE, notice: null };
});

/** "Email me my <year> statement": the donor's giving statement for that year, sent at once (lib/donations/giving-statement.ts). */
export async function emailGivingStatementAction(_previous: FormResult, submitted: FormData): Promise<FormResult> {
  const formData = formDataOf(submitted);
  if (!formData) return { error: BAD_FORM_MESSAGE, notice: null };
  const year = Number(field(formData, "year"));
  if (!/^\d{4}$/.test(field(formData, "year")) || !isStatementYear(year)) return { error: "Choose a year you gave in.", notice: null };
  const donorId = await donorOf(formData);
  if (!donorId) return { error: NO_ACCESS, notice: null };
  try {
    const result = await emailGivingStatementToDonor(await getDb(), donorId, year);
    if (result === "sent") return { error: null, notice: `We have emailed you your ${year} statement.` };
    if (result === "already-sent-today") return { error: null, notice: `We emailed you your ${year} statement earlier today; please look for it in your inbox.` };
    return { error: `No gift of yours in ${year} was kept (refunded gifts are not listed), so there is no statement for it.`, notice: null };
  } catch (error) {
    console.error(`[donors] giving statement not sent: ${error instanceof Error ? error.message : String(error)}`);
    return { error: FAILED, notice: null };
  }
}
