/**
 * The one rule for "is this the same address?", used by donors, subscribers, admins and the
 * outbox alike — so it lives in its own folder, below all of them, importing nothing:
 * Unicode-normalised (NFKC), trimmed and lower-cased, as every real mailbox provider treats
 * addresses and as Auth.js stores them. Store and compare addresses in this form.
 */
export function emailIdentity(email: string): string {
  return email.normalize("NFKC").trim().toLowerCase();
}
