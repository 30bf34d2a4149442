import type Stripe from "stripe";
import { newId } from "../ids";
import { STRIPE_API_VERSION } from "../api-version";
import { cloneJson, type WireEvent } from "../wire";

/** An Event (fixtures3.json `event`) carrying a snapshot of the object at the time it happened. */
export function buildEvent(input: {
  created: number;
  type: Stripe.Event.Type;
  object: object;
  previousAttributes?: Record<string, unknown>;
  request: { id: string | null; idempotency_key: string | null };
}): WireEvent {
  return {
    id: newId("event"),
    object: "event",
    api_version: STRIPE_API_VERSION,
    created: input.created,
    data: {
      object: cloneJson(input.object) as Record<string, unknown>,
      ...(input.previousAttributes ? { previous_attributes: cloneJson(input.previousAttributes) } : {}),
    },
    livemode: false,
    pending_webhooks: 1,
    request: input.request,
    type: input.type,
  };
}
