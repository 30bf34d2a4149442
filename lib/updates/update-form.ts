import { z } from "zod";

/** The update editor's fields as strings, exactly as the form sent them (redrawn after a refusal). */
export interface UpdateFormValues {
  title: string;
  bodyMarkdown: string;
  /** A campaign id, or "" for news from the whole organisation. */
  campaignId: string;
}

export interface UpdateInput {
  title: string;
  bodyMarkdown: string;
  campaignId: string | null;
}

/** The editor's values → a typed update; each message names what to fix. */
export const updateFormSchema = z
  .object({
    title: z.string().trim().min(1, "Give the update a title.").max(200, "Keep the title under 200 characters."),
    bodyMarkdown: z.string().trim().min(1, "Write the update.").max(50_000, "Keep the update under 50,000 characters."),
    campaignId: z.union([z.literal(""), z.uuid("Choose a campaign from the list.")], { error: "Choose a campaign from the list." }),
  })
  .transform(({ title, bodyMarkdown, campaignId }): UpdateInput => ({ title, bodyMarkdown, campaignId: campaignId === "" ? null : campaignId }));

export function updateFormValuesFrom(formData: FormData): UpdateFormValues {
  const text = (name: string) => {
    const value = formData.get(name);
    return typeof value === "string" ? value : "";
  };
  return { title: text("title"), bodyMarkdown: text("bodyMarkdown"), campaignId: text("campaignId") };
}

/** Who a published update is emailed to. */
export const audienceSchema = z.enum(["campaign", "all"]);
export type UpdateAudience = z.infer<typeof audienceSchema>;

/** The publish form: which update, to whom, and the explicit "yes, email them now". */
export interface PublishFormValues {
  id: string;
  audience: string;
  confirm: string;
}

export const publishFormSchema = z.object({
  id: z.uuid("This update no longer exists."),
  audience: z.enum(["campaign", "all"], "Choose who receives the update."),
  confirm: z.literal("yes", "Tick the box to confirm you want to email them now."),
});
