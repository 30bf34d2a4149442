import type { UpdateAudience } from "./update-form";

/** How many confirmed subscribers each audience would email now (campaign: null for organisation news). */
export interface AudienceCounts {
  campaign: number | null;
  all: number;
}

/**
 * The audience the publish form starts on: the largest one with readers. "All confirmed
 * subscribers" includes the campaign's own readers, so it wins unless nobody is subscribed at
 * all; never one of 0 people while another has readers.
 */
export function defaultAudience(counts: AudienceCounts): UpdateAudience {
  if (counts.campaign === null) return "all";
  if (counts.all > 0 && counts.all >= counts.campaign) return "all";
  return counts.campaign > 0 ? "campaign" : "all";
}
