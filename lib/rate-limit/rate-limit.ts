import { RateLimiterDrizzle, RateLimiterRes } from "rate-limiter-flexible";
import { rateLimits } from "@/db/schema";
import type { Database } from "@/db/database";

/** A named limit: at most `points` hits per `durationSeconds` for one key. */
export interface RateLimitRule {
  name: string;
  points: number;
  durationSeconds: number;
}

export type RateLimitResult = { allowed: true } | { allowed: false; retryAfterSeconds: number };

// One limiter per database and rule; counters live in PostgreSQL so every app instance shares them.
const limiters = new WeakMap<Database, Map<string, RateLimiterDrizzle>>();

function limiterFor(db: Database, rule: RateLimitRule): RateLimiterDrizzle {
  let byRule = limiters.get(db);
  if (!byRule) {
    byRule = new Map();
    limiters.set(db, byRule);
  }
  const id = `${rule.name}:${rule.points}:${rule.durationSeconds}`;
  let limiter = byRule.get(id);
  if (!limiter) {
    limiter = new RateLimiterDrizzle({
      storeClient: db,
      schema: rateLimits,
      keyPrefix: rule.name,
      points: rule.points,
      duration: rule.durationSeconds,
      // Expired rows are reset in place by the next hit; no background timer in serverless-ish processes.
      clearExpiredByTimeout: false,
    });
    byRule.set(id, limiter);
  }
  return limiter;
}

/** Counts one hit for `key` under `rule`; refuses once the window's points are spent. */
export async function consumeRateLimit(db: Database, rule: RateLimitRule, key: string): Promise<RateLimitResult> {
  try {
    await limiterFor(db, rule).consume(key, 1);
    return { allowed: true };
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) {
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) };
    }
    throw rejection;
  }
}
