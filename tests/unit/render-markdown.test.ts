import { describe, expect, it } from "vitest";
import { markdownHeadings, renderCampaignMarkdown } from "@/lib/campaigns/render-markdown";
import { daysLeft, progressPercent } from "@/lib/campaigns/campaign-progress";
import type { RenderableImage } from "@/lib/images/picture";
import { referencedImageIds } from "@/lib/images/image-urls";

describe("campaign Markdown", () => {
  it("renders reading structure", () => {
    const html = renderCampaignMarkdown("## Heading\n\n> A quote\n>\n> — Someone, role\n\n- one\n- two\n\n*A caption*");
    expect(html).toContain("<h2>Heading</h2>");
    expect(html).toContain("<blockquote>");
    expect(html).toContain("<li>one</li>");
    expect(html).toContain("<em>A caption</em>");
  });

  it("strips scripts, event handlers, other sites' images and javascript: links", () => {
    const html = renderCampaignMarkdown(
      '<script>alert(1)</script>\n\n<img src="https://x/y.png" onerror="alert(1)">\n\n[click](javascript:alert(1)) <a href="https://ok.example" onclick="x()">ok</a>',
    );
    expect(html).not.toMatch(/script|onerror|onclick|<img|javascript:/i);
    expect(html).toContain('href="https://ok.example"');
    expect(html).toContain('rel="noopener noreferrer"');
  });

  it("renders an uploaded image as a picture with every width, its format sources and the alt text", () => {
    const id = "0b8f7a4e-2c1d-4e5f-9a6b-7c8d9e0f1a2b";
    const image: RenderableImage = { id, altText: "Stored description", width: 1200, height: 800, widths: [480, 960, 1200], formats: ["webp", "jpeg"] };
    const markdown = `Before\n\n![A lantern on a table](/images/${id})\n\n![](/images/${id}/)\n\n![Somebody else's photo](https://example.org/photo.jpg)\n\n![Not uploaded](/images/11111111-2222-4333-8444-555555555555)`;
    expect(referencedImageIds(markdown)).toEqual([id, "11111111-2222-4333-8444-555555555555"]);
    const html = renderCampaignMarkdown(markdown, new Map([[id, image]]));
    expect(html.match(/<picture>/g)).toHaveLength(2);
    expect(html).toContain(`<source type="image/webp" srcset="/images/${id}/480.webp 480w, /images/${id}/960.webp 960w, /images/${id}/1200.webp 1200w"`);
    expect(html).toContain(`src="/images/${id}/960.jpg" srcset="/images/${id}/480.jpg 480w, /images/${id}/960.jpg 960w, /images/${id}/1200.jpg 1200w"`);
    expect(html).toContain('width="1200" height="800" alt="A lantern on a table"');
    // No words in the Markdown: the upload's own alt text.
    expect(html).toContain('alt="Stored description"');
    expect(html).not.toContain("example.org");
    expect(html).not.toContain("Not uploaded");
    expect(html).not.toContain("11111111-2222");
  });

  it("keeps raw HTML images only when every address is one of Lantern's variants", () => {
    const id = "0b8f7a4e-2c1d-4e5f-9a6b-7c8d9e0f1a2b";
    const own = `/images/${id}/480.jpg`;
    const html = renderCampaignMarkdown(
      [
        `<img src="${own}" alt="ours" onerror="alert(1)">`,
        `<img src="//evil.example${own}" alt="protocol-relative">`,
        `<img src="${own}" srcset="https://evil.example/x.jpg 2x" alt="mixed">`,
        `<picture><source srcset="https://evil.example/a.webp" type="image/webp"><img src="https://evil.example/a.jpg" alt="theirs"></picture>`,
      ].join("\n\n"),
    );
    expect(html).toContain(`<img src="${own}" alt="ours" />`);
    expect(html).not.toMatch(/evil|onerror|protocol-relative|mixed|theirs/);
  });

  it("renders an uploaded image for email as one plain img at the site's absolute address", () => {
    const id = "0b8f7a4e-2c1d-4e5f-9a6b-7c8d9e0f1a2b";
    const image: RenderableImage = { id, altText: "Stored", width: 1600, height: 1000, widths: [480, 960, 1600], formats: ["webp", "png"] };
    const html = renderCampaignMarkdown(
      `![Radios arrive](/images/${id})\n\n<img src="https://evil.example/images/${id}/960.png" alt="spoof">`,
      new Map([[id, image]]),
      {
        imageOrigin: "https://give.example.org",
      },
    );
    expect(html).toContain(`<img src="https://give.example.org/images/${id}/960.png" width="600" height="375" alt="Radios arrive" />`);
    expect(html).not.toMatch(/picture|source|srcset|evil|spoof/);
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
