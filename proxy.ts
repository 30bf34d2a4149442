import type { NextRequest } from "next/server";
import { NextResponse } from "next/server";
import { badPathResponse, isMalformedPath } from "@/lib/http/malformed-path";

/** Runs before routing: refuses paths Next's router would turn into a 500. */
export function proxy(request: NextRequest): Response {
  if (isMalformedPath(request.nextUrl.pathname)) return badPathResponse();
  return NextResponse.next();
}

export const config = {
  // Everything but the build's own static files.
  matcher: ["/((?!_next/static|_next/image).*)"],
};
