import "server-only";
import { forbidden, redirect } from "next/navigation";
import { auth } from "./auth";
import { adminCallbackPath } from "./admin-callback-path";

export interface AdminUser {
  id: string;
  email: string;
}

/** The sign-in page, coming back to `returnTo` (a path on this site) afterwards. */
export function signInPath(returnTo: string = "/admin"): string {
  return `/sign-in?${new URLSearchParams({ callbackUrl: adminCallbackPath(returnTo) })}`;
}

/**
 * The check every admin page, route handler, server action and export runs first, itself
 * (not a proxy matcher that a new route could slip past). Signed out: redirected to sign-in.
 * Signed in without admin rights: 403. Otherwise returns who is acting.
 *
 * `returnTo` is where sign-in should lead back to (the page's own path).
 */
export async function requireAdmin(returnTo?: string): Promise<AdminUser> {
  const session = await auth();
  const user = session?.user;
  if (!user?.id || !user.email) redirect(signInPath(returnTo));
  if (user.isAdmin !== true) forbidden();
  return { id: user.id, email: user.email };
}
