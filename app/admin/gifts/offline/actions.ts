"use server";

import { randomUUID } from "node:crypto";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db/client";
import { adminFormAction, textFields } from "@/lib/admin/admin-action";
import { giftSnapshot } from "@/lib/audit/audit-snapshots";
import { revalidateCampaignFigures } from "@/lib/campaigns/cache-tags";
import {
  OFFLINE_GIFT_FIELDS,
  OFFLINE_TEXT_MAX_LENGTH,
  offlineGiftFields,
  toOfflineGiftInput,
  type OfflineGiftFormValues,
} from "@/lib/donations/offline-gift-form";
import { correctOfflineGift, recordOfflineGift, voidOfflineGift, type OfflineGiftOutcome } from "@/lib/donations/offline-gifts";
import { deliverQueuedEmails } from "@/lib/email/outbox";
import { BAD_FORM_MESSAGE } from "@/lib/http/form-input";
import { logger } from "@/lib/observability/logger";

const log = logger("offline gifts");

export type RecordOfflineGiftValues = OfflineGiftFormValues & { entryKey: string };
export type CorrectOfflineGiftValues = OfflineGiftFormValues & { giftId: string; correctionKey: string };
export type VoidOfflineGiftValues = { giftId: string; reason: string };

const REFUSALS = {
  "no-campaign": { campaignId: "That campaign no longer exists. Choose another." },
  "not-found": { form: "This is not a gift received offline, or it no longer exists." },
  voided: { form: "This gift was voided, so it can no longer be corrected." },
} as const;

const readGift = (formData: FormData): OfflineGiftFormValues => ({
  ...textFields(formData, OFFLINE_GIFT_FIELDS),
  anonymous: formData.get("anonymous") === "on",
});

/** After the gift committed: the public figures refresh at once (the webhook's tags), and the receipt leaves. */
async function afterCommit(outcome: Extract<OfflineGiftOutcome, { ok: true }>): Promise<void> {
  for (const campaignId of outcome.campaignIds) await revalidateCampaignFigures(campaignId);
  if (outcome.emailKeys.length > 0) {
    const db = await getDb();
    await deliverQueuedEmails(db, { keys: outcome.emailKeys }).catch((error: unknown) => log.error({ err: error }, "receipt stays queued"));
  }
  revalidatePath("/admin/gifts");
  revalidatePath(`/admin/gifts/${outcome.donationId}`);
}

/**
 * Records a gift received offline (cheque, bank transfer, cash, donor-advised fund, other),
 * attributed to the admin. The form carries its own key (made when it rendered), so sending it
 * twice records one gift: both answers lead to that gift's page. Admins only.
 */
export const recordOfflineGiftAction = adminFormAction({
  name: "recordOfflineGiftAction",
  page: "/admin/gifts/offline/new",
  read: (formData): RecordOfflineGiftValues => ({ ...readGift(formData), ...textFields(formData, ["entryKey"]) }),
  schema: z.object({ ...offlineGiftFields, entryKey: z.uuid(BAD_FORM_MESSAGE) }).transform((form, context) => ({
    entryKey: form.entryKey,
    gift: toOfflineGiftInput(form, context),
  })),
  run: async ({ entryKey, gift }, { admin, audited }) => {
    const { outcome } = await audited(
      async (tx) => {
        const outcome = await recordOfflineGift(tx, gift, { entryKey, adminId: admin.id });
        return { outcome, after: outcome.ok && !outcome.duplicate ? await giftSnapshot(tx, outcome.donationId) : null };
      },
      // A duplicate (the same form sent twice) recorded nothing: no row.
      ({ outcome, after }) =>
        outcome.ok && !outcome.duplicate
          ? { kind: "offline-gift.recorded", object: { type: "gift", id: outcome.donationId, label: outcome.receiptNumber }, after }
          : null,
    );
    if (!outcome.ok) return { errors: REFUSALS[outcome.reason] };
    if (!outcome.duplicate) await afterCommit(outcome);
    redirect(`/admin/gifts/${outcome.donationId}`);
  },
});

/**
 * Corrects a gift received offline: the ledger follows in the same transaction and the receipt
 * keeps its number (the donor, if we have their address, gets the corrected receipt). The form's
 * key makes a double submission send one corrected receipt; a fresh key comes back with the answer.
 */
export const correctOfflineGiftAction = adminFormAction({
  name: "correctOfflineGiftAction",
  page: "/admin/gifts",
  read: (formData): CorrectOfflineGiftValues => ({ ...readGift(formData), ...textFields(formData, ["giftId", "correctionKey"]) }),
  schema: z.object({ ...offlineGiftFields, giftId: z.uuid(BAD_FORM_MESSAGE), correctionKey: z.uuid(BAD_FORM_MESSAGE) }).transform((form, context) => ({
    giftId: form.giftId,
    correctionKey: form.correctionKey,
    gift: toOfflineGiftInput(form, context),
  })),
  run: async ({ giftId, correctionKey, gift }, { admin, values, audited }) => {
    const { outcome } = await audited(
      async (tx) => {
        const before = await giftSnapshot(tx, giftId);
        const outcome = await correctOfflineGift(tx, giftId, gift, { correctionKey, adminId: admin.id });
        return { outcome, before, after: outcome.ok ? await giftSnapshot(tx, giftId) : null };
      },
      ({ outcome, before, after }) =>
        outcome.ok && !outcome.duplicate
          ? { kind: "offline-gift.corrected", object: { type: "gift", id: giftId, label: outcome.receiptNumber }, before, after }
          : null,
    );
    if (!outcome.ok) return { errors: REFUSALS[outcome.reason] };
    await afterCommit(outcome);
    revalidatePath(`/admin/gifts/offline/${giftId}`);
    return {
      message: `Saved. Receipt ${outcome.receiptNumber} keeps its number${outcome.emailKeys.length > 0 ? "; the donor was emailed the corrected receipt" : ""}.`,
      values: { ...values, correctionKey: randomUUID() },
    };
  },
});

/**
 * Voids a gift received offline: it leaves every total, and its receipt keeps its number marked
 * void (the donor, if we have their address, is told). Voiding twice changes nothing. Admins only.
 */
export const voidOfflineGiftAction = adminFormAction({
  name: "voidOfflineGiftAction",
  page: "/admin/gifts",
  read: (formData): VoidOfflineGiftValues => textFields(formData, ["giftId", "reason"]),
  schema: z.object({
    giftId: z.uuid(BAD_FORM_MESSAGE),
    reason: z
      .string()
      .trim()
      .min(1, "Say why the gift is void, e.g. the cheque bounced.")
      .max(OFFLINE_TEXT_MAX_LENGTH, `Keep the reason to ${OFFLINE_TEXT_MAX_LENGTH} characters.`)
      .refine((value) => !/[\u0000-\u001f\u007f]/.test(value), "Use letters, numbers and punctuation only."),
  }),
  run: async ({ giftId, reason }, { admin, audited }) => {
    const { outcome } = await audited(
      async (tx) => {
        const before = await giftSnapshot(tx, giftId);
        const outcome = await voidOfflineGift(tx, giftId, { reason, adminId: admin.id });
        return { outcome, before, after: outcome.ok ? await giftSnapshot(tx, giftId) : null };
      },
      // The reason is free text (it may name the donor): left out.
      ({ outcome, before, after }) =>
        outcome.ok && !outcome.duplicate
          ? { kind: "offline-gift.voided", object: { type: "gift", id: giftId, label: outcome.receiptNumber }, before, after }
          : null,
    );
    if (!outcome.ok) return { errors: { form: REFUSALS["not-found"].form } };
    if (!outcome.duplicate) await afterCommit(outcome);
    revalidatePath(`/admin/gifts/offline/${giftId}`);
    return { message: `Voided. Receipt ${outcome.receiptNumber} is marked void and the gift counts in no total.` };
  },
});
