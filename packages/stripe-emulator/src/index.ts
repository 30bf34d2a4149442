/**
 * A local stand-in for the part of Stripe's API an app uses, for test mode (no real Stripe key).
 * See README.md in this package.
 */
export { createEmulator, type EmulatorOptions, type StripeEmulator } from "./emulator";
export type { PortalSettings } from "./operations/portal";
export type { FaultSpec } from "./routes/route";
export type { DisputeOutcome } from "./operations/disputes";
export { EMULATOR_PATH_PREFIX, emulatorConnection } from "./client";
export { getEmulator, setEmulator } from "./global-emulator";
export { TEST_CARDS } from "./cards";
export { encodeForm } from "./form-encoding";
export { STRIPE_API_VERSION } from "./api-version";
export type { DeliveryAttempt } from "./webhook-delivery";
export type { EmulatorState } from "./state";
export { ORDERED_DELIVERY, STRIPE_LIKE_DELIVERY, type DeliveryBehaviour } from "./delivery-behaviour";
export { STRIPE_CURRENCIES } from "./money";
