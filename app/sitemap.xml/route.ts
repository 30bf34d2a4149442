import { getDb } from "@/db/client";
import { isDatabaseUnavailable } from "@/db/database-errors";
import { listPublicCampaignSlugs } from "@/lib/campaigns/campaign-queries";
import { sitemapEntries, sitemapXml } from "@/lib/campaigns/sitemap-xml";
import { env } from "@/lib/env";
import { serviceUnavailableJson } from "@/lib/http/service-unavailable";

// Built from the database at request time, never at build time.
export const dynamic = "force-dynamic";

/**
 * The sitemap. A route handler rather than app/sitemap.ts so that a database outage answers
 * 503 with Retry-After (crawlers come back) instead of a 500 or a sitemap missing the campaigns.
 */
export async function GET(): Promise<Response> {
  let campaigns;
  try {
    campaigns = await listPublicCampaignSlugs(await getDb());
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    return serviceUnavailableJson();
  }
  return new Response(sitemapXml(sitemapEntries(env().APP_URL, campaigns)), {
    headers: { "content-type": "application/xml; charset=utf-8", "cache-control": "public, max-age=0, must-revalidate" },
  });
}
