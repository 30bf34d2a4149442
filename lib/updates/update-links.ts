/** Where an update is read on the site: its campaign page, or /updates for organisation news. */
export function updatePageUrl(appUrl: string, update: { id: string; campaignSlug: string | null }): string {
  const path = update.campaignSlug ? `/campaigns/${update.campaignSlug}` : "/updates";
  return new URL(`${path}#update-${update.id}`, appUrl).toString();
}
