import { describe, expect, it } from "vitest";
import { defaultAudience } from "@/lib/updates/publish-audience";

describe("the publish form's default audience", () => {
  it("starts on everyone, which includes the campaign's own readers", () => {
    expect(defaultAudience({ campaign: 12, all: 40 })).toBe("all");
    expect(defaultAudience({ campaign: 0, all: 3 })).toBe("all");
  });

  it("never starts on an audience of 0 people while another has readers", () => {
    for (const counts of [
      { campaign: 0, all: 5 },
      { campaign: 5, all: 5 },
      { campaign: 0, all: 0 },
      { campaign: null, all: 7 },
    ]) {
      const chosen = defaultAudience(counts);
      const size = chosen === "all" ? counts.all : counts.campaign!;
      if (Math.max(counts.all, counts.campaign ?? 0) > 0) expect(size).toBeGreaterThan(0);
    }
  });

  it("organisation news has only everyone", () => {
    expect(defaultAudience({ campaign: null, all: 0 })).toBe("all");
  });
});
