import "server-only";
import { forbidden, redirect } from "next/navigation";
import { auth } from "./auth";
import { adminCallbackPath } from "./admin-callback-path";
import { ADMIN_ACTIONS, ADMIN_ROUTES, type AdminActionName, type AdminRoute } from "./admin-permissions";
import { isStaffRole, roleCan, type Permission, type StaffRole } from "./admin-roles";

export interface AdminUser {
  id: string;
  email: string;
  role: StaffRole;
}

/** The sign-in page, coming back to `returnTo` (a path on this site) afterwards. */
export function signInPath(returnTo: string = "/admin"): string {
  return `/sign-in?${new URLSearchParams({ callbackUrl: adminCallbackPath(returnTo) })}`;
}

/**
 * Who is signed in to the admin and with which role, or null: for what a page shows (the nav,
 * buttons a role may press). Never a check by itself: pages and actions call requireAdmin.
 */
export async function currentStaff(): Promise<AdminUser | null> {
  const user = (await auth())?.user;
  if (!user?.id || !user.email || !isStaffRole(user.role)) return null;
  return { id: user.id, email: user.email, role: user.role };
}

/** The check behind requireAdmin and the actions: signed out → sign-in; without `permission` → 403. */
export async function requirePermission(permission: Permission, returnTo: string): Promise<AdminUser> {
  const session = await auth();
  const user = session?.user;
  if (!user?.id || !user.email) redirect(signInPath(returnTo));
  const role = isStaffRole(user.role) ? user.role : null;
  if (!roleCan(role, permission)) forbidden();
  return { id: user.id, email: user.email, role: role! };
}

/**
 * The check every admin page and route handler runs first, itself (not a proxy matcher that a
 * new route could slip past), naming its own route: the permission it needs is read from
 * ADMIN_ROUTES (lib/auth/admin-permissions.ts). Signed out: redirected to sign-in. Signed in
 * without that permission: 403 (the forbidden page). Otherwise returns who is acting.
 *
 * `returnTo` is where sign-in should lead back to (the page's own path; the route by default).
 */
export async function requireAdmin(route: AdminRoute, returnTo: string = route): Promise<AdminUser> {
  return requirePermission(ADMIN_ROUTES[route], returnTo);
}

/** The same for a server action, by its name in ADMIN_ACTIONS (adminFormAction and adminCall call it). */
export async function requireAdminAction(name: AdminActionName, returnTo: string): Promise<AdminUser> {
  return requirePermission(ADMIN_ACTIONS[name], returnTo);
}
