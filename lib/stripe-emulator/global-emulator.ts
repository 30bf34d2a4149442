import path from "node:path";
import { env, stripeEmulatorApiKey, stripeWebhookSecret } from "@/lib/env";
import { createEmulator, type StripeEmulator } from "./emulator";

/**
 * The app's one emulator. Kept on globalThis because Next.js may evaluate this module more
 * than once (per route bundle, and again on hot reload), and there must be exactly one state
 * and one webhook queue per server process.
 */
const GLOBAL_KEY = Symbol.for("lantern.stripe-emulator");
type Holder = typeof globalThis & { [GLOBAL_KEY]?: StripeEmulator };

export function getEmulator(): StripeEmulator {
  const holder = globalThis as Holder;
  if (!holder[GLOBAL_KEY]) {
    // Created on the first request, when the server knows its address (APP_URL, or where it listens).
    const config = env();
    const appOrigin = new URL(config.APP_URL).origin;
    holder[GLOBAL_KEY] = createEmulator({
      persistPath: path.resolve(config.LANTERN_DATA_DIR, "stripe-emulator.json"),
      webhookUrl: new URL("/api/webhooks/stripe", config.APP_URL).toString(),
      webhookSecret: () => stripeWebhookSecret(),
      publicOrigin: appOrigin,
      businessName: config.ORG_NAME,
      // Only this installation's key, and hosted pages that send browsers back to this app only.
      apiKey: () => stripeEmulatorApiKey(),
      redirectOrigin: appOrigin,
      // A public demo shows no dashboard of other visitors' gifts.
      dashboard: config.NODE_ENV !== "production",
    });
  }
  return holder[GLOBAL_KEY];
}

/** Replaces the process-wide emulator (tests that drive the app in-process). */
export function setEmulator(emulator: StripeEmulator | undefined): void {
  (globalThis as Holder)[GLOBAL_KEY] = emulator;
}
