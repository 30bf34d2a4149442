import http from "node:http";
import https from "node:https";

/**
 * Methods the Fetch standard forbids (TRACE, TRACK, CONNECT): Next builds a Request for the
 * proxy from every incoming request, and the Request constructor throws on these, which Next
 * answers with a 500 before any code of ours runs. They are answered 405 at the socket instead,
 * before Next sees them. Installed once per process at start-up, like stampPeerAddressOnRequests.
 */
const INSTALLED = Symbol.for("lantern.refuse-forbidden-methods");
const FORBIDDEN_METHODS = new Set(["TRACE", "TRACK", "CONNECT"]);
const ALLOWED = "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS";

type Emit = (this: unknown, event: string | symbol, ...args: unknown[]) => boolean;

export function refuseForbiddenMethods(): void {
  for (const Server of [http.Server, https.Server]) {
    const prototype = Server.prototype as unknown as { emit: Emit; [INSTALLED]?: true };
    if (prototype[INSTALLED]) continue;
    const emit = prototype.emit;
    prototype.emit = function emitUnlessForbiddenMethod(event, ...args) {
      if (event === "request" && answeredForbiddenMethod(args[0] as http.IncomingMessage, args[1] as http.ServerResponse)) return true;
      return emit.call(this, event, ...args);
    };
    prototype[INSTALLED] = true;
  }
}

/** Answers 405 to a forbidden method; false (and nothing sent) for any other. */
export function answeredForbiddenMethod(request: http.IncomingMessage, response: http.ServerResponse): boolean {
  if (!FORBIDDEN_METHODS.has((request.method ?? "").toUpperCase())) return false;
  response.writeHead(405, { allow: ALLOWED, "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", connection: "close" });
  response.end("Method not allowed.\n");
  request.resume();
  return true;
}
