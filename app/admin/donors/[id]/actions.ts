"use server";

import { randomUUID } from "node:crypto";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { adminFormAction, textFields, type AdminFormState } from "@/lib/admin/admin-action";
import { addDonorNote, DONOR_NOTE_MAX_LENGTH } from "@/lib/donors/donor-notes";

const NOTE_FIELDS = ["donorId", "body", "entryKey"] as const;
export type DonorNoteValues = Record<(typeof NOTE_FIELDS)[number], string>;
export type DonorNoteState = AdminFormState<DonorNoteValues>;

const noteForm = z.object({
  donorId: z.uuid("This donor does not exist."),
  body: z.string().trim().min(1, "Write the note first.").max(DONOR_NOTE_MAX_LENGTH, `Keep the note to ${DONOR_NOTE_MAX_LENGTH} characters.`),
  entryKey: z.uuid("Something went wrong with this form. Please reload the page and try again."),
});

/** Adds an internal note to a donor's record; the form's key makes a double submit add one. */
export const addDonorNoteAction = adminFormAction({
  name: "addDonorNoteAction",
  page: "/admin/donors",
  read: (formData): DonorNoteValues => textFields(formData, NOTE_FIELDS),
  schema: noteForm,
  run: async (input, { admin, audited, values }) => {
    // One audit row with the note (never its text: that is about the donor), none for a repeat.
    const outcome = await audited(
      (tx) => addDonorNote(tx, { ...input, author: admin }),
      (result) =>
        result.ok && !result.duplicate
          ? { kind: "donor.note-added", object: { type: "donor", id: input.donorId }, after: { length: input.body.length } }
          : null,
    );
    if (!outcome.ok) return { errors: { form: "This donor does not exist." }, values };
    revalidatePath(`/admin/donors/${input.donorId}`);
    return {
      message: outcome.duplicate ? "That note was already added." : "Note added.",
      values: { donorId: input.donorId, body: "", entryKey: randomUUID() },
    };
  },
});
