import type Stripe from "stripe";

/**
 * The Stripe API version the emulator speaks and the app pins its SDK to: the one the installed
 * `stripe` package's types describe (a newer SDK fails this `satisfies` until both are updated).
 */
export const STRIPE_API_VERSION = "2026-10-28.endive" as const satisfies Stripe.LatestApiVersion;
