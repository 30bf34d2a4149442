import { describe, expect, it } from "vitest";
import { givenWhen, publicDisplayName } from "@/lib/donations/supporters";

describe("supporters list wording", () => {
  it("shows a first name and the last name's initial, never a full name", () => {
    expect(publicDisplayName("Min-ji Park")).toBe("Min-ji P.");
    expect(publicDisplayName("  ann   de la cruz ")).toBe("ann C.");
    expect(publicDisplayName("Cher")).toBe("Cher");
    expect(publicDisplayName("Łukasz żak")).toBe("Łukasz Ż.");
    expect(publicDisplayName("   ")).toBeNull();
    expect(publicDisplayName(null)).toBeNull();
  });

  it("says when in whole UTC days, then the date after a month", () => {
    const now = new Date("2026-03-10T08:00:00Z");
    expect(givenWhen("2026-03-10T01:00:00Z", now)).toBe("today");
    expect(givenWhen("2026-03-09T23:59:00Z", now)).toBe("yesterday");
    expect(givenWhen("2026-03-07T12:00:00Z", now)).toBe("3 days ago");
    expect(givenWhen("2026-01-05T12:00:00Z", now)).toBe("on January 5, 2026");
    expect(givenWhen("2026-03-11T12:00:00Z", now)).toBe("today"); // a clock a little behind the database's
  });
});
