import type { EmailTemplate } from "./email-template";
import { bankDebitFailedEmail } from "./bank-debit-failed";
import { campaignUpdateEmail } from "./campaign-update";
import { dedicationCardEmail } from "./dedication-card";
import { donorManageLinkEmail } from "./donor-manage-link";
import { disputeOpenedEmail } from "./dispute-opened";
import { monthlyReceiptEmail, monthlyWelcomeReceiptEmail, offlineGiftReceiptEmail, oneOffReceiptEmail } from "./gift-receipt";
import { giftOnItsWayEmail } from "./gift-on-its-way";
import { giftRefundedEmail } from "./gift-refunded";
import { givingStatementEmail } from "./giving-statement";
import { monthlyGiftChangedEmail } from "./monthly-gift-changed";
import { monthlyPaymentFailedEmail } from "./monthly-payment-failed";
import { refundFailedEmail } from "./refund-failed";
import { signInLinkEmail } from "./sign-in-link";
import { subscriptionConfirmationEmail } from "./subscription-confirmation";
import { unsubscribeLinkEmail } from "./unsubscribe-link";

/** Every email Lantern sends, by the name stored in the outbox (sent_emails.template). */
export const emailTemplates = {
  "sign-in-link": signInLinkEmail,
  "subscription-confirmation": subscriptionConfirmationEmail,
  "campaign-update": campaignUpdateEmail,
  "one-off-receipt": oneOffReceiptEmail,
  "monthly-welcome-receipt": monthlyWelcomeReceiptEmail,
  "monthly-receipt": monthlyReceiptEmail,
  "offline-gift-receipt": offlineGiftReceiptEmail,
  "monthly-payment-failed": monthlyPaymentFailedEmail,
  "giving-statement": givingStatementEmail,
  "donor-manage-link": donorManageLinkEmail,
  "monthly-gift-changed": monthlyGiftChangedEmail,
  "dedication-card": dedicationCardEmail,
  "dispute-opened": disputeOpenedEmail,
  "refund-failed": refundFailedEmail,
  "gift-refunded": giftRefundedEmail,
  "unsubscribe-link": unsubscribeLinkEmail,
  "gift-on-its-way": giftOnItsWayEmail,
  "bank-debit-failed": bankDebitFailedEmail,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each entry keeps its own props type
} satisfies Record<string, EmailTemplate<any>>;

export type EmailTemplateName = keyof typeof emailTemplates;
export type EmailPropsOf<Name extends EmailTemplateName> = (typeof emailTemplates)[Name] extends EmailTemplate<infer Props> ? Props : never;
