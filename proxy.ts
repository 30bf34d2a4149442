import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";
import { badPathResponse, isMalformedPath } from "@/lib/http/malformed-path";
import { readLimitedBytes } from "@/lib/http/read-limited-body";
import { bodyLimitFor, bodyTooLargeResponse, hasBodyWithoutLength, isBodyTooLarge } from "@/lib/http/request-body-limit";
import { crossOriginActionResponse, isCrossOriginAction, isDecodableActionBody, isFetchAction, isPossibleServerAction, undecodableActionResponse } from "@/lib/http/server-action-request";
import { contentSecurityPolicy, createNonce, pagePolicyFor, securityHeaders } from "@/lib/security/headers";

/**
 * Runs before routing, on every request (Next 16's middleware). It refuses what Next's router
 * would turn into a 500 (undecodable paths, cross-origin or undecodable server actions), bodies
 * over their limit (lib/http/request-body-limit.ts), and adds the security headers
 * (lib/security/headers.ts; the README's "Security" section). It authorizes nobody: each admin
 * page, action and route checks requireAdmin itself.
 */
export async function proxy(request: NextRequest): Promise<Response> {
  const { APP_URL, NODE_ENV } = env();
  const { pathname } = request.nextUrl;
  const refuse = (response: Response) => withSecurityHeaders(response, contentSecurityPolicy("cached", { appUrl: APP_URL }), APP_URL);
  if (isMalformedPath(pathname)) return refuse(badPathResponse());
  if (isBodyTooLarge(pathname, request.headers)) return refuse(bodyTooLargeResponse(pathname));
  if (isPossibleServerAction(request) && isCrossOriginAction(request.headers)) return refuse(crossOriginActionResponse());
  // Bodies are read here only when Next would otherwise fail on them: one without a length
  // (counted to its limit), and a fetch action's (decoded first). Next passes the body on whole.
  const fetchAction = isFetchAction(request);
  if (fetchAction || hasBodyWithoutLength(request)) {
    const body = await readLimitedBytes(request, bodyLimitFor(pathname));
    if (!body.ok) return refuse(bodyTooLargeResponse(pathname));
    if (fetchAction && !(await isDecodableActionBody(body.bytes, request.headers.get("content-type")))) return refuse(undecodableActionResponse());
  }

  const policy = pagePolicyFor(pathname);
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
