import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";
import { badPathResponse, isMalformedPath } from "@/lib/http/malformed-path";
import { bodyTooLargeResponse, isBodyTooLarge } from "@/lib/http/request-body-limit";
import { contentSecurityPolicy, createNonce, pagePolicyFor, securityHeaders } from "@/lib/security/headers";

/**
 * Runs before routing, on every request (Next 16's middleware). It refuses paths Next's router
 * would turn into a 500 and large bodies outside the admin (lib/http/request-body-limit.ts), and adds the security headers (lib/security/headers.ts; the README's
 * "Security" section). It authorizes nobody: each admin page, action and route checks
 * requireAdmin itself.
 */
export function proxy(request: NextRequest): Response {
  const { APP_URL, NODE_ENV } = env();
  if (isMalformedPath(request.nextUrl.pathname)) {
    return withSecurityHeaders(badPathResponse(), contentSecurityPolicy("cached", { appUrl: APP_URL }), APP_URL);
  }
  if (isBodyTooLarge(request.nextUrl.pathname, request.headers)) {
    return withSecurityHeaders(bodyTooLargeResponse(), contentSecurityPolicy("cached", { appUrl: APP_URL }), APP_URL);
  }

  const policy = pagePolicyFor(request.nextUrl.pathname);
  const nonce = policy === "dynamic" ? createNonce() : undefined;
  const csp = contentSecurityPolicy(policy, { appUrl: APP_URL, nonce, development: NODE_ENV !== "production" });
  if (!nonce && !request.headers.has("content-security-policy")) return withSecurityHeaders(NextResponse.next(), csp, APP_URL);

  // Next.js reads the nonce from the request's CSP header and puts it on its scripts; a CSP
  // header sent by the client is never passed on.
  const requestHeaders = new Headers(request.headers);
  if (nonce) requestHeaders.set("content-security-policy", csp);
  else requestHeaders.delete("content-security-policy");
  return withSecurityHeaders(NextResponse.next({ request: { headers: requestHeaders } }), csp, APP_URL);
}

function withSecurityHeaders(response: Response, csp: string, appUrl: string): Response {
  response.headers.set("Content-Security-Policy", csp);
  for (const [name, value] of Object.entries(securityHeaders(appUrl))) response.headers.set(name, value);
  return response;
}

// No matcher: every response, the build's static files included (nosniff applies to them too).
