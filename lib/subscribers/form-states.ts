/*
 * What the subscription forms say. Shared by the server actions and the client components, so
 * it holds plain data only.
 */
/** The sign-up form's own fields (what it echoes and what its messages are about). */
export type SignUpField = "email" | "firstName";

/** The honeypot field's name: hidden from people, irresistible to form-filling bots. */
export const HONEYPOT_FIELD = "hp_contact_time";

export const SIGN_UP_MESSAGES = {
  /** The same answer for a new, pending, confirmed or unsubscribed address, and for a bot. */
  success: "Almost there — check your inbox to confirm.",
  rateLimited: "Too many sign-up attempts from here just now. Please wait a few minutes and try again.",
  failed: "Sorry, we could not sign you up just now. Please try again in a few minutes.",
  badForm: "Something went wrong with this form. Please reload the page and try again.",
} as const;
