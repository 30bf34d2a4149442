import type { Metadata } from "next";
import { getDb } from "@/db/client";
import { ROLE_LABELS, ROLE_SUMMARIES, STAFF_ROLES } from "@/lib/auth/admin-roles";
import { listStaff } from "@/lib/auth/admin-users";
import { requireAdmin } from "@/lib/auth/require-admin";
import { AdminSection } from "../_components/admin-section";
import { AddStaffForm, ChangeRoleForm, RemoveStaffButton } from "./admin-forms";

export const metadata: Metadata = { title: "Staff" };

export default async function StaffPage({ searchParams }: { searchParams: Promise<{ removed?: string | string[] }> }) {
  const me = await requireAdmin("/admin/admins");
  const staff = await listStaff(await getDb());
  const { removed } = await searchParams;

  return (
    <div className="max-w-3xl space-y-8">
      <h1 className="font-serif text-3xl font-bold">Staff</h1>
      {typeof removed === "string" && !staff.some((member) => member.email === removed) ? (
        <p role="status" className="rounded border border-green-800 bg-green-50 p-3 font-semibold text-green-900">
          {`${removed} no longer has admin access.`}
        </p>
      ) : null}
      <p className="text-muted">
        Staff sign in with a link sent to their email address. Anybody else who asks for a link is told to check their email and is sent nothing. Each
        person&apos;s role decides what they see and do; every change is in the activity log.
      </p>

      <AdminSection id="roles" title="Roles">
        <dl className="grid gap-x-4 gap-y-2 sm:grid-cols-[8rem_1fr]">
          {STAFF_ROLES.map((role) => (
            <div key={role} className="contents">
              <dt className="font-semibold">{ROLE_LABELS[role]}</dt>
              <dd>{ROLE_SUMMARIES[role]}</dd>
            </div>
          ))}
        </dl>
      </AdminSection>

      <AdminSection id="list" title="Who has access">
        <ul className="divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white">
          {staff.map((member) => (
            <li key={member.email} className="space-y-3 p-4">
              <div>
                <p className="font-semibold">
                  {member.email}
                  {member.email === me.email ? " (you)" : ""}
                </p>
                <p className="text-sm text-muted">
                  {`${ROLE_LABELS[member.role]} · `}
                  {member.source === "config" ? "Set by the ADMIN_EMAILS setting" : "Given by an owner"}
                  {member.hasSignedIn ? "" : " · has not signed in yet"}
                </p>
              </div>
              {member.source === "assigned" && member.email !== me.email ? (
                <div className="flex flex-wrap items-end justify-between gap-3">
                  <ChangeRoleForm email={member.email} role={member.role} />
                  <RemoveStaffButton email={member.email} />
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      </AdminSection>

      <AdminSection id="add" title="Give someone access">
        <AddStaffForm />
      </AdminSection>
    </div>
  );
}
