import { expect, it } from "vitest";
import { describeError } from "@/lib/errors/describe-error";

it("describes anything thrown in one string, never throwing itself", () => {
  expect(describeError(new TypeError("bad input"))).toBe("bad input");
  expect(describeError("plain text")).toBe("plain text");
  expect(describeError(404)).toBe("404");
  expect(describeError(undefined)).toBe("undefined");
  expect(describeError(Object.create(null))).toBe("an error that cannot be described");
});
