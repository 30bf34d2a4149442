/**
 * Lantern's Stripe emulator: a local stand-in for the part of Stripe's API the app uses, for
 * test mode (no STRIPE_SECRET_KEY). See README.md in this folder.
 */
export { createEmulator, EMULATOR_PATH_PREFIX, type EmulatorOptions, type StripeEmulator } from "./emulator";
export { getEmulator, setEmulator } from "./global-emulator";
export { handleEmulatorRequest } from "./handle-request";
export { TEST_CARDS } from "./cards";
export { encodeForm } from "./form-encoding";
export { STRIPE_API_VERSION } from "./objects/event";
export type { DeliveryAttempt } from "./webhook-delivery";
export type { EmulatorState } from "./state";
