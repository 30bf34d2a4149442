/**
 * The consent statement shown beside every sign-up form. The exact words, with the privacy page
 * they point to, are stored on the subscriber at each sign-up, so the organisation can show
 * what a person agreed to. Change the wording here and new sign-ups record the new text.
 */
export const CONSENT_STATEMENT = "We'll email you occasional updates about our campaigns. Unsubscribe at any time.";
export const PRIVACY_PATH = "/privacy";
export const PRIVACY_LINK_TEXT = "How we use your email";

export const STORED_CONSENT_TEXT = `${CONSENT_STATEMENT} ${PRIVACY_LINK_TEXT}: ${PRIVACY_PATH}`;
