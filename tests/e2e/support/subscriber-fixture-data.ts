/**
 * Subscribers the e2e data folder starts with (written by prepare-subscriber-fixtures.ts before
 * the server starts), for the flows a browser cannot set up by itself: a confirmation link that
 * has already expired, and update emails already sent to confirmed subscribers.
 */

/** A pending sign-up whose only confirmation link expired long ago; the raw token is known here only. */
export const EXPIRED_LINK = {
  email: "expired-link@example.org",
  token: "e2e-expired-confirmation-link".padEnd(43, "0"),
} as const;

/** Confirmed subscribers who received E2E_UPDATE. */
export const UPDATE_READERS = {
  /** Follows the unsubscribe link in the email body and presses the button. */
  viaPage: { email: "page-reader@example.org", firstName: "Min-ji" },
  /** Unsubscribed by a mail provider's RFC 8058 one-click POST. */
  viaOneClick: { email: "one-click-reader@example.org", firstName: null },
} as const;

export const E2E_UPDATE = {
  subject: "Field report: what your support did this season",
  bodyMarkdown: "Thanks to you, three families reached safety this season.\n\nHere is what comes next for the information campaign.",
} as const;
