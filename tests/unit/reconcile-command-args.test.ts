import { describe, expect, it } from "vitest";
import { parseReconcileArgs } from "@/lib/payments/reconcile-command-args";

const now = new Date("2026-11-29T12:00:00Z");

describe("npm run reconcile arguments", () => {
  it("reads a date as midnight UTC and a date-time with its offset", () => {
    expect(parseReconcileArgs(["--since", "2026-11-20"], now)).toEqual({ ok: true, since: new Date("2026-11-20T00:00:00Z") });
    expect(parseReconcileArgs(["--since=2026-11-28T08:30:00+02:00"], now)).toEqual({ ok: true, since: new Date("2026-11-28T06:30:00Z") });
  });

  it("defaults to the last 3 days, like the reconcile route", () => {
    expect(parseReconcileArgs([], now)).toEqual({ ok: true, since: new Date("2026-11-26T12:00:00Z") });
  });

  it("reads --fees (read the Stripe fees never recorded) with or without a date, in any place", () => {
    expect(parseReconcileArgs(["--fees"], now)).toStrictEqual({ ok: true, since: new Date("2026-11-26T12:00:00Z"), fees: true });
    expect(parseReconcileArgs(["--since", "2026-11-20", "--fees"], now)).toStrictEqual({ ok: true, since: new Date("2026-11-20T00:00:00Z"), fees: true });
    expect(parseReconcileArgs(["--since", "2026-11-20"], now)).toStrictEqual({ ok: true, since: new Date("2026-11-20T00:00:00Z") });
  });

  it.each([
    [["--fees", "--fees"], /Unexpected argument/],
    [["--since"], /needs a date/],
    [["--since", "yesterday"], /not a date/],
    [["--since", "2026-02-30"], /not a date/],
    [["--since", "2026-11-28T08:30:00"], /not a date/], // no offset: would depend on the server's zone
    [["--since", "2026-12-01"], /in the future/],
    [["--since", "2026-10-01"], /more than 30 days ago/],
    [["--days", "3"], /Unexpected argument/],
    [["--since", "2026-11-20", "--since", "2026-11-21"], /Unexpected argument/],
  ])("refuses %j with one sentence", (argv, message) => {
    const result = parseReconcileArgs(argv, now);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatch(message);
    expect(result.error.split("\n")).toHaveLength(1);
  });
});
