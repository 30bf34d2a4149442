import { env, linkSigningSecret } from "@/lib/env";

/** What the subscriber functions need from the environment, passed in so tests can choose. */
export interface SubscriptionSettings {
  /** Absolute base for links in emails, e.g. https://give.example.org */
  appUrl: string;
  organisationName: string;
  /** How long a confirmation link works. */
  confirmationTtlHours: number;
  /** Signs unsubscribe links and rate-limit keys. */
  linkSecret: string;
}

export function subscriptionSettings(): SubscriptionSettings {
  const { APP_URL, ORG_NAME, SUBSCRIBE_CONFIRMATION_TTL_HOURS } = env();
  return { appUrl: APP_URL, organisationName: ORG_NAME, confirmationTtlHours: SUBSCRIBE_CONFIRMATION_TTL_HOURS, linkSecret: linkSigningSecret() };
}

/** A confirmation email is sent at most once per this interval while an earlier link still works. */
export const CONFIRMATION_RESEND_INTERVAL_MS = 5 * 60 * 1000;

/** Sign-ups never confirmed are deleted after this many days (the privacy page says so). */
export const UNCONFIRMED_RETENTION_DAYS = 30;

/** "48 hours" → "2 days"; used in the confirmation email and on the expired-link page. */
export function describeLifetime(hours: number): string {
  if (hours >= 48 && hours % 24 === 0) return `${hours / 24} days`;
  if (hours >= 1) {
    const whole = Math.round(hours);
    return `${whole} ${whole === 1 ? "hour" : "hours"}`;
  }
  const minutes = Math.max(1, Math.round(hours * 60));
  return `${minutes} ${minutes === 1 ? "minute" : "minutes"}`;
}
