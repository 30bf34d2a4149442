import { randomBytes } from "node:crypto";
import { env } from "./index";
import { installationSecret } from "./installation-secret";

/**
 * Every secret Lantern signs or authenticates with, in one place. None comes from the
 * repository: production takes them from the environment (lib/env refuses to start without
 * them), development and test mode generate them once per installation into LANTERN_DATA_DIR.
 *
 * | secret | production (real Stripe) | production demo (LANTERN_TEST_MODE=demo) | development |
 * |---|---|---|---|
 * | AUTH_SECRET: sessions, magic links, unsubscribe and manage links | env, required | env, required | generated `auth-secret` |
 * | Stripe webhook secret | STRIPE_WEBHOOK_SECRET, required | generated `stripe-webhook-secret` | generated |
 * | emulator API key | — (no emulator) | generated `stripe-emulator-key` | generated |
 */

/** Signs Auth.js cookies and hashes magic-link tokens; also the key behind Lantern's own signed links. */
export function authSecret(): string {
  const { AUTH_SECRET, LANTERN_DATA_DIR } = env();
  return AUTH_SECRET ?? installationSecret(LANTERN_DATA_DIR, AUTH_SECRET_FILE);
}

export const AUTH_SECRET_FILE = "auth-secret";
export const STRIPE_WEBHOOK_SECRET_FILE = "stripe-webhook-secret";
export const STRIPE_EMULATOR_KEY_FILE = "stripe-emulator-key";

/** The secret behind signed links (unsubscribe): AUTH_SECRET, or this installation's generated one. */
export function linkSigningSecret(): string {
  return authSecret();
}

/** The key of the "manage monthly giving" links (lib/payments/manage-link.ts labels its use). */
export function manageTokenSecret(): string {
  return authSecret();
}

/**
 * The secret webhooks are signed and verified with: STRIPE_WEBHOOK_SECRET (required with a real
 * key), or in test mode this installation's own, which the emulator signs with.
 */
export function stripeWebhookSecret(): string {
  const { STRIPE_WEBHOOK_SECRET, LANTERN_DATA_DIR } = env();
  return STRIPE_WEBHOOK_SECRET ?? installationSecret(LANTERN_DATA_DIR, STRIPE_WEBHOOK_SECRET_FILE, () => `whsec_${randomBytes(32).toString("base64")}`);
}

/** Test mode: the one API key the bundled emulator accepts; nobody without the data folder knows it. */
export function stripeEmulatorApiKey(): string {
  return installationSecret(env().LANTERN_DATA_DIR, STRIPE_EMULATOR_KEY_FILE, () => `sk_test_${randomBytes(24).toString("hex")}`);
}
