import { marked } from "marked";
import sanitizeHtml from "sanitize-html";

/**
 * Campaign articles are Markdown written by staff. They are rendered to HTML and sanitized:
 * reading structure only (headings, lists, quotes, emphasis, links), no scripts, styles,
 * iframes or images (the organisation's photos are not ours to hot-link).
 */
const SANITIZE_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ["h2", "h3", "h4", "p", "ul", "ol", "li", "blockquote", "em", "strong", "a", "code", "pre", "hr", "br", "table", "thead", "tbody", "tr", "th", "td", "sup", "sub"],
  allowedAttributes: { a: ["href", "title", "rel", "target"], th: ["scope"], td: ["colspan"] },
  allowedSchemes: ["http", "https", "mailto"],
  // An article's h1 is the campaign title on the page; demote any in the body to keep one h1.
  transformTags: {
    h1: "h2",
    a: (tagName, attribs) => ({
      tagName,
      attribs: /^https?:/i.test(attribs.href ?? "") ? { ...attribs, rel: "noopener noreferrer" } : attribs,
    }),
  },
};

export function renderCampaignMarkdown(markdown: string): string {
  const html = marked.parse(markdown, { async: false, gfm: true });
  return sanitizeHtml(html, SANITIZE_OPTIONS);
}

/** Headings of the article, for tests and a table of contents. */
export function markdownHeadings(markdown: string): string[] {
  return marked
    .lexer(markdown)
    .filter((token): token is Extract<typeof token, { type: "heading" }> => token.type === "heading")
    .map((token) => token.text);
}
