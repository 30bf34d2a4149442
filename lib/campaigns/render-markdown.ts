import { Marked, marked } from "marked";
import sanitizeHtml from "sanitize-html";
import { isVariantUrl, referencedImageId } from "@/lib/images/image-urls";
import { emailImageHtml, pictureHtml, type RenderableImage } from "@/lib/images/picture";

/**
 * Campaign articles are Markdown written by staff. They are rendered to HTML and sanitized:
 * reading structure only (headings, lists, quotes, emphasis, links), no scripts, styles or
 * iframes. Images only from Lantern's own uploads: `![alt](/images/<id>)` becomes a
 * `<picture>` of that image's variants; any other image (the organisation's photos are not ours
 * to hot-link) is removed.
 */
/** A link's address as written, or resolved against `base` (email: relative links lead nowhere in an inbox). */
function linkAddress(href: string | undefined, base: string | undefined): string | undefined {
  if (href === undefined || base === undefined || href.trim() === "") return href;
  try {
    return new URL(href.trim(), base).toString();
  } catch {
    return href;
  }
}

function sanitizeOptions(imageOrigin: string | undefined, linkBase: string | undefined): sanitizeHtml.IOptions {
  const ownVariant = (address: string) => isVariantUrl(imageOrigin && address.startsWith(`${imageOrigin}/`) ? address.slice(imageOrigin.length) : address);
  return {
    allowedTags: [
      "h2",
      "h3",
      "h4",
      "p",
      "ul",
      "ol",
      "li",
      "blockquote",
      "em",
      "strong",
      "a",
      "code",
      "pre",
      "hr",
      "br",
      "table",
      "thead",
      "tbody",
      "tr",
      "th",
      "td",
      "sup",
      "sub",
      "picture",
      "source",
      "img",
    ],
    allowedAttributes: {
      a: ["href", "title", "rel", "target"],
      th: ["scope"],
      td: ["colspan"],
      source: ["type", "srcset", "sizes"],
      img: ["src", "srcset", "sizes", "width", "height", "alt", "loading", "decoding"],
    },
    allowedSchemes: ["http", "https", "mailto"],
    // An article's h1 is the campaign title on the page; demote any in the body to keep one h1.
    transformTags: {
      h1: "h2",
      a: (tagName, given) => {
        const href = linkAddress(given.href, linkBase);
        const attribs = href === undefined ? given : { ...given, href };
        return { tagName, attribs: /^https?:/i.test(attribs.href ?? "") ? { ...attribs, rel: "noopener noreferrer" } : attribs };
      },
    },
    // Raw HTML can name any address: an image or source survives only when every address it
    // names is one of Lantern's own image variants.
    exclusiveFilter: (frame) => {
      if (frame.tag !== "img" && frame.tag !== "source") return false;
      const addresses = [frame.attribs.src, ...(frame.attribs.srcset ?? "").split(",").map((entry) => entry.trim().split(/\s+/)[0])].filter(
        (address): address is string => address !== undefined && address !== "",
      );
      if (frame.tag === "img" && !frame.attribs.src) return true;
      return addresses.length === 0 || !addresses.every(ownVariant);
    },
  };
}

/** How wide an article picture is drawn: the article column on wide screens, the screen on phones. */
export const ARTICLE_IMAGE_SIZES = "(min-width: 1024px) 42rem, 100vw";

export interface RenderMarkdownOptions {
  /**
   * For email: the site's origin (e.g. https://give.example.org). Pictures become one plain
   * `<img>` at that absolute address (email clients ignore `<picture>` sources and relative URLs).
   */
  imageOrigin?: string;
  /**
   * For email: the address relative links (`/about`, `../donate`, `#part`) are resolved
   * against (APP_URL), so they work from an inbox. Absolute links stay as written.
   */
  linkBase?: string;
}

/**
 * `images`: the uploaded images the article may show, by id (see referencedImageIds); an
 * image reference to anything else is dropped.
 */
export function renderCampaignMarkdown(
  markdown: string,
  images: ReadonlyMap<string, RenderableImage> = new Map(),
  options: RenderMarkdownOptions = {},
): string {
  const renderer = new Marked({ gfm: true, async: false });
  renderer.use({
    renderer: {
      image({ href, text }) {
        const image = images.get(referencedImageId(href) ?? "");
        if (!image) return "";
        // The Markdown's own words describe it in context; the upload's alt text when it has none.
        const altText = text.trim() || image.altText;
        return options.imageOrigin ? emailImageHtml(image, altText, options.imageOrigin) : pictureHtml(image, altText, ARTICLE_IMAGE_SIZES);
      },
    },
  });
  const html = renderer.parse(markdown, { async: false });
  return sanitizeHtml(html, sanitizeOptions(options.imageOrigin, options.linkBase));
}

/** Headings of the article, for tests and a table of contents. */
export function markdownHeadings(markdown: string): string[] {
  return marked
    .lexer(markdown)
    .filter((token): token is Extract<typeof token, { type: "heading" }> => token.type === "heading")
    .map((token) => token.text);
}
