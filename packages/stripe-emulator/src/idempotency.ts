import { idempotencyError } from "./errors";
import type { EmulatorState, IdempotencyRecord } from "./state";

/** Stripe keeps idempotent results for at least 24 hours. */
const KEY_LIFETIME_SECONDS = 24 * 60 * 60;

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, inner]) => `${JSON.stringify(key)}:${canonical(inner)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

export function fingerprint(params: unknown): string {
  return canonical(params);
}

/**
 * `Idempotency-Key` semantics: the same key with the same params replays the first response;
 * with other params (or another endpoint) it is an idempotency_error; while the first request
 * is still running, a second one gets 409 and the SDK retries it.
 */
export class Idempotency {
  private readonly inFlight = new Set<string>();

  constructor(private readonly state: () => EmulatorState) {}

  /** A saved response to replay, or null when the request should run (call `finish` after). */
  begin(key: string, method: string, path: string, print: string, now: number): IdempotencyRecord | null {
    this.prune(now);
    const saved = this.state().idempotency[key];
    if (saved) {
      if (saved.method !== method || saved.path !== path) {
        throw idempotencyError(
          `Keys for idempotent requests can only be used for the same endpoint they were first used for ('${saved.method} ${saved.path}' vs '${method} ${path}'). Try using a key other than '${key}' if you meant to execute a different request.`,
        );
      }
      if (saved.fingerprint !== print) {
        throw idempotencyError(
          `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
        );
      }
      return saved;
    }
    if (this.inFlight.has(key)) {
      throw idempotencyError(
        `There is currently another in-progress request using this Idempotent Key (that probably means you submitted twice, and the other request is still going through): ${key}. Please try again later.`,
        409,
      );
    }
    this.inFlight.add(key);
    return null;
  }

  /** Saves the result when the endpoint ran (Stripe does not save failed validation). */
  finish(key: string, record: IdempotencyRecord | null): void {
    this.inFlight.delete(key);
    if (record) this.state().idempotency[key] = record;
  }

  private prune(now: number): void {
    const records = this.state().idempotency;
    for (const [key, record] of Object.entries(records)) {
      if (now - record.created > KEY_LIFETIME_SECONDS) delete records[key];
    }
  }
}
