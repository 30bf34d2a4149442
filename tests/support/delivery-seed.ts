import { beforeEach } from "vitest";

/**
 * Prints the Stripe emulator's delivery seed next to any failed test: the emulators of a run
 * deliver webhooks in an order, and with duplicates, drawn from it (vitest.config.mts sets it),
 * so `STRIPE_EMULATOR_SEED=<seed> npx vitest run …` replays the same choices.
 */
beforeEach(({ onTestFailed, task }) => {
  onTestFailed(() => {
    const seed = process.env.STRIPE_EMULATOR_SEED;
    console.error(`[${task.name}] Stripe emulator webhook delivery seed: ${seed} (replay: STRIPE_EMULATOR_SEED=${seed})`);
  });
});
