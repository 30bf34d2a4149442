/** The embed routes are framed in another site's page (docs/embedding.md): no header, no skip link, no "Give". */
export default function EmbedSiteHeader() {
  return null;
}
