import "server-only";
import { DrizzleAdapter } from "@auth/drizzle-adapter";
import type { NextAuthConfig } from "next-auth";
import { after } from "next/server";
import { accounts, sessions, users, verificationTokens } from "@/db/schema";
import type { Database } from "@/db/database";
import { env } from "@/lib/env";
import { describeError } from "@/lib/errors/describe-error";
import { sameOriginUrl } from "@/lib/security/safe-redirect";
import { effectiveRole, isAdminEmail } from "./admin-access";
import type { StaffRole } from "./admin-roles";
import { recordAuditEvent, staffActor } from "@/lib/audit/record-audit-event";
import { authSecret } from "./auth-secret";
import { sendSignInLink } from "./sign-in-link";
import { logger } from "@/lib/observability/logger";

const log = logger("auth");

declare module "@auth/core/types" {
  interface User {
    /** The users.role column, as the Drizzle adapter returns it (the session says the effective role). */
    role?: StaffRole | null;
    /** In the session: whether the user has any admin role. */
    isAdmin?: boolean;
  }
}

/** The Auth.js provider id of the magic link, as in `signIn(MAGIC_LINK_PROVIDER, …)`. */
export const MAGIC_LINK_PROVIDER = "email";

const LINK_MAX_AGE_SECONDS = 24 * 60 * 60; // the email says "expires in 24 hours"
const SESSION_MAX_AGE_SECONDS = 7 * 24 * 60 * 60;

/** Where Auth.js may send someone after signing in or out: this site only (the dashboard otherwise). */
export function safeRedirect(url: string, baseUrl: string): string {
  return (sameOriginUrl(url, baseUrl) ?? new URL("/admin", baseUrl)).toString();
}

/**
 * Auth.js configuration: magic links by email, users and sessions in our database.
 *
 * Anybody may ask for a link and is told the same thing; only admins (ADMIN_EMAILS or
 * promoted) are sent one, and only admins are let through when a link is used, so nobody
 * else ever gets a session. Whether a session grants admin is read from the users row on
 * every request (database sessions), so a demotion takes effect at once.
 */
export function authConfig(db: Database): NextAuthConfig {
  const { APP_URL } = env();
  return {
    adapter: DrizzleAdapter(db, {
      usersTable: users,
      accountsTable: accounts,
      sessionsTable: sessions,
      verificationTokensTable: verificationTokens,
    }),
    providers: [
      {
        id: MAGIC_LINK_PROVIDER,
        type: "email",
        name: "Email",
        maxAge: LINK_MAX_AGE_SECONDS,
        // After the response, as "Email me a link" on the giving page does: every address is
        // answered in the same time, so how long sending takes never tells who is staff.
        sendVerificationRequest: ({ identifier, url, token }) => {
          after(async () => {
            try {
              await sendSignInLink(db, { identifier, url, token });
            } catch (error) {
              log.error(`a sign-in link could not be sent: ${describeError(error)}`);
            }
          });
        },
      },
    ],
    secret: authSecret(),
    // Behind the load balancer the Host header names the site; links in emails use APP_URL anyway.
    trustHost: true,
    useSecureCookies: new URL(APP_URL).protocol === "https:",
    session: { strategy: "database", maxAge: SESSION_MAX_AGE_SECONDS, updateAge: 24 * 60 * 60 },
    pages: { signIn: "/sign-in", verifyRequest: "/sign-in/check-email", error: "/sign-in/error" },
    // One audit row per sign-in, written once Auth.js has made the session.
    events: {
      signIn: async ({ user }) => {
        if (!user.id || !user.email) return;
        await recordAuditEvent(db, staffActor({ id: user.id, email: user.email }), {
          kind: "staff.sign-in",
          object: { type: "staff", id: user.id, label: user.email },
        });
      },
    },
    callbacks: {
      // Asking for a link is always "allowed" (same answer for everyone; sendSignInLink decides
      // whether to send). Using one is allowed to admins only.
      signIn: async ({ user, email }) => (email?.verificationRequest ? true : isAdminEmail(db, user.email)),
      // Only what pages need: never the session token itself (the cookie is httpOnly for a reason).
      session: ({ session, user }) => {
        const role = effectiveRole(user.email, user.role);
        return { expires: session.expires, user: { id: user.id, email: user.email, name: user.name ?? null, role, isAdmin: role !== null } };
      },
      // Judged against APP_URL, the site's one public origin, not the origin a request claims.
      redirect: ({ url }) => safeRedirect(url, APP_URL),
    },
  };
}
