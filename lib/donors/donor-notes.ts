import "server-only";
import { eq } from "drizzle-orm";
import { donorNotes, donors } from "@/db/schema";
import type { Database } from "@/db/database";

/** A note is a few paragraphs at most: longer belongs in a document, not the donor's record. */
export const DONOR_NOTE_MAX_LENGTH = 2000;

export type AddDonorNoteOutcome = { ok: true; duplicate: boolean } | { ok: false; reason: "donor-not-found" };

/**
 * Adds a staff member's internal note to a donor's record (the admin's donor page). The form's
 * own key makes a form sent twice add one note. Notes are never shown to the donor.
 */
export async function addDonorNote(
  db: Database,
  note: { donorId: string; body: string; entryKey: string; author: { id: string; email: string } },
): Promise<AddDonorNoteOutcome> {
  return db.transaction(async (tx) => {
    const [donor] = await tx.select({ id: donors.id }).from(donors).where(eq(donors.id, note.donorId)).limit(1);
    if (!donor) return { ok: false, reason: "donor-not-found" } as const;
    const inserted = await tx
      .insert(donorNotes)
      .values({ donorId: donor.id, authorId: note.author.id, authorEmail: note.author.email, body: note.body, entryKey: note.entryKey })
      .onConflictDoNothing({ target: donorNotes.entryKey })
      .returning({ id: donorNotes.id });
    return { ok: true, duplicate: inserted.length === 0 } as const;
  });
}
