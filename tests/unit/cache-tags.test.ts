import { beforeEach, describe, expect, it, vi } from "vitest";

const expired: string[][] = [];
vi.mock("@/lib/cache/shared-cache-tags", () => ({
  expireCacheTags: vi.fn(async (tags: readonly string[]) => {
    expired.push([...tags]);
  }),
}));

const { revalidateCampaignEdit, revalidateCampaignFigures, campaignTag, campaignSlugTag, CAMPAIGN_LIST_TAG, GIVING_TOTALS_TAG } =
  await import("@/lib/campaigns/cache-tags");
const { cacheTagMessage, tagsFromOtherInstance } = await import("@/lib/cache/cache-tag-messages");

describe("which cached pages a change expires", () => {
  beforeEach(() => {
    expired.length = 0;
  });

  it("a gift on one campaign expires that campaign, the lists and the dashboard, and no other campaign", async () => {
    await revalidateCampaignFigures("c-1");
    expect(expired).toEqual([[campaignTag("c-1"), CAMPAIGN_LIST_TAG, GIVING_TOTALS_TAG]]);
    expect(expired.flat()).not.toContain(campaignTag("c-2"));
  });

  it("an edit also expires the old and new web addresses, so neither answers with the wrong page", async () => {
    await revalidateCampaignEdit({ campaignId: "c-1", slug: "new-address", previousSlug: "old-address" });
    expect(expired[0]).toEqual([campaignTag("c-1"), campaignSlugTag("new-address"), campaignSlugTag("old-address"), CAMPAIGN_LIST_TAG, GIVING_TOTALS_TAG]);
    await revalidateCampaignEdit({ campaignId: "c-1", slug: "same", previousSlug: "same" });
    expect(expired[1]!.filter((tag) => tag === campaignSlugTag("same"))).toHaveLength(1);
  });
});

describe("messages between instances", () => {
  it("carries tags to other instances and is ignored by the instance that sent it", () => {
    const ours = cacheTagMessage(["campaign:c-1", "campaign-list"]);
    expect(tagsFromOtherInstance(ours)).toBeNull();
    const theirs = JSON.stringify({ ...JSON.parse(ours), from: "another-instance" });
    expect(tagsFromOtherInstance(theirs)).toEqual(["campaign:c-1", "campaign-list"]);
  });

  it("ignores anything malformed", () => {
    for (const payload of [
      undefined,
      "",
      "not json",
      "{}",
      JSON.stringify({ from: "x", tags: "campaign-list" }),
      JSON.stringify({ from: "x", tags: [1, ""] }),
    ]) {
      expect(tagsFromOtherInstance(payload)).toBeNull();
    }
  });
});
