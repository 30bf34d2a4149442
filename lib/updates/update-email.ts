import "server-only";
import { eq } from "drizzle-orm";
import { campaigns, updates } from "@/db/schema";
import type { Database } from "@/db/database";
import type { RenderedEmail } from "@/lib/email/render-email";
import { renderEmail } from "@/lib/email/render-email";
import { renderCampaignMarkdown } from "@/lib/campaigns/render-markdown";
import { findImages } from "@/lib/images/image-records";
import { referencedImageIds } from "@/lib/images/image-urls";
import type { RenderableImage } from "@/lib/images/picture";
import { listUnsubscribeHeaders } from "@/lib/subscribers/subscriber-links";
import { signUnsubscribeToken } from "@/lib/subscribers/tokens";
import { updatePageUrl } from "./update-links";

/** What update emails need to build links; from subscriptionSettings() in the app, chosen in tests. */
export interface UpdateEmailSettings {
  appUrl: string;
  organisationName: string;
  linkSecret: string;
}

/** Stands in for the reader's signed token in the rendered email; swapped per recipient. */
const TOKEN_PLACEHOLDER = "LANTERN-UNSUBSCRIBE-TOKEN";
/** Stands in for "Dear <first name>," (letters only, so rendering leaves it as it is). */
const GREETING_PLACEHOLDER = "LANTERNGREETINGPLACEHOLDER";

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;" };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);

export function greetingFor(firstName: string | null): string {
  return firstName?.trim() ? `Dear ${firstName.trim()},` : "Hello,";
}

export interface UpdateEmailShell extends RenderedEmail {
  updateId: string;
}

/**
 * An update's Markdown as the email shows it: as on the site, but every link and picture at an
 * absolute address on APP_URL (an inbox has no page to resolve `/about` against).
 */
export function updateEmailBodyHtml(markdown: string, images: ReadonlyMap<string, RenderableImage>, appUrl: string): string {
  return renderCampaignMarkdown(markdown, images, { imageOrigin: new URL(appUrl).origin, linkBase: appUrl });
}

/** Renders an update's email once, with a placeholder where each reader's unsubscribe token goes. */
export async function renderUpdateEmailShell(db: Database, updateId: string, settings: UpdateEmailSettings): Promise<UpdateEmailShell | null> {
  const [row] = await db
    .select({ id: updates.id, title: updates.title, bodyMarkdown: updates.bodyMarkdown, campaignTitle: campaigns.title, campaignSlug: campaigns.slug })
    .from(updates)
    .leftJoin(campaigns, eq(campaigns.id, updates.campaignId))
    .where(eq(updates.id, updateId));
  if (!row) return null;
  const unsubscribeUrl = new URL("/unsubscribe", settings.appUrl);
  unsubscribeUrl.searchParams.set("token", TOKEN_PLACEHOLDER);
  const rendered = await renderEmail("campaign-update", {
    organisationName: settings.organisationName,
    title: row.title,
    bodyHtml: updateEmailBodyHtml(row.bodyMarkdown, await findImages(db, referencedImageIds(row.bodyMarkdown)), settings.appUrl),
    campaignTitle: row.campaignTitle,
    greeting: GREETING_PLACEHOLDER,
    pageUrl: updatePageUrl(settings.appUrl, { id: row.id, campaignSlug: row.campaignSlug }),
    unsubscribeUrl: unsubscribeUrl.toString(),
  });
  return { ...rendered, updateId: row.id };
}

/** The shell with this reader's unsubscribe link, plus the RFC 2369 / RFC 8058 headers. */
export function personaliseUpdateEmail(
  shell: UpdateEmailShell,
  reader: { subscriberId: string; firstName: string | null },
  settings: UpdateEmailSettings,
): RenderedEmail & { headers: Record<string, string> } {
  const { subscriberId } = reader;
  // The token is a uuid, a dot and base64url: nothing to escape in HTML, text or a URL.
  const token = signUnsubscribeToken(subscriberId, settings.linkSecret);
  const greeting = greetingFor(reader.firstName);
  return {
    subject: shell.subject,
    html: shell.html.replaceAll(TOKEN_PLACEHOLDER, token).replaceAll(GREETING_PLACEHOLDER, escapeHtml(greeting)),
    text: shell.text.replaceAll(TOKEN_PLACEHOLDER, token).replaceAll(GREETING_PLACEHOLDER, greeting),
    headers: listUnsubscribeHeaders(settings.appUrl, subscriberId, settings.linkSecret),
  };
}
