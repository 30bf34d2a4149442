import { getEmulator } from "./global-emulator";

/**
 * Entry point for `app/stripe-emulator/[...path]/route.ts`: answers every request under
 * /stripe-emulator (Stripe API at /v1, hosted checkout and portal pages, test helpers).
 * Framework-free: takes a web Request, returns a web Response.
 */
export function handleEmulatorRequest(request: Request): Promise<Response> {
  return getEmulator().handle(request);
}
