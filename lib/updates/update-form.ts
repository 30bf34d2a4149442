import { z } from "zod";

/** The update editor's fields as strings, exactly as the form sent them (redrawn after a refusal). */
export interface UpdateFormValues {
  title: string;
  bodyMarkdown: string;
  /** A campaign id, or "" for news from the whole organisation. */
  campaignId: string;
}

export type UpdateFormErrors = Partial<Record<keyof UpdateFormValues | "form", string>>;

export interface UpdateInput {
  title: string;
  bodyMarkdown: string;
  campaignId: string | null;
}

const updateSchema = z.object({
  title: z.string().trim().min(1, "Give the update a title.").max(200, "Keep the title under 200 characters."),
  bodyMarkdown: z.string().trim().min(1, "Write the update.").max(50_000, "Keep the update under 50,000 characters."),
  campaignId: z.union([z.literal(""), z.uuid("Choose a campaign from the list.")]),
});

export function updateFormValuesFrom(formData: FormData): UpdateFormValues {
  const text = (name: string) => {
    const value = formData.get(name);
    return typeof value === "string" ? value : "";
  };
  return { title: text("title"), bodyMarkdown: text("bodyMarkdown"), campaignId: text("campaignId") };
}

export function parseUpdateForm(values: UpdateFormValues): { ok: true; input: UpdateInput } | { ok: false; errors: UpdateFormErrors } {
  const parsed = updateSchema.safeParse(values);
  if (!parsed.success) {
    const errors: UpdateFormErrors = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as keyof UpdateFormValues | undefined;
      if (field && !errors[field]) errors[field] = issue.message;
    }
    return { ok: false, errors };
  }
  const { title, bodyMarkdown, campaignId } = parsed.data;
  return { ok: true, input: { title, bodyMarkdown, campaignId: campaignId === "" ? null : campaignId } };
}

/** Who a published update is emailed to. */
export const audienceSchema = z.enum(["campaign", "all"]);
export type UpdateAudience = z.infer<typeof audienceSchema>;
