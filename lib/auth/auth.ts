import "server-only";
import NextAuth from "next-auth";
import { getDb } from "@/db/client";
import { authConfig } from "./auth-config";

/**
 * Auth.js for the app. Configured lazily, per request, because the database and the secret
 * exist only at run time (the build must not need them).
 */
export const { handlers, auth, signIn, signOut } = NextAuth(async () => authConfig(await getDb()));
