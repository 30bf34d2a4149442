/**
 * The embed routes: the only pages another site may frame (CSP `frame-ancestors` with the
 * allowed origins, proxy.ts). Everything else keeps `frame-ancestors 'none'`.
 */
const EMBED_PAGE = /^\/embed\/campaigns\/([a-z0-9-]{1,120})\/(form|progress)\/?$/;

export type EmbedPage = { slug: string; widget: "form" | "progress" };

export function embedPageOf(pathname: string): EmbedPage | null {
  const match = EMBED_PAGE.exec(pathname);
  return match ? { slug: match[1]!, widget: match[2] as EmbedPage["widget"] } : null;
}

export function embedFormPath(slug: string): string {
  return `/embed/campaigns/${slug}/form`;
}

export function embedProgressPath(slug: string): string {
  return `/embed/campaigns/${slug}/progress`;
}

/**
 * The admin, which may frame this site's own pages: its "Share and embed" page previews the
 * widgets, and as the admin moves between its pages without a full load, every admin page keeps
 * the policy of the first one. Nothing else frames anything.
 */
export function framesOwnEmbeds(pathname: string): boolean {
  return pathname === "/admin" || pathname.startsWith("/admin/");
}
