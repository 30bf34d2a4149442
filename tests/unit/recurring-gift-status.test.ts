import { describe, expect, it } from "vitest";
import { recurringGiftStatus, type RecurringGiftStatusFields } from "@/lib/donations/recurring-gift-status";
import { willChargeAgain } from "@/lib/ledger/will-charge-again";

const periodEnd = new Date("2026-12-31T12:00:00Z");
const active: RecurringGiftStatusFields = { status: "active", cancelAtPeriodEnd: false, cancelAt: null, currentPeriodEnd: periodEnd, canceledAt: null };

describe("recurringGiftStatus", () => {
  it("reads an active subscription with no scheduled end as active", () => {
    expect(recurringGiftStatus(active)).toEqual({ kind: "active", label: "Active" });
    expect(recurringGiftStatus({ ...active, status: "trialing" }).kind).toBe("active");
    expect(willChargeAgain(active)).toBe(true);
  });

  it("reads a period-end cancellation as ending on cancel_at (Stripe sets it to the period end)", () => {
    const cancelAt = new Date("2026-12-31T12:00:00Z");
    const status = recurringGiftStatus({ ...active, cancelAtPeriodEnd: true, cancelAt, canceledAt: new Date("2026-12-01T00:00:00Z") });
    expect(status).toEqual({ kind: "ending", endsOn: cancelAt, label: "Ending on December 31, 2026" });
    expect(willChargeAgain({ ...active, cancelAtPeriodEnd: true, cancelAt })).toBe(false);
  });

  it("falls back to the period's end when only cancel_at_period_end is known", () => {
    expect(recurringGiftStatus({ ...active, cancelAtPeriodEnd: true })).toEqual({ kind: "ending", endsOn: periodEnd, label: "Ending on December 31, 2026" });
    expect(recurringGiftStatus({ ...active, cancelAtPeriodEnd: true, currentPeriodEnd: null })).toEqual({ kind: "ending", label: "Ending" });
  });

  it("reads a scheduled cancel_at without cancel_at_period_end as ending on that date, not plainly active", () => {
    const cancelAt = new Date("2027-03-01T00:00:00Z");
    expect(recurringGiftStatus({ ...active, cancelAt })).toEqual({ kind: "ending", endsOn: cancelAt, label: "Ending on March 1, 2027" });
    expect(willChargeAgain({ ...active, cancelAt })).toBe(false);
  });

  it("reads past due as past due, still charged again (Stripe retries); unpaid and incomplete as not", () => {
    expect(recurringGiftStatus({ ...active, status: "past_due" })).toEqual({ kind: "past_due", label: "Payment past due" });
    expect(willChargeAgain({ ...active, status: "past_due" })).toBe(true);
    expect(recurringGiftStatus({ ...active, status: "unpaid" })).toEqual({ kind: "past_due", label: "Unpaid" });
    expect(willChargeAgain({ ...active, status: "unpaid" })).toBe(false);
    expect(willChargeAgain({ ...active, status: "incomplete" })).toBe(false);
    expect(willChargeAgain({ ...active, status: "paused" })).toBe(false);
  });

  it("reads a past-due gift that is set to end as ending", () => {
    expect(recurringGiftStatus({ ...active, status: "past_due", cancelAtPeriodEnd: true, cancelAt: periodEnd }).kind).toBe("ending");
  });

  it("reads canceled and incomplete_expired as cancelled, with the date when known", () => {
    const canceledAt = new Date("2026-11-02T08:00:00Z");
    expect(recurringGiftStatus({ ...active, status: "canceled", canceledAt, cancelAtPeriodEnd: true, cancelAt: periodEnd })).toEqual({
      kind: "cancelled",
      endsOn: canceledAt,
      label: "Cancelled on November 2, 2026",
    });
    const endedAt = new Date("2026-12-31T12:00:00Z");
    expect(recurringGiftStatus({ ...active, status: "canceled", canceledAt, endedAt }).label).toBe("Cancelled on December 31, 2026");
    expect(recurringGiftStatus({ ...active, status: "incomplete_expired" })).toEqual({ kind: "cancelled", label: "Cancelled" });
    expect(willChargeAgain({ ...active, status: "canceled" })).toBe(false);
  });

  it("reads a yearly gift as renewing on its next billing date", () => {
    const yearly = { ...active, interval: "year", currentPeriodEnd: new Date("2027-03-03T10:00:00Z") };
    expect(recurringGiftStatus(yearly)).toEqual({ kind: "active", renewsOn: yearly.currentPeriodEnd, label: "Renews on March 3, 2027" });
    expect(willChargeAgain(yearly)).toBe(true);
    // Ending and cancelled read the same whatever the interval.
    expect(recurringGiftStatus({ ...yearly, cancelAtPeriodEnd: true }).label).toBe("Ending on March 3, 2027");
  });

  it("reads a paused gift as paused until pause_collection.resumes_at, neither active nor ended", () => {
    const pausedUntil = new Date("2027-02-14T09:00:00Z");
    expect(recurringGiftStatus({ ...active, pausedUntil })).toEqual({ kind: "paused", resumesOn: pausedUntil, label: "Paused until February 14, 2027" });
    // Out of MRR and active monthly donors while paused; back in once Stripe clears the pause.
    expect(willChargeAgain({ ...active, pausedUntil })).toBe(false);
    expect(willChargeAgain({ ...active, pausedUntil: null })).toBe(true);
    // A paused gift set to end reads as ending (the end is what the donor needs to know).
    expect(recurringGiftStatus({ ...active, pausedUntil, cancelAtPeriodEnd: true }).kind).toBe("ending");
  });
});
