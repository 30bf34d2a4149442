import { describe, expect, it } from "vitest";
import { markdownHeadings, renderCampaignMarkdown } from "@/lib/campaigns/render-markdown";
import { daysLeft, progressPercent } from "@/lib/campaigns/campaign-progress";

describe("campaign Markdown", () => {
  it("renders reading structure", () => {
    const html = renderCampaignMarkdown("## Heading\n\n> A quote\n>\n> — Someone, role\n\n- one\n- two\n\n*A caption*");
    expect(html).toContain("<h2>Heading</h2>");
    expect(html).toContain("<blockquote>");
    expect(html).toContain("<li>one</li>");
    expect(html).toContain("<em>A caption</em>");
  });

  it("strips scripts, event handlers, images and javascript: links", () => {
    const html = renderCampaignMarkdown('<script>alert(1)</script>\n\n<img src="https://x/y.png" onerror="alert(1)">\n\n[click](javascript:alert(1)) <a href="https://ok.example" onclick="x()">ok</a>');
    expect(html).not.toMatch(/script|onerror|onclick|<img|javascript:/i);
    expect(html).toContain('href="https://ok.example"');
    expect(html).toContain('rel="noopener noreferrer"');
  });

  it("demotes an h1 in the body so the page keeps one h1", () => {
    expect(renderCampaignMarkdown("# Title again")).toBe("<h2>Title again</h2>\n");
  });

  it("lists headings", () => {
    expect(markdownHeadings("## One\n\ntext\n\n## Two")).toEqual(["One", "Two"]);
  });
});

describe("campaign progress", () => {
  it("is the floor of the share of the goal, capped at 100", () => {
    expect(progressPercent(16_550, 100_000)).toBe(16);
    expect(progressPercent(250_000, 100_000)).toBe(100);
    expect(progressPercent(500, null)).toBe(0);
    expect(progressPercent(-5, 100)).toBe(0);
  });

  it("counts whole days left, rounding up", () => {
    const now = new Date("2026-11-24T12:00:00Z");
    expect(daysLeft("2026-11-25T00:00:00Z", now)).toBe(1);
    expect(daysLeft("2026-12-04T12:00:00Z", now)).toBe(10);
    expect(daysLeft("2026-11-01T00:00:00Z", now)).toBe(0);
    expect(daysLeft(null, now)).toBeNull();
  });
});
