"use server";

import { z } from "zod";
import { getDb } from "@/db/client";
import { adminFormAction, textFields, type AdminFormState } from "@/lib/admin/admin-action";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { revalidateCampaignFigures } from "@/lib/campaigns/cache-tags";
import { stripe } from "@/lib/payments/stripe-client";
import { eraseDonor } from "@/lib/privacy/erase-donor";

const FIELDS = ["donorId", "confirmed"] as const;
export type EraseDonorValues = Record<(typeof FIELDS)[number], string>;
export type EraseDonorState = AdminFormState<EraseDonorValues>;

/**
 * An owner erases a donor's personal data (lib/privacy/erase-donor.ts), for a request that came
 * by letter or phone. The audit row is written in the erasure's own transaction and names the
 * donor by id only: it must hold nothing the erasure removes.
 */
export const eraseDonorAction = adminFormAction({
  name: "eraseDonorAction",
  page: "/admin/donors",
  read: (formData): EraseDonorValues => textFields(formData, FIELDS),
  schema: z.object({
    donorId: z.uuid("This donor does not exist."),
    confirmed: z.literal("yes", "Tick the box to confirm that this donor asked to be forgotten."),
  }),
  run: async ({ donorId }, { actor }) => {
    const outcome = await eraseDonor(await getDb(), stripe(), donorId, {
      inTransaction: (tx, facts) =>
        recordAuditEvent(tx, actor, {
          kind: "donor.erased",
          object: { type: "donor", id: donorId },
          after: { gifts: facts.giftCount, campaigns: facts.campaignIds.length },
        }),
    });
    if (!outcome.ok) return { errors: { form: outcome.message } };
    await Promise.all(outcome.campaignIds.map((id) => revalidateCampaignFigures(id)));
    if (outcome.alreadyErased) return { message: "This donor's personal data was erased before. Nothing else was left to erase." };
    return {
      message:
        outcome.stripeCustomersPending > 0
          ? "The donor's personal data is erased here. Stripe could not be reached for some of their customer records: erase again later to finish."
          : "The donor's personal data is erased, here and in their Stripe customer records. Their gifts stay in every total, without their name.",
    };
  },
});
