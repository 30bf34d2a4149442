import type { MetadataRoute } from "next";
import { connection } from "next/server";
import { getDb } from "@/db/client";
import { listPublicCampaignSlugs } from "@/lib/campaigns/campaign-queries";
import { env } from "@/lib/env";

export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  await connection(); // built from the database at request time, never at build time
  const base = env().APP_URL.replace(/\/$/, "");
  const campaigns = await listPublicCampaignSlugs(await getDb());
  return [
    { url: `${base}/`, changeFrequency: "daily", priority: 1 },
    { url: `${base}/donate`, changeFrequency: "monthly", priority: 0.8 },
    ...campaigns.map((campaign) => ({
      url: `${base}/campaigns/${campaign.slug}`,
      lastModified: campaign.updatedAt,
      changeFrequency: "weekly" as const,
      priority: 0.9,
    })),
  ];
}
