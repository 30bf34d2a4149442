import { isStripeTestMode } from "@/lib/env";
import { handleEmulatorRequest } from "@/lib/payments/stripe-client";

/**
 * The bundled Stripe emulator (test mode only): the Stripe API at /stripe-emulator/v1/…, the
 * hosted checkout and portal pages, and test helpers. With a real STRIPE_SECRET_KEY this route
 * does not exist (404) and the emulator code is never loaded.
 */
async function handle(request: Request): Promise<Response> {
  if (!isStripeTestMode()) return new Response("Not found", { status: 404 });
  return handleEmulatorRequest(request);
}

export const GET = handle;
export const POST = handle;
export const DELETE = handle;
