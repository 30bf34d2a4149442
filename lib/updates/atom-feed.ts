import { Feed } from "feed";
import { UPDATES_FEED_PATH, updatePageUrl } from "./update-links";
import type { PublishedUpdate } from "./update-queries";

/**
 * The Atom 1.0 document for /updates/feed.xml (the `feed` library writes and escapes the XML).
 * Entry ids are tag-like URNs from the update's id, so a correction updates an entry in readers
 * instead of adding a new one; `updated` moves with corrections, `published` never.
 */
export function updatesAtomFeed(updates: PublishedUpdate[], site: { appUrl: string; organisationName: string }): string {
  const newest = updates.reduce<Date | null>((latest, update) => (!latest || update.updatedAt > latest ? update.updatedAt : latest), null);
  const feed = new Feed({
    id: new URL("/updates", site.appUrl).toString(),
    title: `${site.organisationName}: updates`,
    description: `News from ${site.organisationName} and its campaigns.`,
    link: new URL("/updates", site.appUrl).toString(),
    language: "en",
    updated: newest ?? new Date(0),
    feedLinks: { atom: new URL(UPDATES_FEED_PATH, site.appUrl).toString() },
    author: { name: site.organisationName, link: site.appUrl },
    copyright: `© ${site.organisationName}`,
    generator: "Lantern",
  });
  for (const update of updates) {
    feed.addItem({
      title: escapedAsText(update.campaign ? `${update.campaign.title}: ${update.title}` : update.title),
      id: `urn:uuid:${update.id}`,
      link: updatePageUrl(site.appUrl, { id: update.id, campaignSlug: update.campaign?.slug ?? null }),
      date: update.updatedAt,
      published: update.publishedAt,
      content: update.bodyHtml,
      author: [{ name: site.organisationName }],
    });
  }
  return feed.atom1();
}

/**
 * The feed library writes entry titles as `type="html"`: a title is plain text, so it goes out
 * escaped, and readers show "<b>" or "&" as typed instead of reading markup (and no "]]>" can end
 * the CDATA section around it).
 */
function escapedAsText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}
