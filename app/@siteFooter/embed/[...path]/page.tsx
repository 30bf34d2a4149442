/** The embed routes are framed in another site's page (docs/embedding.md): no footer or sign-up form. */
export default function EmbedSiteFooter() {
  return null;
}
