import "server-only";
import NextAuth from "next-auth";
import { getDb } from "@/db/client";
import { onAppOrigin } from "./app-origin-redirect";
import { authConfig } from "./auth-config";
import { deriveAuthUrl } from "./auth-url";

/**
 * Auth.js for the app. Configured lazily, per request, because the database and the secret
 * exist only at run time (the build must not need them).
 */
const nextAuth = NextAuth(async () => {
  deriveAuthUrl();
  return authConfig(await getDb());
});

export const { auth, signIn, signOut } = nextAuth;
/** Redirects stay on APP_URL's origin, also when it is a loopback address (lib/auth/app-origin-redirect.ts). */
export const handlers = onAppOrigin(nextAuth.handlers);
