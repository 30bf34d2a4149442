/**
 * The chaos run of issue 12 at CI size (npm run chaos is the full size): payments through the
 * Stripe emulator, which delivers every event itself the way Stripe does (concurrently, in no
 * order, some twice, retrying failures), then every event delivered 3× in random order by 16 concurrent senders to the
 * real webhook route, a fifth of handler transactions failed before COMMIT, and on PostgreSQL
 * the connections cut once; meanwhile staff enter gifts received offline (each form sent twice,
 * some corrected, some voided); some gifts are paid by bank debit, one-off and monthly, and some of
 * those fail days later on the emulator's clock. Every count that must be zero is zero, on each database.
 */
import { expect, it, vi } from "vitest";
import { failedCounts, runChaos } from "../../bench/chaos/chaos-run";
import { testDatabaseDrivers } from "../support/test-database";

for (const driver of testDatabaseDrivers()) {
  it(
    `records every payment exactly once under redelivery, faults and a connection cut [${driver}]`,
    async () => {
      vi.resetModules(); // the app reads its environment once per module graph: a fresh one per database
      const report = await runChaos({
        driver,
        payments: 16,
        copies: 3,
        duplicateShare: 0,
        faultShare: 0.2,
        senders: 16,
        emulatorDelivery: { concurrency: 8, duplicateProbability: 0.3 },
        cutConnection: true,
        offlineShare: 0.5,
        bankDebit: { share: 0.4, failureShare: 0.4 },
        seed: 7,
        log: () => undefined,
      });
      expect(report.expectedGifts).toBeGreaterThan(12);
      expect(report.injectedFaults).toBeGreaterThan(0);
      // The emulator delivered every event itself too, some twice, before and beside the senders' copies.
      expect(report.emulatorDeliveries).toBeGreaterThan(report.events);
      expect(report.emulatorDuplicates).toBeGreaterThan(0);
      // Gifts received offline, entered (each form twice) while the webhooks ran.
      expect(report.offlineGifts).toBe(8);
      // Gifts by bank debit, settled (or returned) on the emulator's clock before the deliveries.
      expect(report.bankDebits).toBeGreaterThan(0);
      expect(report.giftsInFlightChecked).toBeGreaterThanOrEqual(report.bankDebits);
      // Every injected fault failed a webhook delivery (the senders' or the emulator's, answered 5xx) or an offline-gift form (sent again).
      expect(report.serverErrors + report.emulatorServerErrors + report.offlineRetries).toBeGreaterThanOrEqual(report.injectedFaults);
      if (driver === "postgres") expect(report.connectionsCut).toBeGreaterThan(0);
      expect({ counts: failedCounts(report), problems: report.problems }).toEqual({ counts: [], problems: [] });
    },
    300_000, // seconds on an idle 2-core machine; generous for a shared one
  );
}
