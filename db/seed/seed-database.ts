import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { campaigns, type NewCampaign } from "../schema";
import type { Database } from "../database";

const CONTENT_FOLDER = path.join(process.cwd(), "db", "seed", "content");

const seedCampaignSchema = z.object({
  slug: z.string(),
  title: z.string(),
  summary: z.string(),
  publishedOn: z.string(),
  /** Where the article first appeared: the page says so, with a link. */
  sourceName: z.string().optional(),
  sourceUrl: z.string().url().optional(),
  sourcePublishedOn: z.string().optional(),
  bodyFile: z.string(),
});

/** Goals and amounts for the founding campaigns, in minor units (USD cents). */
const FOUNDING_CAMPAIGN_SETTINGS: Record<string, Pick<NewCampaign, "goalAmount" | "featured" | "presetImpacts">> = {
  "inside-north-korea-pandemic-era-controls": { goalAmount: 10_000_000, featured: true },
  // What each suggested amount does, shown under the amounts (illustrative: staff set their own in the editor).
  "foreign-media-in-north-korea": {
    goalAmount: 5_000_000,
    featured: false,
    presetImpacts: [
      { amount: 2_500, text: "a USB drive of films, music and news" },
      { amount: 5_000, text: "a month of radio broadcasts" },
      { amount: 10_000, text: "a year of news for one listener" },
    ],
  },
};
const DEFAULT_PRESET_AMOUNTS = [2_500, 5_000, 10_000, 25_000];

/** The campaigns an empty database starts with: the two founding articles and the general fund. */
export function foundingCampaigns(): NewCampaign[] {
  const entries = z.array(seedCampaignSchema).parse(JSON.parse(fs.readFileSync(path.join(CONTENT_FOLDER, "campaigns.json"), "utf8")));
  const articles: NewCampaign[] = entries.map((entry) => ({
    slug: entry.slug,
    kind: "campaign",
    title: entry.title,
    summary: entry.summary,
    bodyMarkdown: fs.readFileSync(path.join(CONTENT_FOLDER, entry.bodyFile), "utf8"),
    goalAmount: FOUNDING_CAMPAIGN_SETTINGS[entry.slug]?.goalAmount ?? 5_000_000,
    featured: FOUNDING_CAMPAIGN_SETTINGS[entry.slug]?.featured ?? false,
    presetImpacts: FOUNDING_CAMPAIGN_SETTINGS[entry.slug]?.presetImpacts ?? [],
    currency: "USD",
    status: "active",
    presetAmounts: DEFAULT_PRESET_AMOUNTS,
    publishedOn: entry.publishedOn,
    sourceName: entry.sourceName ?? null,
    sourceUrl: entry.sourceUrl ?? null,
    sourcePublishedOn: entry.sourcePublishedOn ?? null,
  }));
  const generalFund: NewCampaign = {
    slug: "general-fund", // the address lib/campaigns/general-fund.ts looks the fund up by
    kind: "general_fund",
    title: "Where it's needed most",
    summary: "Gifts to the general fund go wherever the need is greatest: rescue, resettlement and information access.",
    bodyMarkdown: "",
    goalAmount: null,
    currency: "USD",
    status: "active",
    presetAmounts: DEFAULT_PRESET_AMOUNTS,
  };
  return [...articles, generalFund];
}

/** Seeds the founding campaigns into an empty database; does nothing once any campaign exists. */
export async function seedDatabase(db: Database): Promise<void> {
  const existing = await db.select({ id: campaigns.id }).from(campaigns).limit(1);
  if (existing.length > 0) return;
  await db.insert(campaigns).values(foundingCampaigns()).onConflictDoNothing({ target: campaigns.slug });
}
