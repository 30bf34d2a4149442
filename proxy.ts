import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";
import { contentSecurityPolicy, createNonce, pagePolicyFor, securityHeaders } from "@/lib/security/headers";

/**
 * Runs before every request (Next 16's middleware). It only adds security headers; it does not
 * authorize anyone (each admin page, action and route checks requireAdmin itself). The policies
 * are explained in lib/security/headers.ts and in the README's "Security" section.
 */
export function proxy(request: NextRequest): NextResponse {
  const { APP_URL, NODE_ENV } = env();
  const policy = pagePolicyFor(request.nextUrl.pathname);
  const development = NODE_ENV === "development";
  const nonce = policy === "dynamic" ? createNonce() : undefined;
  const csp = contentSecurityPolicy(policy, { appUrl: APP_URL, nonce, development });

  let response: NextResponse;
  if (nonce || request.headers.has("content-security-policy")) {
    // Next.js reads the nonce from the request's CSP header and puts it on its scripts; a CSP
    // header sent by the client is never passed on.
    const requestHeaders = new Headers(request.headers);
    if (nonce) requestHeaders.set("content-security-policy", csp);
    else requestHeaders.delete("content-security-policy");
    response = NextResponse.next({ request: { headers: requestHeaders } });
  } else {
    response = NextResponse.next();
  }
  response.headers.set("Content-Security-Policy", csp);
  for (const [name, value] of Object.entries(securityHeaders(APP_URL))) response.headers.set(name, value);
  return response;
}

// No matcher: every response, static files included (nosniff and the rest apply to them too).
