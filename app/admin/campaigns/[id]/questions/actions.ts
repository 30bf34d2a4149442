"use server";

import { campaignSnapshot } from "@/lib/audit/audit-snapshots";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { adminFormAction, type AdminFormState } from "@/lib/admin/admin-action";
import { revalidateCampaignEdit } from "@/lib/campaigns/cache-tags";
import { parseQuestionSlots, QUESTION_KEYS } from "@/lib/campaigns/campaign-questions";
import { saveCampaignQuestions } from "@/lib/campaigns/save-campaign-questions";

const TEXT_FIELDS = ["campaignId", ...QUESTION_KEYS.flatMap((key) => [`${key}_label`, `${key}_kind`, `${key}_options`] as const)] as const;
type QuestionsValues = Record<(typeof TEXT_FIELDS)[number], string> & Record<`${(typeof QUESTION_KEYS)[number]}_required` | "askPostalAddress", boolean>;
export type QuestionsFormState = AdminFormState<QuestionsValues>;

function readQuestionsForm(formData: FormData): QuestionsValues {
  const values = {} as Record<string, string | boolean>;
  for (const name of TEXT_FIELDS) {
    const value = formData.get(name);
    values[name] = typeof value === "string" ? value : "";
  }
  for (const key of QUESTION_KEYS) values[`${key}_required`] = formData.get(`${key}_required`) === "on";
  values.askPostalAddress = formData.get("askPostalAddress") === "on";
  return values as QuestionsValues;
}

const text = (max: number) => z.string().max(max, "That is too long.");

/** Saves a campaign's questions on the donation form (up to three) and whether it asks for a postal address. Admins only. */
export const saveCampaignQuestionsAction = adminFormAction({
  name: "saveCampaignQuestionsAction",
  page: "/admin/campaigns",
  read: readQuestionsForm,
  schema: z.object({
    campaignId: z.uuid(),
    ...Object.fromEntries(
      QUESTION_KEYS.flatMap((key) => [
        [`${key}_label`, text(500)],
        [`${key}_kind`, text(20)],
        [`${key}_options`, text(10_000)],
        [`${key}_required`, z.boolean()],
      ]),
    ),
    askPostalAddress: z.boolean(),
  }) as unknown as z.ZodType<QuestionsValues, QuestionsValues>,
  run: async (values, { audited }) => {
    const parsed = parseQuestionSlots(
      QUESTION_KEYS.map((key) => ({
        label: values[`${key}_label`],
        kind: values[`${key}_kind`],
        options: values[`${key}_options`],
        required: values[`${key}_required`],
      })),
    );
    if (!parsed.ok) return { errors: parsed.errors };
    const { saved } = await audited(
      async (tx) => {
        const before = await campaignSnapshot(tx, values.campaignId);
        const saved = await saveCampaignQuestions(tx, values.campaignId, parsed.questions, values.askPostalAddress);
        return { saved, before, after: saved ? await campaignSnapshot(tx, values.campaignId) : null };
      },
      ({ saved, before, after }) =>
        saved
          ? { kind: "campaign.questions-saved", object: { type: "campaign", id: values.campaignId, label: (after?.title as string) ?? null }, before, after }
          : null,
    );
    if (!saved) return { errors: { form: "That campaign no longer exists." } };
    await revalidateCampaignEdit({ campaignId: values.campaignId, slug: saved.slug });
    revalidatePath(`/admin/campaigns/${values.campaignId}/questions`);
    const count = parsed.questions.length;
    return {
      message: `Saved: ${count === 0 ? "no questions" : count === 1 ? "1 question" : `${count} questions`}${values.askPostalAddress ? ", and the postal address" : ""} on the donation form.`,
    };
  },
});
