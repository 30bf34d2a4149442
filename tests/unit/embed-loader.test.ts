import fs from "node:fs";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { embedClaimOf, embedFields } from "@/lib/embed/embed-fields";
import { EMBED_MESSAGE_NAMESPACE, embedReadyScript } from "@/lib/embed/embed-messages";
import { embedSnippets } from "@/lib/embed/embed-snippets";
import { compactLoaderSource, loaderScript } from "@/lib/embed/loader-script";

describe("the embed loader as served", () => {
  const served = loaderScript();

  it("is at most 3 KB compressed and still parses once its comments are gone", () => {
    expect(gzipSync(served.source).length).toBeLessThanOrEqual(3 * 1024);
    expect(() => new Function(served.source)).not.toThrow();
    expect(served.source).not.toMatch(/\/\*|^\s*\/\//m);
    expect(served.source.length).toBeLessThan(fs.readFileSync("lib/embed/loader/embed-loader.js", "utf8").length);
  });

  it("speaks the embed pages' namespace", () => {
    expect(served.source).toContain(JSON.stringify(EMBED_MESSAGE_NAMESPACE));
  });

  it("has a versioned name and an SRI hash of exactly what is served", () => {
    expect(served.version).toMatch(/^[0-9a-f]{12}$/);
    expect(served.integrity).toMatch(/^sha384-[A-Za-z0-9+/]{64}$/);
  });

  it("keeps code that merely looks like a comment", () => {
    expect(compactLoaderSource('var a = "https://x"; // note\n  /* gone */ var b = 1;')).toBe('var a = "https://x"; // note\nvar b = 1;');
  });
});

describe("an embed page's inline script", () => {
  it("names its landmark without letting a title end the script", () => {
    const script = embedReadyScript("Give to </script><script>alert(1)</script>");
    expect(script).not.toContain("</script>");
    expect(() => new Function(script)).not.toThrow();
  });
});

describe("the donation form's embed fields", () => {
  const form = (fields: Record<string, string>) => new Map(Object.entries(fields));

  it("carries the widget, the host's origin and its page", () => {
    const fields = embedFields("form", { origin: "https://www.example.org", page: "https://www.example.org/blog" });
    expect(embedClaimOf(form(fields))).toEqual({ kind: "form", origin: "https://www.example.org", page: "https://www.example.org/blog" });
    expect(embedFields("form", null)).toEqual({});
  });

  it.each([
    [{ embed_kind: "popup", embed_origin: "https://www.example.org" }],
    [{ embed_kind: "button", embed_origin: "https://www.example.org/blog" }],
    [{ embed_kind: "button", embed_origin: "not an origin" }],
    [{ embed_kind: "button" }],
  ])("refuses a malformed claim %j", (fields) => {
    expect(embedClaimOf(form(fields))).toBeNull();
  });

  it("drops a page on another origin than the host's", () => {
    expect(embedClaimOf(form({ embed_kind: "button", embed_origin: "https://www.example.org", embed_page: "https://evil.example/x" }))).toEqual({
      kind: "button",
      origin: "https://www.example.org",
      page: null,
    });
  });
});

describe("the snippets", () => {
  it("are a link to the campaign page plus the loader, with the title escaped", () => {
    const snippets = embedSnippets({
      appOrigin: "https://give.example.org",
      slug: "water",
      title: "Wells & <pumps>",
      loader: { version: "0123456789ab", integrity: "sha384-x" },
    });
    expect(snippets.kinds.map((snippet) => snippet.kind)).toEqual(["button", "form", "progress"]);
    expect(snippets.kinds[0]!.html).toBe(
      '<a href="https://give.example.org/campaigns/water" data-lantern-embed="button">Give to Wells &amp; &lt;pumps&gt;</a>\n<script async src="https://give.example.org/embed.js"></script>',
    );
    expect(snippets.pinnedScript).toBe(
      '<script async src="https://give.example.org/embed/loader/0123456789ab.js" integrity="sha384-x" crossorigin="anonymous"></script>',
    );
    expect(snippets.hostPolicy).toBe("script-src https://give.example.org; frame-src https://give.example.org");
  });
});
