import { describe, expect, it, vi } from "vitest";
import { isDatabaseUnavailable } from "@/db/database-errors";
import { formDataOf } from "@/lib/http/form-input";
import { isMalformedPath } from "@/lib/http/malformed-path";

vi.mock("next/navigation", () => ({ redirect: vi.fn() }));
const { returnPath } = await import("@/lib/http/database-unavailable");

describe("isDatabaseUnavailable", () => {
  const pgError = (code: string, message = "x") => Object.assign(new Error(message), { code });
  it.each([
    ["a refused connection", Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" })],
    ["a terminated backend (57P01)", pgError("57P01", "terminating connection due to administrator command")],
    ["a database refusing connections", pgError("55000", 'database "x" is not currently accepting connections')],
    ["a dropped database (3D000)", pgError("3D000")],
    ["a connection exception (08006)", pgError("08006")],
    ["a lost connection", new Error("Connection terminated unexpectedly")],
    ["a connect timeout", new Error("timeout exceeded when trying to connect")],
    ["Drizzle's wrapper around any of these", new Error("Failed query: select 1", { cause: pgError("57P01") })],
    ["an AggregateError of refused addresses", new AggregateError([Object.assign(new Error("refused"), { code: "ECONNREFUSED" })])],
  ])("recognises %s", (_label, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ["a unique violation", pgError("23505")],
    ["an invalid byte sequence", pgError("22021")],
    ["another 55000", pgError("55000", "lock not available")],
    ["a plain bug", new TypeError("x is not a function")],
    ["a string", "ECONNREFUSED"],
    ["null", null],
  ])("does not mistake %s for an outage", (_label, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});

describe("returnPath (where the 503 page sends the visitor back)", () => {
  it.each([
    ["/donate/thank-you?session_id=cs_1", "/donate/thank-you?session_id=cs_1"],
    ["/", "/"],
    [null, "/"],
    ["", "/"],
    ["//evil.example/x", "/"],
    ["/\\evil.example", "/"],
    ["/\t/evil.example", "/"],
    ["https://evil.example/", "/"],
    ["javascript:alert(1)", "/"],
  ])("%j → %j", (from, expected) => {
    expect(returnPath(from)).toBe(expected);
  });
});

describe("isMalformedPath", () => {
  it.each(["/campaigns/%E0%A4%A", "/%zz", "/campaigns/%C3%28", "/%FF"])("refuses %s", (path) => expect(isMalformedPath(path)).toBe(true));
  it.each(["/campaigns/foreign-media-in-north-korea", "/campaigns/%F0%9F%98%80", "/", "/a%20b"])("accepts %s", (path) =>
    expect(isMalformedPath(path)).toBe(false),
  );
});

describe("formDataOf", () => {
  it("passes a form through and refuses anything else", () => {
    const form = new FormData();
    expect(formDataOf(form)).toBe(form);
    for (const value of [undefined, null, "x", 1, {}, [], { get: () => "forged" }]) expect(formDataOf(value)).toBeNull();
  });
});
