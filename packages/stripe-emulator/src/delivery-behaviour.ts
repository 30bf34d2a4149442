/**
 * How the emulator delivers webhooks: like Stripe (several at once, in no guaranteed order, now
 * and then twice) or, for tests about the emulator itself, one at a time in the order events
 * happened. Every random choice comes from one seeded PRNG, so a seed replays the same choices.
 */
export interface DeliveryBehaviour {
  /** Deliveries in flight at once (Stripe sends an endpoint's events concurrently); 1: one at a time. */
  concurrency: number;
  /** Take the next delivery at random from those due, not the oldest (Stripe guarantees no order). */
  shuffle: boolean;
  /** Chance that an event is delivered twice (Stripe delivers at least once); 0–1. */
  duplicateProbability: number;
  /** Each delivery waits up to this many ms first (random), so cause and effect can arrive swapped. */
  maxJitterMs: number;
  /** Seeds the PRNG behind every choice above; printed so a failing run can be replayed. */
  seed: number;
}

/** Stripe's way: 4 at once, shuffled, 10 % delivered twice, up to 30 ms of jitter. */
export const STRIPE_LIKE_DELIVERY: Omit<DeliveryBehaviour, "seed"> = { concurrency: 4, shuffle: true, duplicateProbability: 0.1, maxJitterMs: 30 };

/** The emulator's old way, for tests of delivery itself: one at a time, in order, once. */
export const ORDERED_DELIVERY: Omit<DeliveryBehaviour, "seed"> = { concurrency: 1, shuffle: false, duplicateProbability: 0, maxJitterMs: 0 };

/** A seed (32-bit unsigned) from the environment variable, or a new random one. */
export function deliverySeedFrom(value: string | undefined): number {
  if (value !== undefined && value.trim() !== "") {
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < 0 || parsed > 0xffffffff) throw new Error(`STRIPE_EMULATOR_SEED must be an integer 0–4294967295, not ${value}`);
    return parsed;
  }
  return Math.floor(Math.random() * 0x100000000);
}

/** mulberry32: small, fast, seedable; the same seed gives the same sequence on every platform. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Resolves the behaviour an emulator is created with: explicit options first, then
 * STRIPE_EMULATOR_DELIVERY (`stripe`, the default, or `ordered`) and STRIPE_EMULATOR_SEED.
 */
export function resolveDeliveryBehaviour(
  options: Partial<DeliveryBehaviour> | undefined,
  env: Record<string, string | undefined> = process.env,
): DeliveryBehaviour {
  const mode = env.STRIPE_EMULATOR_DELIVERY?.trim() || "stripe";
  if (mode !== "stripe" && mode !== "ordered") throw new Error(`STRIPE_EMULATOR_DELIVERY must be \`stripe\` or \`ordered\`, not ${mode}`);
  const base = mode === "ordered" ? ORDERED_DELIVERY : STRIPE_LIKE_DELIVERY;
  const behaviour = { ...base, seed: options?.seed ?? deliverySeedFrom(env.STRIPE_EMULATOR_SEED), ...options };
  if (!Number.isInteger(behaviour.concurrency) || behaviour.concurrency < 1) throw new Error("webhook delivery concurrency must be a whole number ≥ 1");
  if (!(behaviour.duplicateProbability >= 0 && behaviour.duplicateProbability <= 1)) throw new Error("duplicateProbability must be between 0 and 1");
  return behaviour;
}
