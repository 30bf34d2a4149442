import "server-only";
import NextAuth from "next-auth";
import { getDb } from "@/db/client";
import { authConfig } from "./auth-config";
import { deriveAuthUrl } from "./auth-url";

/**
 * Auth.js for the app. Configured lazily, per request, because the database and the secret
 * exist only at run time (the build must not need them).
 */
export const { handlers, auth, signIn, signOut } = NextAuth(async () => {
  deriveAuthUrl();
  return authConfig(await getDb());
});
