"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db/client";
import { adminFormAction, textFields, type AdminFormState } from "@/lib/admin/admin-action";
import { demoteAdmin, promoteAdmin } from "@/lib/auth/admin-users";
import { emailIdentity } from "@/lib/identity/email-identity";

export type AdminsFormState = AdminFormState<{ email: string }>;

const emailForm = z.object({
  email: z.string().trim().max(254, "That email address is too long.").pipe(z.email("Enter an email address, like name@example.org.")),
});
const readEmail = (formData: FormData) => textFields(formData, ["email"]);

/** Gives an address admin access (it can then ask for a sign-in link). Admins only. */
export const promoteAdminAction = adminFormAction({
  page: "/admin/admins",
  read: readEmail,
  schema: emailForm,
  run: async ({ email }) => {
    await promoteAdmin(await getDb(), email);
    revalidatePath("/admin/admins");
    return { message: `${emailIdentity(email)} is now an admin and can sign in with a link.`, values: { email: "" } };
  },
});

const DEMOTE_ERRORS = {
  configured: "This address is an admin through the ADMIN_EMAILS setting; remove it there.",
  self: "You cannot remove your own admin access. Ask another admin.",
  "not-admin": "That address is not an admin.",
} as const;

export type DemoteFormState = AdminFormState<{ email: string; step: string }>;

/**
 * Takes admin access away from a promoted address, in two steps: the first (`step` empty) only
 * asks, saying what removing does; the second (`step=confirmed`) removes; `step=keep` goes back.
 * Admins only.
 */
export const demoteAdminAction = adminFormAction({
  page: "/admin/admins",
  read: (formData) => textFields(formData, ["email", "step"]),
  schema: emailForm.extend({ step: z.string() }),
  run: async ({ email, step }, { admin, values }) => {
    if (step === "keep") return { values: { ...values, step: "" } };
    if (step !== "confirmed") {
      if (emailIdentity(email) === emailIdentity(admin.email)) return { errors: { form: DEMOTE_ERRORS.self } };
      return { values: { ...values, step: "confirm" } };
    }
    const result = await demoteAdmin(await getDb(), email, admin.email);
    if (result !== "demoted") return { errors: { form: DEMOTE_ERRORS[result] } };
    // The address leaves the list (and its form with it): say so on the page itself.
    redirect(`/admin/admins?${new URLSearchParams({ removed: emailIdentity(email) })}`);
  },
});
