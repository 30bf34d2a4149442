/** How long clients (browsers, Stripe, load balancers) are asked to wait before trying again. */
export const RETRY_AFTER_SECONDS = 60;

export const TRY_AGAIN_MESSAGE = "Sorry, we cannot reach our database just now. Please try again in a minute.";

/** A JSON 503 for route handlers and APIs while the database is unreachable. */
export function serviceUnavailableJson(body: Record<string, unknown> = { error: "Service temporarily unavailable; try again in a minute" }): Response {
  return Response.json(body, { status: 503, headers: { "Retry-After": String(RETRY_AFTER_SECONDS), "Cache-Control": "no-store" } });
}
