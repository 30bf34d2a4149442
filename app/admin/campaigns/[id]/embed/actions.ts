"use server";

import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { z } from "zod";
import { getDb } from "@/db/client";
import { adminFormAction, textFields, type AdminFormState } from "@/lib/admin/admin-action";
import { saveEmbedOrigins } from "@/lib/embed/save-embed-origins";

export type EmbedOriginsFormState = AdminFormState<{ campaignId: string; scope: string; origins: string }>;

/**
 * Saves the sites allowed to embed: every campaign's (scope "installation") or this campaign's
 * own. Admins only. A bad entry refuses the list with its reason; nothing is written then.
 */
export const saveEmbedOriginsAction = adminFormAction({
  name: "saveEmbedOriginsAction",
  page: "/admin/campaigns",
  read: (formData) => textFields(formData, ["campaignId", "scope", "origins"]),
  schema: z.object({ campaignId: z.uuid(), scope: z.enum(["installation", "campaign"]), origins: z.string().max(20_000, "That list is too long.") }),
  run: async ({ campaignId, scope, origins }, { actor }) => {
    const listCampaign = scope === "campaign" ? campaignId : null;
    const saved = await saveEmbedOrigins(await getDb(), listCampaign, origins, (tx, change) =>
      recordAuditEvent(tx, actor, {
        kind: "settings.embed-origins",
        object: {
          type: "settings",
          id: listCampaign ? `embed-origins:${listCampaign}` : "embed-origins",
          label: listCampaign ? "This campaign's sites" : "Every campaign's sites",
        },
        before: { origins: change.before },
        after: { origins: change.after },
      }),
    );
    if (!saved.ok) return { errors: { origins: saved.message } };
    return {
      values: { campaignId, scope, origins: saved.origins.join("\n") },
      message:
        saved.origins.length === 0 ? "Saved: no sites on this list." : `Saved: ${saved.origins.length} ${saved.origins.length === 1 ? "site" : "sites"}.`,
    };
  },
});
