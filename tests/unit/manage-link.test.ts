import { describe, expect, it } from "vitest";
import { manageToken, verifyManageToken } from "@/lib/payments/manage-link";

describe("manage-giving link", () => {
  const key = "whsec_test_key";
  it("names the customer it was signed for", () => {
    expect(verifyManageToken(manageToken("cus_ABC123", key), key)).toBe("cus_ABC123");
  });

  it.each([
    ["another customer's id with this signature", () => manageToken("cus_ABC123", key).replace("cus_ABC123", "cus_XYZ789")],
    ["a signature made with another key", () => manageToken("cus_ABC123", "whsec_other")],
    ["no signature", () => "cus_ABC123"],
    ["not a customer id", () => manageToken("sub_ABC123", key)],
    ["garbage", () => "<script>.x"],
  ])("refuses %s", (_label, token) => {
    expect(verifyManageToken(token(), key)).toBeNull();
  });
});
