import { createEmulator, type EmulatorOptions, type StripeEmulator } from "./emulator";

/**
 * The process's one emulator. Kept on globalThis because a bundler (Next.js) may evaluate this
 * module more than once (per route bundle, and again on hot reload), and there must be exactly
 * one state and one webhook queue per server process.
 */
const GLOBAL_KEY = Symbol.for("lantern.stripe-emulator");
type Holder = typeof globalThis & { [GLOBAL_KEY]?: StripeEmulator };

/** The process-wide emulator, created with `options()` on first use. */
export function getEmulator(options?: () => EmulatorOptions): StripeEmulator {
  const holder = globalThis as Holder;
  if (!holder[GLOBAL_KEY]) {
    if (!options) throw new Error("No process-wide Stripe emulator yet: pass its options on first use");
    holder[GLOBAL_KEY] = createEmulator(options());
  }
  return holder[GLOBAL_KEY];
}

/** Replaces the process-wide emulator (tests that drive an app in-process). */
export function setEmulator(emulator: StripeEmulator | undefined): void {
  (globalThis as Holder)[GLOBAL_KEY] = emulator;
}
