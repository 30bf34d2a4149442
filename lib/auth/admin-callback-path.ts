import { env } from "@/lib/env";
import { sameOriginPath } from "@/lib/security/safe-redirect";

/** A callback URL from the sign-in form: a path inside the admin on this site, or the dashboard. */
export function adminCallbackPath(value: unknown, appUrl: string = env().APP_URL): string {
  const path = sameOriginPath(typeof value === "string" ? value.trim() : value, appUrl);
  return path && /^\/admin(?:[/?#]|$)/.test(path) ? path : "/admin";
}
