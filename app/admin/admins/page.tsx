import type { Metadata } from "next";
import { getDb } from "@/db/client";
import { listAdmins } from "@/lib/auth/admin-users";
import { requireAdmin } from "@/lib/auth/require-admin";
import { AdminSection } from "../_components/admin-section";
import { DemoteAdminButton, PromoteAdminForm } from "./admin-forms";

export const metadata: Metadata = { title: "Admins" };

export default async function AdminsPage({ searchParams }: { searchParams: Promise<{ removed?: string | string[] }> }) {
  const me = await requireAdmin("/admin/admins");
  const admins = await listAdmins(await getDb());
  const { removed } = await searchParams;

  return (
    <div className="max-w-3xl space-y-8">
      <h1 className="font-serif text-3xl font-bold">Admins</h1>
      {typeof removed === "string" && !admins.some((admin) => admin.email === removed) ? (
        <p role="status" className="rounded border border-green-800 bg-green-50 p-3 font-semibold text-green-900">
          {`${removed} no longer has admin access.`}
        </p>
      ) : null}
      <p className="text-muted">
        Admins sign in with a link sent to their email address. Anybody else who asks for a link is told to check their email and is sent nothing.
      </p>

      <AdminSection id="list" title="Who has access">
        <ul className="divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white">
          {admins.map((admin) => (
            <li key={admin.email} className="flex flex-wrap items-center justify-between gap-3 p-4">
              <div>
                <p className="font-semibold">
                  {admin.email}
                  {admin.email === me.email ? " (you)" : ""}
                </p>
                <p className="text-sm text-muted">
                  {admin.source === "config" ? "Set by the ADMIN_EMAILS setting" : "Added by an admin"}
                  {admin.hasSignedIn ? "" : " · has not signed in yet"}
                </p>
              </div>
              {admin.source === "promoted" && admin.email !== me.email ? <DemoteAdminButton email={admin.email} /> : null}
            </li>
          ))}
        </ul>
      </AdminSection>

      <AdminSection id="add" title="Add an admin">
        <PromoteAdminForm />
      </AdminSection>
    </div>
  );
}
