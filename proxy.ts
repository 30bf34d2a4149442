import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";
import { roleServesPath } from "@/lib/env/process-role";
import { badPathResponse, isMalformedPath } from "@/lib/http/malformed-path";
import { readLimitedBytes } from "@/lib/http/read-limited-body";
import { bodyLimitFor, bodyTooLargeResponse, hasBodyWithoutLength, isBodyTooLarge } from "@/lib/http/request-body-limit";
import {
  crossOriginActionResponse,
  isCrossOriginAction,
  isDecodableActionBody,
  isFetchAction,
  isPossibleServerAction,
  undecodableActionResponse,
} from "@/lib/http/server-action-request";
import { frameAncestorsForSlug } from "@/lib/embed/frame-ancestors";
import { describeError } from "@/lib/errors/describe-error";
import { embedPageOf, framesOwnEmbeds } from "@/lib/security/framable-routes";
import { contentSecurityPolicy, createNonce, pagePolicyFor, securityHeaders } from "@/lib/security/headers";
import { REQUEST_ID_HEADER, requestIdFor } from "@/lib/observability/request-id";
import { logger } from "@/lib/observability/logger";

const log = logger("embed");

/**
 * Runs before routing, on every request (Next 16's middleware). It refuses what Next's router
 * would turn into a 500 (undecodable paths, cross-origin or undecodable server actions), bodies
 * over their limit (lib/http/request-body-limit.ts), and adds the security headers
 * (lib/security/headers.ts; the README's "Security" section). It authorizes nobody: each admin
 * page, action and route checks requireAdmin itself.
 */
export async function proxy(request: NextRequest): Promise<Response> {
  const { APP_URL, NODE_ENV, LANTERN_ROLE } = env();
  const { pathname } = request.nextUrl;
  // The request's id (lib/observability/request-id.ts): on every log line of the request, and
  // sent back as X-Request-Id, so a visitor's or a load balancer's report can be found in the logs.
  const requestId = requestIdFor(request.headers.get(REQUEST_ID_HEADER));
  const refuse = (response: Response) => withRequestId(withSecurityHeaders(response, contentSecurityPolicy("cached", { appUrl: APP_URL }), APP_URL), requestId);
  // A process serves only its role's paths (LANTERN_ROLE): a request routed to the wrong kind of process is a 404 that says so.
  if (!roleServesPath(LANTERN_ROLE, pathname)) return refuse(notServedByRole(LANTERN_ROLE));
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
  const frameAncestors = policy === "embed" ? await embedFrameAncestors(pathname) : [];
  const csp = contentSecurityPolicy(policy, {
    appUrl: APP_URL,
    nonce,
    development: NODE_ENV !== "production",
    frameAncestors,
    framesSelf: framesOwnEmbeds(pathname),
  });
  const framable = policy === "embed";

  // Next.js reads the nonce from the request's CSP header and puts it on its scripts; a CSP
  // header sent by the client is never passed on. Route handlers and server actions read the
  // request's id from its header: always the one chosen here, never an unsafe one the client sent.
  const requestHeaders = new Headers(request.headers);
  if (nonce) requestHeaders.set("content-security-policy", csp);
  else requestHeaders.delete("content-security-policy");
  requestHeaders.set(REQUEST_ID_HEADER, requestId);
  return withRequestId(withSecurityHeaders(NextResponse.next({ request: { headers: requestHeaders } }), csp, APP_URL, framable), requestId);
}

function withRequestId(response: Response, requestId: string): Response {
  response.headers.set("X-Request-Id", requestId);
  return response;
}

/**
 * Who may frame an embed route (docs/embedding.md): the origins an admin allowed for its
 * campaign. Without an answer from the database nobody may: the page itself then shows the
 * outage, and a frame refused is the safe way to fail.
 */
async function embedFrameAncestors(pathname: string): Promise<string[]> {
  const page = embedPageOf(pathname);
  if (!page) return [];
  try {
    return await frameAncestorsForSlug(page.slug);
  } catch (error) {
    log.error(`allowed origins unavailable, framing refused: ${describeError(error)}`);
    return [];
  }
}

/** What a process answers for a path its role does not serve (lib/env/process-role.ts). */
function notServedByRole(role: string): Response {
  return new Response(`Not found: this Lantern process has role ${role} (LANTERN_ROLE) and does not serve this path.\n`, {
    status: 404,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", "X-Lantern-Role": role },
  });
}

function withSecurityHeaders(response: Response, csp: string, appUrl: string, framable = false): Response {
  response.headers.set("Content-Security-Policy", csp);
  for (const [name, value] of Object.entries(securityHeaders(appUrl, { framable }))) response.headers.set(name, value);
  return response;
}

// No matcher: every response, the build's static files included (nosniff applies to them too).
