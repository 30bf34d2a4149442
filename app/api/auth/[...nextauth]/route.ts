import type { NextRequest } from "next/server";
import { handlers } from "@/lib/auth/auth";

/** Auth.js endpoints: the magic link's callback, session, CSRF token (see lib/auth/auth-config.ts). */
export const { GET } = handlers;

/**
 * Links are asked for only through the sign-in page's action, which validates and rate-limits
 * (app/sign-in/actions.ts) and calls Auth.js in-process. Auth.js's own HTTP sign-in endpoint
 * would skip those limits, so it is closed; nothing else here is posted to over HTTP.
 */
export async function POST(request: NextRequest): Promise<Response> {
  if (new URL(request.url).pathname.startsWith("/api/auth/signin")) {
    return Response.json({ error: "Ask for a sign-in link at /sign-in." }, { status: 404 });
  }
  return handlers.POST(request);
}
