import { AsyncLocalStorage } from "node:async_hooks";

/**
 * Fields every log line written inside a unit of work carries: the request's id (proxy.ts makes
 * it, route handlers and server actions adopt it), the Stripe event being processed. The logger
 * (lib/observability/logger.ts) adds them to each line through pino's `mixin`, so code deep in a
 * domain folder logs with the ids of what it is working for without passing them along.
 */
export interface LogContext {
  requestId?: string;
  stripeEventId?: string;
  stripeEventType?: string;
}

// On globalThis: Next may load this module once per bundle (route handlers, server actions,
// instrumentation), and a line must find the context whichever copy started it.
const globalForContext = globalThis as typeof globalThis & { __lanternLogContext?: AsyncLocalStorage<LogContext> };
const storage = (globalForContext.__lanternLogContext ??= new AsyncLocalStorage<LogContext>());

/** Runs `work` with `fields` added to the context it was called in (inner fields win). */
export function withLogContext<T>(fields: LogContext, work: () => T): T {
  return storage.run({ ...storage.getStore(), ...fields }, work);
}

/** The fields of the current unit of work ({} outside one). */
export function currentLogContext(): LogContext {
  return storage.getStore() ?? {};
}
