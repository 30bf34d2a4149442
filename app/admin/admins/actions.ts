"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db/client";
import { demoteAdmin, promoteAdmin } from "@/lib/auth/admin-users";
import { requireAdmin } from "@/lib/auth/require-admin";
import { BAD_FORM_MESSAGE, formDataOf } from "@/lib/http/form-input";

export interface AdminsFormState {
  message?: string;
  error?: string;
}

const emailInput = z.string().trim().max(254, "That email address is too long.").pipe(z.email("Enter an email address, like name@example.org."));

/** Gives an address admin access (it can then ask for a sign-in link). Admins only. */
export async function promoteAdminAction(_previous: AdminsFormState, submitted: FormData): Promise<AdminsFormState> {
  await requireAdmin("/admin/admins");
  const formData = formDataOf(submitted);
  if (!formData) return { error: BAD_FORM_MESSAGE };
  const parsed = emailInput.safeParse(formData.get("email") ?? "");
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? "Enter an email address." };
  await promoteAdmin(await getDb(), parsed.data);
  revalidatePath("/admin/admins");
  return { message: `${parsed.data.toLowerCase()} is now an admin and can sign in with a link.` };
}

const DEMOTE_ERRORS = {
  configured: "This address is an admin through the ADMIN_EMAILS setting; remove it there.",
  self: "You cannot remove your own admin access. Ask another admin.",
  "not-admin": "That address is not an admin.",
} as const;

/** Takes admin access away from a promoted address. Admins only. */
export async function demoteAdminAction(_previous: AdminsFormState, submitted: FormData): Promise<AdminsFormState> {
  const admin = await requireAdmin("/admin/admins");
  const formData = formDataOf(submitted);
  if (!formData) return { error: BAD_FORM_MESSAGE };
  const parsed = emailInput.safeParse(formData.get("email") ?? "");
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? "Enter an email address." };
  const result = await demoteAdmin(await getDb(), parsed.data, admin.email);
  if (result !== "demoted") return { error: DEMOTE_ERRORS[result] };
  // The address leaves the list (and its form with it): say so on the page itself.
  redirect(`/admin/admins?${new URLSearchParams({ removed: parsed.data.toLowerCase() })}`);
}
