import path from "node:path";
import { env, stripeWebhookSecret } from "@/lib/env";
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
    const config = env();
    const appUrl = config.APP_URL.replace(/\/$/, "");
    holder[GLOBAL_KEY] = createEmulator({
      persistPath: path.resolve(config.LANTERN_DATA_DIR, "stripe-emulator.json"),
      webhookUrl: `${appUrl}/api/webhooks/stripe`,
      webhookSecret: () => stripeWebhookSecret(),
      publicOrigin: new URL(appUrl).origin,
      businessName: config.ORG_NAME,
    });
  }
  return holder[GLOBAL_KEY];
}

/** Replaces the process-wide emulator (tests that drive the app in-process). */
export function setEmulator(emulator: StripeEmulator | undefined): void {
  (globalThis as Holder)[GLOBAL_KEY] = emulator;
}
