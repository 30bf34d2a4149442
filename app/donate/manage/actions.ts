"use server";

import { cookies } from "next/headers";
import { refresh } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import type { Database } from "@/db/client";
import { emailGivingStatementToDonor, isStatementYear } from "@/lib/donations/giving-statement";
import { resendReceipt } from "@/lib/donations/resend-receipt";
import { cancelMonthlyGift, keepMonthlyGift } from "@/lib/donors/cancel-monthly-gift";
import { changeMonthlyAmount } from "@/lib/donors/change-monthly-amount";
import { pauseMonthlyGift, resumeMonthlyGift, PAUSE_MONTHS, type PauseMonths } from "@/lib/donors/pause-monthly-gift";
import { formatGiftDate } from "@/lib/donations/gift-wording";
import { donorOfManageSession, donorWithManageAccess, endManageSession } from "@/lib/donors/manage-access";
import { MANAGE_SESSION_COOKIE, signManageSession } from "@/lib/donors/manage-session";
import { giftOfDonor, monthlyGiftOfDonor, parseMonthlyAmount } from "@/lib/donors/manage-page";
import { openManageLink } from "@/lib/donors/open-manage-link";
import { requestManageLink } from "@/lib/donors/request-manage-link";
import { sendManageLink } from "@/lib/donors/send-manage-link";
import { env, manageTokenSecret } from "@/lib/env";
import { BAD_FORM_MESSAGE } from "@/lib/http/form-input";
import type { FormState } from "@/lib/http/form-state";
import { publicFormAction, publicFormPost, type PublicFormOutcome } from "@/lib/http/public-form-action";
import { customerPortalUrl } from "@/lib/payments/customer-portal";
import { eraseDonor } from "@/lib/privacy/erase-donor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { revalidateCampaignFigures } from "@/lib/campaigns/cache-tags";
import { describeStripeError, stripe } from "@/lib/payments/stripe-client";
import { consumeRateLimit } from "@/lib/rate-limit/rate-limit";
import { privateRateLimitKey } from "@/lib/rate-limit/private-key";
import { RECEIPT_RESEND_LIMIT_PER_DONOR } from "@/lib/rate-limit/rules";
import type { EmailLinkFormValues } from "../../_components/email-me-a-link-form";
import { logger } from "@/lib/observability/logger";

const log = logger("payments");

/*
 * The giving page's actions. Each is a public POST endpoint, so each checks access itself: the
 * receipt's signed token sent with the form, or the session cookie an emailed link started;
 * then that the gift belongs to that donor. The work is in lib/donors.
 */

/** The giving page's forms echo nothing typed but the new monthly amount; `step` is the cancel form's second step. */
export type GivingFormValues = { amount: string; step: "" | "confirm-cancel" };
export type GivingFormState = FormState<GivingFormValues>;
type GivingFormOutcome = PublicFormOutcome<GivingFormValues>;

const NO_ACCESS = "Your access to this page has expired. Please ask for a new link below.";
const FAILED = "Something went wrong on our side. Nothing was changed; please try again in a moment.";

function field(formData: FormData, name: string): string {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
}

const readGivingForm = (formData: FormData): GivingFormValues => ({ amount: field(formData, "amount"), step: "" });

async function donorOf(db: Database, formData: FormData): Promise<string | null> {
  return donorWithManageAccess(db, stripe(), { receiptToken: formData.get("token"), session: (await cookies()).get(MANAGE_SESSION_COOKIE)?.value });
}

/** "Email me a link": the same answer for every well-formed address; the sending happens after the response. */
export const requestManageLinkAction = publicFormAction({
  log: "[donors] manage link request",
  read: (formData): EmailLinkFormValues => ({ email: field(formData, "email") }),
  failed: FAILED,
  run: async ({ email }, { db, client }) => {
    const outcome = await requestManageLink(db, { email, client }, manageTokenSecret());
    if (outcome.kind === "invalid") return { errors: { email: outcome.message } };
    if (outcome.kind === "limited") return { errors: { form: outcome.message } };
    return { message: outcome.message, values: { email: "" }, afterResponse: () => sendManageLink(outcome.email, { db }) };
  },
});

/** Uses an emailed link (a button, so mail scanners that follow links use up nothing), then starts the session. */
export const openManageLinkAction = publicFormAction({
  log: "[donors] opening a manage link",
  read: (): Record<string, never> => ({}),
  run: async (_values, { db, formData }) => {
    const opened = await openManageLink(db, formData.get("link"));
    if (!opened) return { errors: { form: "This link has expired or has already been used. Please ask for a new one below." } };
    const session = signManageSession(opened.sessionId, manageTokenSecret());
    (await cookies()).set(MANAGE_SESSION_COOKIE, session.value, {
      httpOnly: true,
      sameSite: "lax",
      secure: new URL(env().APP_URL).protocol === "https:",
      path: "/donate/manage",
      expires: session.expires,
    });
    redirect("/donate/manage");
  },
});

/** Ends the session: on the server (a copied cookie opens nothing more), then on this browser. */
export const leaveManagePageAction = publicFormPost({
  log: "[donors] leaving the giving page",
  read: () => ({}),
  refused: () => "/donate/manage",
  run: async (_values, { db }) => {
    const jar = await cookies();
    await endManageSession(db, jar.get(MANAGE_SESSION_COOKIE)?.value);
    jar.delete({ name: MANAGE_SESSION_COOKIE, path: "/donate/manage" });
    return "/donate/manage";
  },
});

type GiftAction = (donorId: string, giftId: string, context: { db: Database; formData: FormData }) => Promise<GivingFormOutcome>;

/** A form about one of the donor's gifts: access (receipt token or session) first, then the gift must be theirs (each act checks). */
function forOwnGift(log: string, act: GiftAction) {
  return publicFormAction({
    log,
    read: readGivingForm,
    failed: FAILED,
    run: async (_values, { db, formData }) => {
      const donorId = await donorOf(db, formData);
      if (!donorId) return { errors: { form: NO_ACCESS } };
      return act(donorId, field(formData, "gift"), { db, formData });
    },
  });
}

const changeMonthlyAmountAction: GiftAction = async (donorId, giftId, { db, formData }) => {
  const gift = await monthlyGiftOfDonor(db, donorId, giftId);
  if (!gift) return { errors: { form: "We could not find that monthly gift." } };
  const amount = parseMonthlyAmount(field(formData, "amount"), gift.currency);
  if (!amount.ok) return { errors: { amount: amount.message } };
  const result = await changeMonthlyAmount(gift.id, amount.value, { db, requestId: field(formData, "request") });
  if (!result.ok) return { errors: result.reason === "invalid-amount" ? { amount: result.message } : { form: result.message } };
  refresh();
  return {
    message: result.changed
      ? "Your new monthly amount is saved. It applies from your next payment; nothing is charged today. We have emailed you a confirmation."
      : "That is already your monthly amount; nothing changed.",
  };
};

const cancelMonthlyGiftAction: GiftAction = async (donorId, giftId, { db, formData }) => {
  const gift = await monthlyGiftOfDonor(db, donorId, giftId);
  if (!gift) return { errors: { form: "We could not find that monthly gift." } };
  // Two steps: the first only asks (and offers to keep or change the gift instead).
  if (field(formData, "confirmed") !== "yes") return { values: { amount: field(formData, "amount"), step: "confirm-cancel" } };
  const result = await cancelMonthlyGift(gift.id, { db, requestId: field(formData, "request") });
  if (!result.ok) return { errors: { form: result.message } };
  refresh();
  if (result.gift.interval === "year") return { message: "Your yearly gift is cancelled. You will not be charged again. We have emailed you a confirmation." };
  return { message: "Your monthly gift is cancelled. You will not be charged again. We have emailed you a confirmation." };
};

const keepMonthlyGiftAction: GiftAction = async (donorId, giftId, { db, formData }) => {
  const gift = await monthlyGiftOfDonor(db, donorId, giftId);
  if (!gift) return { errors: { form: "We could not find that monthly gift." } };
  const result = await keepMonthlyGift(gift.id, { db, requestId: field(formData, "request") });
  if (!result.ok) return { errors: { form: result.message } };
  refresh();
  return { message: "Thank you! Your monthly gift will continue. We have emailed you a confirmation." };
};

const pauseMonthlyGiftAction: GiftAction = async (donorId, giftId, { db, formData }) => {
  const gift = await monthlyGiftOfDonor(db, donorId, giftId);
  if (!gift) return { errors: { form: "We could not find that monthly gift." } };
  const months = Number(field(formData, "months"));
  if (!(PAUSE_MONTHS as readonly number[]).includes(months)) return { errors: { form: "Choose to pause for 1, 2 or 3 months." } };
  const result = await pauseMonthlyGift(gift.id, months as PauseMonths, { db, requestId: field(formData, "request") });
  if (!result.ok) return { errors: { form: result.message } };
  refresh();
  const until = result.gift.pausedUntil ? formatGiftDate(result.gift.pausedUntil) : null;
  return {
    message: result.changed
      ? `Your monthly gift is paused${until ? ` until ${until}` : ""}. Nothing is charged until then. We have emailed you a confirmation.`
      : `Your monthly gift is already paused${until ? ` until ${until}` : ""}; nothing changed.`,
  };
};

const resumeMonthlyGiftAction: GiftAction = async (donorId, giftId, { db, formData }) => {
  const gift = await monthlyGiftOfDonor(db, donorId, giftId);
  if (!gift) return { errors: { form: "We could not find that monthly gift." } };
  const result = await resumeMonthlyGift(gift.id, { db, requestId: field(formData, "request") });
  if (!result.ok) return { errors: { form: result.message } };
  refresh();
  const next = result.gift.currentPeriodEnd ? ` Your next payment is on ${formatGiftDate(result.gift.currentPeriodEnd)}.` : "";
  return {
    message: result.changed
      ? `Your monthly gift has restarted.${next} We have emailed you a confirmation.`
      : "Your monthly gift is not paused; nothing changed.",
  };
};

/** A receipt again, at most 10 an hour per donor (each goes to the donor's own address). */

export const resendReceiptAction = forOwnGift("[donors] receipt not sent again", async (donorId, giftId, { db, formData }) => {
  const gift = await giftOfDonor(db, donorId, giftId);
  if (!gift) return { errors: { form: "We could not find that gift." } };
  // Per donor, so it is counted here, once the donor is known (not by the wrapper, which knows only the client).
  const limit = await consumeRateLimit(db, RECEIPT_RESEND_LIMIT_PER_DONOR, privateRateLimitKey("receipt-resend", donorId, manageTokenSecret()));
  if (!limit.allowed) return { errors: { form: "You have asked for many receipts in the last hour. Please try again later." } };
  const result = await resendReceipt(gift.id, { db, requestId: field(formData, "request") });
  return result.ok ? { message: "We have emailed you this receipt." } : { errors: { form: result.message } };
});

/** Stripe's portal, for the one thing done there: updating the card. */
const updateCardAction: GiftAction = async (donorId, giftId, { db, formData }) => {
  const gift = await monthlyGiftOfDonor(db, donorId, giftId);
  if (!gift) return { errors: { form: "We could not find that monthly gift." } };
  let url: string;
  try {
    const subscription = await stripe().subscriptions.retrieve(gift.stripeSubscriptionId);
    const customerId = typeof subscription.customer === "string" ? subscription.customer : subscription.customer.id;
    const token = field(formData, "token");
    const back = new URL(token ? `/donate/manage?token=${encodeURIComponent(token)}` : "/donate/manage", env().APP_URL).toString();
    url = await customerPortalUrl(stripe(), customerId, back);
  } catch (error) {
    log.error(`customer portal could not be opened: ${describeStripeError(error)}`);
    return { errors: { form: "We could not open the card page just now. Please try again in a moment." } };
  }
  redirect(url);
};

/** "No, keep my monthly gift" on the cancel step: nothing to do but leave the step. */
const stayAction: GiftAction = async () => ({ message: "Nothing was changed: your monthly gift continues." });

const MONTHLY_GIFT_INTENTS: Record<string, GiftAction> = {
  change: changeMonthlyAmountAction,
  cancel: cancelMonthlyGiftAction,
  stay: stayAction,
  keep: keepMonthlyGiftAction,
  pause: pauseMonthlyGiftAction,
  resume: resumeMonthlyGiftAction,
  card: updateCardAction,
};

/** A monthly gift's forms (change amount, pause, restart, cancel, keep, update card) share one action; the button says which. */
export const monthlyGiftAction = forOwnGift("[donors] monthly gift not changed", async (donorId, giftId, context) => {
  const act = MONTHLY_GIFT_INTENTS[field(context.formData, "intent")];
  return act ? act(donorId, giftId, context) : { errors: { form: BAD_FORM_MESSAGE } };
});

/** "Email me my <year> statement": the donor's giving statement for that year, sent at once (lib/donations/giving-statement.ts). */
export const emailGivingStatementAction = publicFormAction({
  log: "[donors] giving statement not sent",
  read: (formData) => ({ year: field(formData, "year") }),
  schema: z.object({
    year: z
      .string()
      .regex(/^\d{4}$/, "Choose a year you gave in.")
      .transform(Number)
      .refine(isStatementYear, "Choose a year you gave in."),
  }),
  failed: FAILED,
  run: async ({ year }, { db, formData }) => {
    const donorId = await donorOf(db, formData);
    if (!donorId) return { errors: { form: NO_ACCESS } };
    const result = await emailGivingStatementToDonor(db, donorId, year);
    if (result === "sent") return { message: `We have emailed you your ${year} statement.` };
    if (result === "already-sent-today") return { message: `We emailed you your ${year} statement earlier today; please look for it in your inbox.` };
    return { errors: { form: `No gift of yours in ${year} was kept (refunded gifts are not listed), so there is no statement for it.` } };
  },
});

/**
 * "Erase my data", the second step of "Ask us to forget you" (the first only shows what is
 * erased and what is kept). Only with the session an emailed link started: the address was
 * proven within the last 2 hours, unlike a receipt's link, which never expires and may have
 * been forwarded. The work is lib/privacy/erase-donor.ts; the session ends with it.
 */
export const forgetMeAction = publicFormPost({
  log: "[privacy] donor erasure not done",
  read: (formData) => ({ confirmed: field(formData, "confirmed") }),
  refused: () => "/donate/manage?forget=failed#forget",
  run: async ({ confirmed }, { db }) => {
    const jar = await cookies();
    const donorId = await donorOfManageSession(db, jar.get(MANAGE_SESSION_COOKIE)?.value);
    if (!donorId) return "/donate/manage";
    if (confirmed !== "yes") return "/donate/manage?forget=confirm#forget";
    // The audit row names the donor by id only, in the erasure's own transaction.
    const outcome = await eraseDonor(db, stripe(), donorId, {
      inTransaction: (tx, facts) =>
        recordAuditEvent(tx, { type: "donor" }, { kind: "donor.erased", object: { type: "donor", id: donorId }, after: { gifts: facts.giftCount } }),
    });
    if (!outcome.ok) return "/donate/manage?forget=failed#forget";
    await Promise.all(outcome.campaignIds.map((id) => revalidateCampaignFigures(id)));
    jar.delete({ name: MANAGE_SESSION_COOKIE, path: "/donate/manage" });
    return "/donate/manage/forgotten";
  },
});
