import { TEST_MODE_WEBHOOK_SECRET } from "@/lib/env";
import { createStripeClient, TEST_MODE_API_KEY } from "@/lib/payments/stripe-client";
import type { EmulatorOptions } from "@lantern/stripe-emulator";
import * as testing from "@lantern/stripe-emulator/testing";

/**
 * The emulator's test harness wired the way the app is: the app's own SDK client, and webhooks
 * signed with the app's test-mode secret (so the app's webhook handler accepts them).
 */
export { createPaymentSession, createSubscriptionSession, pay, submitForm, type Harness } from "@lantern/stripe-emulator/testing";

export function startEmulator(options: EmulatorOptions = {}): Promise<testing.Harness> {
  return testing.startEmulator({
    webhookSecret: TEST_MODE_WEBHOOK_SECRET,
    stripeClient: (origin) => createStripeClient({ apiKey: TEST_MODE_API_KEY, emulatorOrigin: origin }),
    ...options,
  });
}

export function startWebhookReceiver(options: { statusFor?: (index: number, body: string) => number } = {}) {
  return testing.startWebhookReceiver({ secret: TEST_MODE_WEBHOOK_SECRET, ...options });
}
