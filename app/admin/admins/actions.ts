"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db/client";
import { adminFormAction, textFields, type AdminFormState } from "@/lib/admin/admin-action";
import { setStaffRole, type StaffChangeResult } from "@/lib/auth/admin-users";
import { ROLE_LABELS, STAFF_ROLES } from "@/lib/auth/admin-roles";
import { emailIdentity } from "@/lib/identity/email-identity";

export type StaffRoleFormState = AdminFormState<{ email: string; role: string }>;

const email = z.string().trim().max(254, "That email address is too long.").pipe(z.email("Enter an email address, like name@example.org."));

const REFUSED: Partial<Record<StaffChangeResult, string>> = {
  configured: "This address is an owner through the ADMIN_EMAILS setting; change it there.",
  self: "You cannot change your own role. Ask another owner.",
  "last-owner": "This is the last owner: make someone else an owner first.",
  "not-staff": "That address has no admin access.",
};

/** Gives an address a role, or changes it (the address can then ask for a sign-in link). Owners only. */
export const setStaffRoleAction = adminFormAction({
  name: "setStaffRoleAction",
  page: "/admin/admins",
  read: (formData) => textFields(formData, ["email", "role"]),
  schema: z.object({ email, role: z.enum(STAFF_ROLES, "Choose a role.") }),
  run: async ({ email: address, role }, { admin, values }) => {
    const result = await setStaffRole(await getDb(), admin, address, role);
    const refused = REFUSED[result];
    if (refused) return { errors: { form: refused } };
    revalidatePath("/admin/admins");
    const who = emailIdentity(address);
    const message =
      result === "unchanged" ? `${who} is already ${ROLE_LABELS[role].toLowerCase()}: nothing changed.` : `${who} is now ${ROLE_LABELS[role].toLowerCase()} and can sign in with a link.`;
    return { message, values: values.email === who ? values : { email: "", role: "" } };
  },
});

export type RemoveStaffFormState = AdminFormState<{ email: string; step: string }>;

/**
 * Takes an address's admin access away, in two steps: the first (`step` empty) only asks, saying
 * what removing does; the second (`step=confirmed`) removes; `step=keep` goes back. Owners only.
 */
export const removeStaffAction = adminFormAction({
  name: "removeStaffAction",
  page: "/admin/admins",
  read: (formData) => textFields(formData, ["email", "step"]),
  schema: z.object({ email, step: z.string() }),
  run: async ({ email: address, step }, { admin, values }) => {
    if (step === "keep") return { values: { ...values, step: "" } };
    if (step !== "confirmed") {
      if (emailIdentity(address) === emailIdentity(admin.email)) return { errors: { form: REFUSED.self } };
      return { values: { ...values, step: "confirm" } };
    }
    const result = await setStaffRole(await getDb(), admin, address, null);
    if (result !== "removed") return { errors: { form: REFUSED[result] ?? REFUSED["not-staff"] } };
    // The address leaves the list (and its form with it): say so on the page itself.
    redirect(`/admin/admins?${new URLSearchParams({ removed: emailIdentity(address) })}`);
  },
});
