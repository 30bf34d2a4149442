import type { EmbedKind } from "./embed-kinds";

/**
 * The HTML an admin pastes into the organisation's site (docs/embedding.md gives the same): an
 * ordinary link to the campaign page, marked for the loader, and the loader's script tag.
 */
export interface EmbedSnippets {
  kinds: { kind: EmbedKind; label: string; hint: string; html: string }[];
  /** The script at its versioned address with its SRI hash. */
  pinnedScript: string;
  /** The host page's CSP directives for Lantern. */
  hostPolicy: string;
}

const escapeHtml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export function embedSnippets({
  appOrigin,
  slug,
  title,
  loader,
}: {
  appOrigin: string;
  slug: string;
  title: string;
  loader: { version: string; integrity: string };
}): EmbedSnippets {
  const script = `<script async src="${appOrigin}/embed.js"></script>`;
  const link = (kind: EmbedKind, text: string) => `<a href="${appOrigin}/campaigns/${slug}" data-lantern-embed="${kind}">${escapeHtml(text)}</a>\n${script}`;
  return {
    kinds: [
      {
        kind: "button",
        label: "Donate button",
        hint: "Your link, styled by your site; it opens the giving form over your page.",
        html: link("button", `Give to ${title}`),
      },
      {
        kind: "form",
        label: "Embedded form",
        hint: "The giving form in your page: once or monthly, amounts, card fee, dedication.",
        html: link("form", `Give to ${title}`),
      },
      {
        kind: "progress",
        label: "Progress widget",
        hint: "Raised, goal and donors, with a Give button that opens the form.",
        html: link("progress", `See how ${title} is doing and give`),
      },
    ],
    pinnedScript: `<script async src="${appOrigin}/embed/loader/${loader.version}.js" integrity="${loader.integrity}" crossorigin="anonymous"></script>`,
    hostPolicy: `script-src ${appOrigin}; frame-src ${appOrigin}`,
  };
}
