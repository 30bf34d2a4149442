import { describe, expect, it } from "vitest";
import { generatedCover } from "@/lib/campaigns/generated-cover";
import { DEMO_ORGANISATION_NOTE, publicOrganisationDetails, receiptIssuer, type Organisation } from "@/lib/organisation/organisation";

const org: Organisation = {
  name: "Lantern for Human Rights",
  legalName: "Lantern for Human Rights, Inc.",
  registrationNumber: "EIN 98-7654321",
  taxStatement: "A registered 501(c)(3) nonprofit (EIN 98-7654321).",
  addressLines: ["PO Box 2026", "Washington, DC 20001", "United States"],
  contactEmail: "hello@lantern.test",
  mission: "We stand with the North Korean people.",
};

describe("what visitors see of the organisation", () => {
  it("shows a configured registration number and address as they are", () => {
    expect(publicOrganisationDetails(org)).toEqual({
      registrationNumber: "EIN 98-7654321",
      addressLines: ["PO Box 2026", "Washington, DC 20001", "United States"],
      demo: false,
    });
  });

  it("never shows the placeholders (EIN 00-0000000, 1 Example Street): it leaves them out and says this is a demo", () => {
    const placeholders = { ...org, registrationNumber: "EIN 00-0000000", addressLines: ["1 Example Street", "Springfield, ST 00000", "United States"] };
    expect(publicOrganisationDetails(placeholders)).toEqual({ registrationNumber: null, addressLines: [], demo: true });
    expect(publicOrganisationDetails({ ...org, registrationNumber: "EIN 00-0000000" })).toMatchObject({
      registrationNumber: null,
      addressLines: org.addressLines,
      demo: true,
    });
  });

  it("receipts and statements leave the placeholders out too, and say this is a demo", () => {
    // No ORG_* settings here: the defaults are the placeholders.
    const details = receiptIssuer().organisationDetails.join(" · ");
    expect(details).not.toContain("00-0000000");
    expect(details).not.toContain("Example Street");
    expect(details).toContain(DEMO_ORGANISATION_NOTE);
  });
});

describe("a campaign's drawn cover", () => {
  it("is the same drawing for the same campaign, and another for another", () => {
    expect(generatedCover("foreign-media-in-north-korea")).toEqual(generatedCover("foreign-media-in-north-korea"));
    expect(generatedCover("foreign-media-in-north-korea")).not.toEqual(generatedCover("inside-north-korea-pandemic-era-controls"));
  });

  it("stays inside its 1600×900 frame with a closed horizon", () => {
    for (const slug of ["a", "winter-rescue-fund-2026", "general-fund", "x".repeat(80)]) {
      const cover = generatedCover(slug);
      expect(cover.sky).toHaveLength(2);
      for (const light of cover.lights) {
        expect(light.x).toBeGreaterThanOrEqual(0);
        expect(light.x).toBeLessThanOrEqual(1600);
        expect(light.y).toBeGreaterThanOrEqual(0);
        expect(light.y).toBeLessThanOrEqual(900);
      }
      expect(cover.hills).toMatch(/^M0 [\d.]+( Q[\d.]+ [\d.]+ [\d.]+ [\d.]+)+ L1600 900 L0 900 Z$/);
    }
  });
});
