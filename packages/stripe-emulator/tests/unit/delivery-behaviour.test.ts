import { describe, expect, it } from "vitest";
import { ORDERED_DELIVERY, resolveDeliveryBehaviour, seededRandom, STRIPE_LIKE_DELIVERY } from "../../src/delivery-behaviour";

describe("webhook delivery behaviour", () => {
  it("is Stripe's way unless told otherwise, with the seed from STRIPE_EMULATOR_SEED", () => {
    expect(resolveDeliveryBehaviour(undefined, { STRIPE_EMULATOR_SEED: "12345" })).toEqual({ ...STRIPE_LIKE_DELIVERY, seed: 12345 });
    expect(resolveDeliveryBehaviour(undefined, { STRIPE_EMULATOR_DELIVERY: "ordered", STRIPE_EMULATOR_SEED: "1" })).toEqual({ ...ORDERED_DELIVERY, seed: 1 });
    // Explicit options win over the environment.
    expect(resolveDeliveryBehaviour({ seed: 9, concurrency: 2 }, { STRIPE_EMULATOR_SEED: "1" })).toMatchObject({ seed: 9, concurrency: 2, shuffle: true });
    const random = resolveDeliveryBehaviour(undefined, {}).seed;
    expect(Number.isInteger(random) && random >= 0 && random <= 0xffffffff).toBe(true);
  });

  it("refuses a seed, mode or setting it cannot use, naming it", () => {
    expect(() => resolveDeliveryBehaviour(undefined, { STRIPE_EMULATOR_SEED: "abc" })).toThrow("STRIPE_EMULATOR_SEED must be an integer");
    expect(() => resolveDeliveryBehaviour(undefined, { STRIPE_EMULATOR_SEED: "-1" })).toThrow("STRIPE_EMULATOR_SEED must be an integer");
    expect(() => resolveDeliveryBehaviour(undefined, { STRIPE_EMULATOR_DELIVERY: "fast" })).toThrow("STRIPE_EMULATOR_DELIVERY must be `stripe` or `ordered`");
    expect(() => resolveDeliveryBehaviour({ concurrency: 0 }, {})).toThrow("concurrency");
    expect(() => resolveDeliveryBehaviour({ duplicateProbability: 2 }, {})).toThrow("duplicateProbability");
  });

  it("draws the same numbers from the same seed, and others from another", () => {
    const draw = (seed: number) => {
      const random = seededRandom(seed);
      return Array.from({ length: 5 }, () => random());
    };
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
    expect(draw(7).every((value) => value >= 0 && value < 1)).toBe(true);
  });
});
