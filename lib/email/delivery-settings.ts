import { env } from "@/lib/env";

/** How the outbox retries and paces itself; read from the environment, overridable in tests. */
export interface DeliverySettings {
  /** Attempts before an email is marked failed (and shown in the admin with a retry button). */
  maxAttempts: number;
  /** First retry after this long, doubling each time up to `backoffMaxMs`. */
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** A claim older than this belongs to a process that died mid-send; the row is taken back. */
  staleClaimMs: number;
}

export const DEFAULT_DELIVERY_SETTINGS: DeliverySettings = {
  maxAttempts: 8,
  backoffBaseMs: 30_000,
  backoffMaxMs: 6 * 60 * 60 * 1000,
  staleClaimMs: 5 * 60 * 1000,
};

export function deliverySettingsFromEnv(): DeliverySettings {
  return { ...DEFAULT_DELIVERY_SETTINGS, maxAttempts: env().EMAIL_MAX_ATTEMPTS };
}

/** Exponential backoff: base, 2×base, 4×base, … capped; `attempts` counts tries made so far (≥ 1). */
export function retryDelayMs(attempts: number, settings: Pick<DeliverySettings, "backoffBaseMs" | "backoffMaxMs">): number {
  return Math.min(settings.backoffMaxMs, settings.backoffBaseMs * 2 ** Math.max(0, attempts - 1));
}
