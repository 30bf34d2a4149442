/**
 * The picture link previews show for every page (public/og-image.png, drawn from the lantern
 * mark by scripts/render-brand-images.mjs). A page that sets its own `openGraph` replaces the
 * layout's whole object, so it names this image again.
 */
export const DEFAULT_SHARE_IMAGE = {
  url: "/og-image.png",
  width: 1200,
  height: 630,
  alt: "The Lantern mark, a lit lantern, beside the words: Read their stories. Give once or monthly.",
};
