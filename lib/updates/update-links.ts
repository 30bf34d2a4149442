/** Where an update is read on the site: its campaign page, or /updates for organisation news. */
export function updatePageUrl(appUrl: string, update: { id: string; campaignSlug: string | null }): string {
  const path = update.campaignSlug ? `/campaigns/${update.campaignSlug}` : "/updates";
  return new URL(`${path}#update-${update.id}`, appUrl).toString();
}

export const UPDATES_FEED_PATH = "/updates/feed.xml";

/** The `<link rel="alternate" type="application/atom+xml">` every page's head carries (Next metadata shape). */
export function updatesFeedAlternate(): { "application/atom+xml": { url: string; title: string }[] } {
  return { "application/atom+xml": [{ url: UPDATES_FEED_PATH, title: "Updates (Atom feed)" }] };
}
