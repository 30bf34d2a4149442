import { describe, expect, it } from "vitest";
import { updatesAtomFeed } from "@/lib/updates/atom-feed";

/** Issue 23, finding 9: a title is text; in the feed's type="html" title it must be escaped. */
describe("Atom entry titles", () => {
  const feed = (title: string, campaignTitle?: string) =>
    updatesAtomFeed(
      [
        {
          id: "8a0f6c2e-0000-4000-8000-000000000001",
          title,
          bodyHtml: "<p>Body</p>",
          publishedAt: new Date("2026-01-01T00:00:00Z"),
          updatedAt: new Date("2026-01-01T00:00:00Z"),
          campaign: campaignTitle ? { slug: "c", title: campaignTitle } : null,
        },
      ],
      { appUrl: "https://give.example.org", organisationName: "Lantern" },
    );
  const entryTitle = (xml: string) => /<entry>[\s\S]*?<title type="html"><!\[CDATA\[([\s\S]*?)\]\]><\/title>/.exec(xml)?.[1];

  it("carry markup as escaped text, never as markup a reader would render", () => {
    const xml = feed(`<img src=x onerror="alert(1)"> Tom & Jerry's`, "<b>Free</b> speech");
    expect(entryTitle(xml)).toBe("&lt;b&gt;Free&lt;/b&gt; speech: &lt;img src=x onerror=&quot;alert(1)&quot;&gt; Tom &amp; Jerry&#39;s");
    expect(xml).not.toContain("<img");
    expect(xml).not.toContain("<b>Free");
  });

  it("cannot close the CDATA section around them", () => {
    const xml = feed("a ]]><script>alert(1)</script> b");
    expect(entryTitle(xml)).toBe("a ]]&gt;&lt;script&gt;alert(1)&lt;/script&gt; b");
    expect(xml).not.toContain("<script>");
  });

  it("leave a plain title as it is", () => {
    expect(entryTitle(feed("Our volunteers reached 2,000 families"))).toBe("Our volunteers reached 2,000 families");
  });
});
