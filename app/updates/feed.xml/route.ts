import { env } from "@/lib/env";
import { getAllUpdates } from "@/lib/updates/cached-updates";
import { updatesAtomFeed } from "@/lib/updates/atom-feed";

// Cached like the pages; publishing or correcting an update expires the data tag.
export const revalidate = 3600;

export async function GET(): Promise<Response> {
  const { APP_URL, ORG_NAME } = env();
  const body = updatesAtomFeed(await getAllUpdates(), { appUrl: APP_URL, organisationName: ORG_NAME });
  return new Response(body, { headers: { "content-type": "application/atom+xml; charset=utf-8" } });
}
