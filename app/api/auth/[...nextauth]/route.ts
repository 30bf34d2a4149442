import type { NextRequest } from "next/server";
import { handlers } from "@/lib/auth/auth";
import { hasUnusableCallbackUrl, unusableCallbackUrlResponse } from "@/lib/auth/auth-request-guard";

/** Auth.js endpoints: the magic link's callback, session, CSRF token (see lib/auth/auth-config.ts). */
export async function GET(request: NextRequest): Promise<Response> {
  if (hasUnusableCallbackUrl(request, request.cookies)) return unusableCallbackUrlResponse();
  return handlers.GET(request);
}

/**
 * Links are asked for only through the sign-in page's action, which validates and rate-limits
 * (app/sign-in/actions.ts) and calls Auth.js in-process. Auth.js's own HTTP sign-in endpoint
 * would skip those limits, so it is closed; nothing else here is posted to over HTTP.
 */
export async function POST(request: NextRequest): Promise<Response> {
  if (new URL(request.url).pathname.startsWith("/api/auth/signin")) {
    return Response.json({ error: "Ask for a sign-in link at /sign-in." }, { status: 404 });
  }
  if (hasUnusableCallbackUrl(request, request.cookies)) return unusableCallbackUrlResponse();
  return handlers.POST(request);
}
