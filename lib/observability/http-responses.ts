import http from "node:http";
import https from "node:https";
import { metrics } from "./metrics";

/**
 * Counts every response this process's HTTP server finishes, by status class (2xx … 5xx) and
 * method: Next's own error pages and 404s, static files and route handlers alike, which no code
 * of ours sees otherwise. The 5xx alert divides the 5xx rate by the total (docs/operations.md,
 * "Alerts"). Installed once per process at start-up, like stampPeerAddressOnRequests, at the
 * server's `request` event.
 */
const INSTALLED = Symbol.for("lantern.count-http-responses");

type Emit = (this: unknown, event: string | symbol, ...args: unknown[]) => boolean;

const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

export function countHttpResponses(): void {
  for (const Server of [http.Server, https.Server]) {
    const prototype = Server.prototype as unknown as { emit: Emit; [INSTALLED]?: true };
    if (prototype[INSTALLED]) continue;
    const emit = prototype.emit;
    prototype.emit = function emitCountingResponses(event, ...args) {
      if (event === "request") countWhenFinished(args[0] as http.IncomingMessage, args[1] as http.ServerResponse);
      return emit.call(this, event, ...args);
    };
    prototype[INSTALLED] = true;
  }
}

export function countWhenFinished(request: http.IncomingMessage, response: http.ServerResponse): void {
  // Any method a client makes up is one label, not one each.
  const method = METHODS.has(request.method ?? "") ? request.method! : "other";
  response.once("finish", () => {
    metrics().httpResponses.inc({ method, status_class: `${Math.floor(response.statusCode / 100)}xx` });
  });
}
