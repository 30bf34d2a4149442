import http from "node:http";
import https from "node:https";
import { PEER_ADDRESS_HEADER } from "./client-address";

/**
 * Next.js gives pages, actions and route handlers the request's headers but not its socket,
 * and it fills X-Forwarded-For only when the client did not send one. So that rate limits can
 * rely on the connection's own address, every incoming request gets PEER_ADDRESS_HEADER set to
 * `socket.remoteAddress` before Next sees it — replacing any value the client sent under that
 * name. Installed once per process at start-up (instrumentation.ts → lib/server-startup.ts),
 * before the server handles requests; it works for `next start` and `next dev` alike.
 */
const INSTALLED = Symbol.for("lantern.peer-address-stamp");

type Emit = (this: unknown, event: string | symbol, ...args: unknown[]) => boolean;

export function stampPeerAddressOnRequests(): void {
  for (const Server of [http.Server, https.Server]) {
    const prototype = Server.prototype as unknown as { emit: Emit; [INSTALLED]?: true };
    if (prototype[INSTALLED]) continue;
    const emit = prototype.emit;
    prototype.emit = function emitWithPeerAddress(event, ...args) {
      if (event === "request") stampPeerAddress(args[0] as http.IncomingMessage);
      return emit.call(this, event, ...args);
    };
    prototype[INSTALLED] = true;
  }
}

export function stampPeerAddress(request: http.IncomingMessage): void {
  const address = request.socket?.remoteAddress;
  if (address) request.headers[PEER_ADDRESS_HEADER] = address;
  else delete request.headers[PEER_ADDRESS_HEADER];
}
