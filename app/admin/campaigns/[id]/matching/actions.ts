"use server";

import { matchSnapshot } from "@/lib/audit/audit-snapshots";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { adminFormAction, textFields, type AdminFormState } from "@/lib/admin/admin-action";
import { addCampaignMatch, endCampaignMatch } from "@/lib/campaigns/campaign-matches";
import { revalidateCampaignFigures } from "@/lib/campaigns/cache-tags";

const MATCH_FIELDS = ["campaignId", "sponsorName", "ratio", "cap", "startsAt", "endsAt"] as const;
export type MatchFormState = AdminFormState<Record<(typeof MATCH_FIELDS)[number], string>>;

/** Adds a sponsor's match to the campaign; its page announces it (and gifts draw on it) from its start. Admins only. */
export const addCampaignMatchAction = adminFormAction({
  name: "addCampaignMatchAction",
  page: "/admin/campaigns",
  read: (formData) => textFields(formData, MATCH_FIELDS),
  schema: z.object({
    campaignId: z.uuid(),
    sponsorName: z.string().trim().min(1, "Enter the sponsor's name.").max(120, "Keep the sponsor's name to 120 characters or fewer."),
    ratio: z.enum(["1", "2"], { error: "Choose 1:1 or 2:1." }),
    cap: z.string().trim().min(1, "Enter the most the sponsor will give.").max(30, "Enter the cap in numbers."),
    startsAt: z.string().trim().max(30),
    endsAt: z.string().trim().max(30),
  }),
  run: async ({ campaignId, ...input }, { audited }) => {
    const { added } = await audited(
      async (tx) => {
        const added = await addCampaignMatch(tx, campaignId, input);
        return { added, after: added.ok ? await matchSnapshot(tx, added.id) : null };
      },
      // The sponsor's name is left out (it may be a person); the match is known by its id and campaign.
      ({ added, after }) => (added.ok ? { kind: "match.added", object: { type: "match", id: added.id }, after } : null),
    );
    if (!added.ok) return { errors: added.errors };
    await revalidateCampaignFigures(campaignId);
    revalidatePath(`/admin/campaigns/${campaignId}/matching`);
    return {
      values: { campaignId, sponsorName: "", ratio: "1", cap: "", startsAt: "", endsAt: "" },
      message: `Added the match by ${input.sponsorName}.`,
    };
  },
});

/** Ends a match now; what it matched stays on the sponsor's statement. Admins only. */
export const endCampaignMatchAction = adminFormAction({
  name: "endCampaignMatchAction",
  page: "/admin/campaigns",
  read: (formData) => textFields(formData, ["matchId"]),
  schema: z.object({ matchId: z.uuid() }),
  run: async ({ matchId }, { audited }) => {
    const { ended } = await audited(
      async (tx) => {
        const before = await matchSnapshot(tx, matchId);
        const ended = await endCampaignMatch(tx, matchId);
        return { ended, before, after: ended ? await matchSnapshot(tx, matchId) : null };
      },
      ({ ended, before, after }) => (ended ? { kind: "match.ended", object: { type: "match", id: matchId }, before, after } : null),
    );
    if (!ended) return { errors: { form: "That match no longer exists." } };
    await revalidateCampaignFigures(ended.campaignId);
    revalidatePath(`/admin/campaigns/${ended.campaignId}/matching`);
    return { message: "The match has ended: gifts from now on are not matched." };
  },
});
