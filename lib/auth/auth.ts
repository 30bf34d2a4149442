import "server-only";
import NextAuth from "next-auth";
import { getDb } from "@/db/client";
import { env } from "@/lib/env";
import { authConfig } from "./auth-config";

/**
 * Auth.js for the app. Configured lazily, per request, because the database and the secret
 * exist only at run time (the build must not need them).
 */
export const { handlers, auth, signIn, signOut } = NextAuth(async () => {
  // Auth.js takes the site's public origin from AUTH_URL (for its redirects, cookies and
  // links); Lantern has one setting for that, APP_URL. Without it Auth.js would trust the
  // Host header of each request.
  process.env.AUTH_URL ??= env().APP_URL;
  return authConfig(await getDb());
});
