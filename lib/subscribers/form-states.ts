/*
 * What the subscription forms show after a submission. Shared by the server actions and the
 * client components, so it holds plain data only.
 */
export type SubscribeFormState =
  | { status: "idle" }
  | { status: "success"; message: string }
  | {
      status: "error";
      message: string;
      /** Which fields the message is about (they get aria-invalid). */
      invalidFields: ("email" | "firstName")[];
      /** What was typed, so a correction does not mean typing everything again. */
      values: { email: string; firstName: string };
    };

/** The honeypot field's name: hidden from people, irresistible to form-filling bots. */
export const HONEYPOT_FIELD = "hp_contact_time";

export const SUBSCRIBE_IDLE: SubscribeFormState = { status: "idle" };

export const SIGN_UP_MESSAGES = {
  /** The same answer for a new, pending, confirmed or unsubscribed address, and for a bot. */
  success: "Almost there — check your inbox to confirm.",
  rateLimited: "Too many sign-up attempts from here just now. Please wait a few minutes and try again.",
  failed: "Sorry, we could not sign you up just now. Please try again in a few minutes.",
  badForm: "Something went wrong with this form. Please reload the page and try again.",
} as const;

/** The outcome of "send me a new confirmation link" (expired or used link page). */
export interface ResendFormState {
  status: "idle" | "done" | "error";
  message: string;
}

export const RESEND_IDLE: ResendFormState = { status: "idle", message: "" };

/** The outcome of the unsubscribe page's button. */
export interface UnsubscribeFormState {
  status: "idle" | "done" | "error";
  message: string;
}

export const UNSUBSCRIBE_IDLE: UnsubscribeFormState = { status: "idle", message: "" };

/** "Email me an unsubscribe link" on /unsubscribe: one line of outcome, and the address as typed after a refusal. */
export interface UnsubscribeLinkFormState {
  error: string | null;
  notice: string | null;
  email: string;
}
