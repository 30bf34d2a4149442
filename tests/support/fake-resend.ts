/**
 * A stand-in for Resend's API on loopback, for the delivery tests and the benchmark. It keeps
 * Resend's promise that a repeated Idempotency-Key is answered from the first call and never
 * sends again, and can be told to answer some calls 429 or 500, or to hang past the client's
 * timeout (after accepting the emails: the nastiest case, since the client cannot know).
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export type FakeAnswer = "ok" | "rate-limited" | "server-error" | "slow";

export interface FakeResend {
  url: string;
  /** Every recipient each time the fake "delivered" to them (repeats show duplicates). */
  deliveries: Map<string, number>;
  /** One entry per call that reached the server: when, how many emails, what it answered. */
  calls: { at: number; size: number; answer: FakeAnswer; key: string | null }[];
  /** Accepted calls per rolling second, at most (for the rate assertion). */
  peakCallsPerSecond(): number;
  close(): Promise<void>;
}

export interface FakeResendOptions {
  /** What to answer to the n-th call (0-based); "ok" by default. */
  answer?: (call: number) => FakeAnswer;
  /** How long a "slow" answer takes. */
  slowMs?: number;
  /** Refuse (429) more than this many calls per second, like a provider's rate limit. */
  maxCallsPerSecond?: number;
  /** Don't keep per-recipient counts (the benchmark's 100,000 emails). */
  countOnly?: boolean;
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString("utf8"));
}

export async function startFakeResend(options: FakeResendOptions = {}): Promise<FakeResend & { delivered: () => number }> {
  const deliveries = new Map<string, number>();
  const calls: FakeResend["calls"] = [];
  const answered = new Map<string, string>();
  let delivered = 0;
  let callCount = 0;
  let nextId = 0;
  const recent: number[] = [];

  const server: Server = createServer((request, response) => {
    void (async () => {
      const body = await readJson(request);
      const key = (request.headers["idempotency-key"] as string | undefined) ?? null;
      const emails = (request.url === "/emails/batch" ? body : [body]) as { to: string | string[] }[];
      const now = Date.now();
      while (recent.length > 0 && recent[0]! <= now - 1000) recent.shift();
      let answer = options.answer?.(callCount) ?? "ok";
      callCount += 1;
      if (options.maxCallsPerSecond && recent.length >= options.maxCallsPerSecond) answer = "rate-limited";
      calls.push({ at: now, size: emails.length, answer, key });
      const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
        response.writeHead(status, { "content-type": "application/json", ...headers });
        response.end(JSON.stringify(payload));
      };
      if (answer === "rate-limited") return send(429, { name: "rate_limit_exceeded", statusCode: 429, message: "Too many requests" }, { "retry-after": "0.2" });
      if (answer === "server-error") return send(500, { name: "internal_server_error", statusCode: 500, message: "Something went wrong on our side" });
      if (emails.length > 100) return send(422, { name: "validation_error", statusCode: 422, message: "at most 100 emails per batch" });
      recent.push(now);
      const previous = key ? answered.get(key) : undefined;
      let payload: string;
      if (previous) {
        payload = previous;
      } else {
        const ids = emails.map(() => ({ id: `fake-${++nextId}` }));
        for (const email of emails) {
          delivered += 1;
          if (!options.countOnly) {
            const to = Array.isArray(email.to) ? email.to[0]! : email.to;
            deliveries.set(to, (deliveries.get(to) ?? 0) + 1);
          }
        }
        payload = JSON.stringify(request.url === "/emails/batch" ? { data: ids } : ids[0]);
        if (key) answered.set(key, payload);
      }
      if (answer === "slow") await new Promise((resolve) => setTimeout(resolve, options.slowMs ?? 500));
      response.writeHead(200, { "content-type": "application/json" });
      response.end(payload);
    })().catch(() => {
      response.writeHead(400);
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    deliveries,
    calls,
    delivered: () => delivered,
    peakCallsPerSecond() {
      const accepted = calls.filter((call) => call.answer !== "rate-limited").map((call) => call.at);
      let peak = 0;
      for (let i = 0, j = 0; i < accepted.length; i += 1) {
        while (accepted[i]! - accepted[j]! >= 1000) j += 1;
        peak = Math.max(peak, i - j + 1);
      }
      return peak;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
