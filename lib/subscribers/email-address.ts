import { domainToASCII } from "node:url";

/**
 * Email addresses as sign-up accepts them: trimmed, the domain lower-cased (and an international
 * domain in its ASCII form), the local part kept as typed. Deliberately stricter than RFC 5322:
 * quoted local parts, IP-literal domains and single-label domains are refused, because nobody
 * signs up for a newsletter with them and spammers do.
 */
export type EmailAddressResult = { ok: true; email: string } | { ok: false; message: string };

export const EMAIL_MESSAGES = {
  missing: "Enter your email address.",
  tooLong: "That email address is too long.",
  noAt: "An email address needs an @, like name@example.org.",
  badDomain: "Check the part after the @: it should look like example.org.",
  invalid: "Enter a valid email address, like name@example.org.",
} as const;

const MAX_ADDRESS_LENGTH = 254; // RFC 5321 path limit minus the angle brackets
const MAX_LOCAL_LENGTH = 64;
const MAX_DOMAIN_LENGTH = 253;
// RFC 5322 dot-atom: no leading, trailing or doubled dots.
const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const DOMAIN_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** Normalises and validates one address; the message is written for the person who typed it. */
export function parseEmailAddress(raw: unknown): EmailAddressResult {
  const trimmed = typeof raw === "string" ? raw.trim() : "";
  if (trimmed === "") return { ok: false, message: EMAIL_MESSAGES.missing };
  if (trimmed.length > MAX_ADDRESS_LENGTH) return { ok: false, message: EMAIL_MESSAGES.tooLong };
  if (/\s/.test(trimmed)) return { ok: false, message: EMAIL_MESSAGES.invalid };

  const at = trimmed.lastIndexOf("@");
  if (at === -1) return { ok: false, message: EMAIL_MESSAGES.noAt };
  const local = trimmed.slice(0, at);
  const rawDomain = trimmed.slice(at + 1);
  if (local === "" || local.length > MAX_LOCAL_LENGTH || !LOCAL_PART.test(local)) return { ok: false, message: EMAIL_MESSAGES.invalid };

  if (rawDomain === "" || rawDomain.startsWith("[")) return { ok: false, message: EMAIL_MESSAGES.badDomain };
  // domainToASCII lower-cases and converts international names to punycode ("" when impossible).
  const domain = domainToASCII(rawDomain);
  if (domain === "" || domain.length > MAX_DOMAIN_LENGTH) return { ok: false, message: EMAIL_MESSAGES.badDomain };
  const labels = domain.split(".");
  const tld = labels[labels.length - 1] ?? "";
  if (labels.length < 2 || !labels.every((label) => DOMAIN_LABEL.test(label)) || /^[0-9]+$/.test(tld)) {
    return { ok: false, message: EMAIL_MESSAGES.badDomain };
  }

  const email = `${local}@${domain}`;
  if (email.length > MAX_ADDRESS_LENGTH) return { ok: false, message: EMAIL_MESSAGES.tooLong };
  return { ok: true, email };
}

/** "ada.lovelace@example.org" → "a***@example.org": enough to recognise, not enough to harvest. */
export function maskEmailAddress(email: string): string {
  const at = email.lastIndexOf("@");
  if (at <= 0) return "***";
  return `${email.slice(0, 1)}***${email.slice(at)}`;
}
