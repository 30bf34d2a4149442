"use server";

import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/client";
import { adminFormAction, textFields, type AdminFormState } from "@/lib/admin/admin-action";
import { isStatementYear, sendGivingStatements } from "@/lib/donations/giving-statement";

export type StatementsFormState = AdminFormState<{ year: string }>;

const plural = (n: number, one: string, many: string) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

/**
 * Queues the giving statement of every donor who gave in the chosen year (once per donor and
 * year: sending again queues only donors not sent one yet). Admins only.
 */
export const sendGivingStatementsAction = adminFormAction({
  name: "sendGivingStatementsAction",
  page: "/admin/statements",
  read: (formData) => textFields(formData, ["year"]),
  schema: z.object({
    year: z
      .string()
      .trim()
      .regex(/^\d{4}$/, "Choose a year.")
      .transform(Number)
      .refine((year) => isStatementYear(year), "Choose a year that has ended or is under way."),
  }),
  run: async ({ year }, { actor }) => {
    const db = await getDb();
    const run = await sendGivingStatements(db, year);
    // Queued a page of donors per transaction (a long list must not hold one open): the row follows, when something was queued.
    if (run.queued > 0)
      await recordAuditEvent(db, actor, {
        kind: "statements.sent",
        object: { type: "statements", id: String(year), label: String(year) },
        after: { queued: run.queued, alreadySent: run.alreadySent },
      });
    revalidatePath("/admin/statements");
    if (run.donors === 0) return { message: `Nobody kept a gift in ${year}: no statements to send.` };
    const already = run.alreadySent > 0 ? ` ${plural(run.alreadySent, "donor was", "donors were")} already sent theirs and got nothing new.` : "";
    return {
      message: `Giving statements for ${year}: ${plural(run.queued, "statement", "statements")} queued for sending.${already}`,
    };
  },
});
