import type Stripe from "stripe";
import type { PricingPlan } from "./fees";
import { buildEvent } from "./objects/event";
import type { EmulatorState } from "./state";
import type { WireEvent } from "./wire";

/**
 * What an operation needs: the state to change, one timestamp for everything it creates,
 * the public origin for URLs, and a way to record events. Operations are synchronous, so no
 * other request can interleave between a check and the change it guards.
 */
export interface OperationContext {
  readonly state: EmulatorState;
  /** Unix seconds. */
  readonly now: number;
  readonly origin: string;
  /** The account's pricing plan (standard, or Stripe's US nonprofit rate): what balance transactions charge. */
  readonly pricing: PricingPlan;
  /** Copied into each event's `request` (null ids for things the customer did on a hosted page). */
  readonly request: { id: string | null; idempotency_key: string | null };
  emit(type: Stripe.Event.Type, object: object, previousAttributes?: Record<string, unknown>): WireEvent;
  /** Events emitted through this context, in order. */
  readonly emitted: WireEvent[];
}

export function createContext(input: {
  state: EmulatorState;
  now: number;
  origin: string;
  pricing?: PricingPlan;
  request?: { id: string | null; idempotency_key: string | null };
  onEvent: (event: WireEvent) => void;
}): OperationContext {
  const request = input.request ?? { id: null, idempotency_key: null };
  const emitted: WireEvent[] = [];
  return {
    emitted,
    state: input.state,
    now: input.now,
    origin: input.origin,
    pricing: input.pricing ?? "standard",
    request,
    emit(type, object, previousAttributes) {
      const event = buildEvent({ created: input.now, type, object, previousAttributes, request });
      input.state.events.push(event);
      emitted.push(event);
      input.onEvent(event);
      return event;
    },
  };
}
