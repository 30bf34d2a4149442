import { createStripeClient } from "@/lib/payments/stripe-client";
import type { EmulatorOptions } from "@lantern/stripe-emulator";
import * as testing from "@lantern/stripe-emulator/testing";

/**
 * The emulator's test harness wired the way the app is: the app's own SDK client, the harness's
 * per-run key and webhook secret (tests that run the app's webhook handler pass the same secret).
 */
export {
  createPaymentSession,
  createSubscriptionSession,
  pay,
  submitForm,
  TEST_API_KEY,
  TEST_AUTH,
  TEST_WEBHOOK_SECRET,
  type Harness,
} from "@lantern/stripe-emulator/testing";

export function startEmulator(options: EmulatorOptions = {}): Promise<testing.Harness> {
  return testing.startEmulator({
    stripeClient: (origin) => createStripeClient({ apiKey: testing.TEST_API_KEY, emulatorOrigin: origin }),
    ...options,
  });
}

export function startWebhookReceiver(options: { statusFor?: (index: number, body: string) => number } = {}) {
  return testing.startWebhookReceiver(options);
}
