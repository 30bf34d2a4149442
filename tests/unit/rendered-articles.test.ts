import { describe, expect, it, vi } from "vitest";
import { renderArticleOnce } from "@/lib/campaigns/cached-campaigns";
import { renderCampaignMarkdown } from "@/lib/campaigns/render-markdown";

vi.mock("@/lib/campaigns/render-markdown", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/campaigns/render-markdown")>();
  return { ...actual, renderCampaignMarkdown: vi.fn(actual.renderCampaignMarkdown) };
});

describe("campaign article HTML kept per text", () => {
  it("renders an article once however often its page is rebuilt, and afresh when the text changes", () => {
    const render = vi.mocked(renderCampaignMarkdown);
    const article = "# Story\n\nSmuggled *dramas* [travel](https://example.org).";
    const first = renderArticleOnce(article);
    expect(first).toContain("<em>dramas</em>");
    for (let rebuild = 0; rebuild < 20; rebuild++) expect(renderArticleOnce(article)).toBe(first);
    expect(render).toHaveBeenCalledTimes(1);

    const edited = renderArticleOnce(`${article}\n\nA new paragraph.`);
    expect(edited).toContain("A new paragraph.");
    expect(render).toHaveBeenCalledTimes(2);
  });

  it("keeps a bounded number of articles, dropping the oldest", () => {
    const render = vi.mocked(renderCampaignMarkdown);
    render.mockClear();
    for (let n = 0; n < 65; n++) renderArticleOnce(`Article number ${n}`);
    expect(render).toHaveBeenCalledTimes(65);
    renderArticleOnce("Article number 64"); // still kept
    expect(render).toHaveBeenCalledTimes(65);
    renderArticleOnce("Article number 0"); // dropped to make room
    expect(render).toHaveBeenCalledTimes(66);
  });
});
