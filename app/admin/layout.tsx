import type { Metadata } from "next";
import type { ReactNode } from "react";
import { adminNavFor } from "@/lib/auth/admin-permissions";
import { currentStaff } from "@/lib/auth/require-admin";
import { SignOutButton } from "../sign-in/sign-out-button";
import { AdminNav } from "./_components/admin-nav";

export const metadata: Metadata = { title: { default: "Admin", template: "%s · Admin" }, robots: { index: false, follow: false } };

/**
 * The admin's frame. It shows no data and checks nothing itself: every page, route handler
 * and action below checks the admin on its own (lib/auth/require-admin.ts), because a layout
 * is not re-run for every request that reaches a page or an action. It only reads the role to
 * show the nav links that role may use.
 */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  // Only for the nav: a failure here (the database is down) must not hide the page's own answer.
  const staff = await currentStaff().catch(() => null);
  return (
    <div className="mx-auto max-w-6xl px-4 py-6">
      <div className="mb-8 flex flex-wrap items-center justify-between gap-4 border-b border-stone-300 pb-4">
        <AdminNav links={adminNavFor(staff?.role)} />
        <SignOutButton className="rounded border border-stone-500 px-3 py-2 text-sm font-semibold hover:bg-stone-100" />
      </div>
      {children}
    </div>
  );
}
