import { env } from "@/lib/env";

type RouteHandler = (request: import("next/server").NextRequest) => Promise<Response>;

const LOOPBACK = /^(?:127(?:\.\d{1,3}){3}|\[::1\]|localhost)$/;

/**
 * Next's NextRequest renames every loopback host "localhost" (127.0.0.1, [::1]), and Auth.js
 * builds its redirects (the error page, the sign-in page) from that URL. With a loopback APP_URL
 * such as http://127.0.0.1:4100 they would send people to http://localhost:4100: another origin,
 * without the cookies set on the first. A Location on the renamed origin is put back on APP_URL.
 */
export function redirectOnAppOrigin(response: Response, appUrl: string = env().APP_URL): Response {
  const location = response.headers.get("location");
  if (!location || !URL.canParse(location)) return response;
  const app = new URL(appUrl);
  const target = new URL(location);
  const renamed = target.hostname === "localhost" && app.hostname !== "localhost" && LOOPBACK.test(app.hostname);
  if (!renamed || target.protocol !== app.protocol || target.port !== app.port) return response;
  const headers = new Headers(response.headers);
  headers.set("location", new URL(`${target.pathname}${target.search}${target.hash}`, app.origin).toString());
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

/** Auth.js's route handlers, answering with redirects on APP_URL's own origin. */
export function onAppOrigin<Handlers extends { GET: RouteHandler; POST: RouteHandler }>(handlers: Handlers): Handlers {
  return {
    ...handlers,
    GET: async (request) => redirectOnAppOrigin(await handlers.GET(request)),
    POST: async (request) => redirectOnAppOrigin(await handlers.POST(request)),
  };
}
