import { Resend } from "resend";
import type { Database } from "@/db/database";
import { emailIdentity } from "@/lib/identity/email-identity";
import { env } from "@/lib/env";
import { storeInDevMailbox, type DevMailboxOptions } from "./dev-mailbox";
import type { RenderedEmail } from "./render-email";
import { describeError } from "@/lib/errors/describe-error";
import { logger } from "@/lib/observability/logger";

const log = logger("email");

export interface OutgoingEmail extends RenderedEmail {
  to: string;
  headers: Record<string, string>;
  idempotencyKey: string;
}

export interface DeliveryReceipt {
  transport: "resend" | "dev_mailbox";
  providerMessageId: string | null;
}

/** Where emails leave Lantern: Resend, or the dev mailbox table when there is no key. */
export interface EmailTransport {
  name: DeliveryReceipt["transport"];
  send(email: OutgoingEmail): Promise<DeliveryReceipt>;
  /** Up to 100 emails in one call; all or nothing. Returns one provider id per email, in order. */
  sendBatch(emails: OutgoingEmail[], idempotencyKey: string): Promise<(string | null)[]>;
}

/** The provider said "no" (with its own words); the outbox stores the message for the admin. */
export class EmailProviderError extends Error {
  constructor(
    message: string,
    readonly statusCode: number | null,
  ) {
    super(message);
    this.name = "EmailProviderError";
  }
}

export const RESEND_BATCH_LIMIT = 100;

export interface ResendTransportOptions {
  apiKey: string;
  from: string;
  baseUrl?: string;
  /** API calls per second (every call counts against Resend's limit, batch or single). */
  requestsPerSecond: number;
  /** A call that takes longer is abandoned and retried later (under the same idempotency key). */
  timeoutMs?: number;
  /** How many 429 answers in a row one call waits out before giving up for now. */
  maxRateLimitWaits?: number;
}

/**
 * Spaces calls `1/rate` seconds apart, in this process. A 429's Retry-After pushes every later
 * call back, so the whole sender pauses rather than hammering the provider.
 */
export class RequestPacer {
  private nextSlot = 0;
  constructor(private readonly perSecond: number) {}

  async wait(): Promise<void> {
    const now = Date.now();
    const slot = Math.max(now, this.nextSlot);
    this.nextSlot = slot + 1000 / this.perSecond;
    if (slot > now) await sleep(slot - now);
  }

  pauseFor(ms: number): void {
    this.nextSlot = Math.max(this.nextSlot, Date.now() + ms);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Retry-After in seconds (or an HTTP date); Resend sends seconds. Defaults to one second. */
function retryAfterMs(headers: Record<string, string> | null): number {
  const raw = headers?.["retry-after"];
  if (!raw) return 1000;
  const seconds = Number(raw);
  if (Number.isFinite(seconds)) return Math.min(60_000, Math.max(0, seconds * 1000));
  const date = Date.parse(raw);
  return Number.isFinite(date) ? Math.min(60_000, Math.max(0, date - Date.now())) : 1000;
}

export function createResendTransport(options: ResendTransportOptions): EmailTransport {
  const client = new Resend(options.apiKey, options.baseUrl ? { baseUrl: options.baseUrl } : undefined);
  const pacer = new RequestPacer(options.requestsPerSecond);
  const timeoutMs = options.timeoutMs ?? 30_000;
  const maxWaits = options.maxRateLimitWaits ?? 10;

  /** One API call, paced, with 429s waited out (same key and payload, so nothing can double). */
  async function call<T>(
    attempt: (
      signal: AbortSignal,
    ) => Promise<{ data: T | null; error: { message: string; statusCode?: number | null; name?: string } | null; headers: Record<string, string> | null }>,
  ): Promise<T> {
    for (let waits = 0; ; waits += 1) {
      await pacer.wait();
      let result;
      const signal = AbortSignal.timeout(timeoutMs);
      try {
        result = await attempt(signal);
      } catch (error) {
        const timedOut = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
        throw new EmailProviderError(timedOut ? `Resend did not answer within ${timeoutMs} ms` : `Resend could not be reached: ${describeError(error)}`, null);
      }
      const { data, error, headers } = result;
      if (!error) return data as T;
      // The SDK turns an aborted fetch into an error answer rather than throwing.
      if (error.statusCode == null && signal.aborted) throw new EmailProviderError(`Resend did not answer within ${timeoutMs} ms`, null);
      const status = error.statusCode ?? null;
      if ((status === 429 || error.name === "rate_limit_exceeded") && waits < maxWaits) {
        pacer.pauseFor(retryAfterMs(headers));
        continue;
      }
      throw new EmailProviderError(`Resend refused the email${status ? ` (${status})` : ""}: ${error.message}`, status);
    }
  }

  return {
    name: "resend",
    async send(email) {
      const data = await call((signal) =>
        client.emails.send(
          { from: options.from, to: email.to, subject: email.subject, html: email.html, text: email.text, headers: email.headers },
          // Resend drops a second send with the same key, so a retry after a crash cannot double-send.
          { idempotencyKey: email.idempotencyKey, signal } as { idempotencyKey: string },
        ),
      );
      return { transport: "resend", providerMessageId: data?.id ?? null };
    },
    async sendBatch(emails, idempotencyKey) {
      if (emails.length > RESEND_BATCH_LIMIT) throw new Error(`a Resend batch takes at most ${RESEND_BATCH_LIMIT} emails`);
      const data = await call((signal) =>
        client.batch.send(
          emails.map((email) => ({ from: options.from, to: email.to, subject: email.subject, html: email.html, text: email.text, headers: email.headers })),
          { idempotencyKey, signal },
        ),
      );
      const ids = (data as { data?: { id: string }[] } | null)?.data ?? [];
      return emails.map((_, index) => ids[index]?.id ?? null);
    },
  };
}

/** Test mode: the email is stored in the dev mailbox (database, and a JSON file under `dataDir`). */
export function createDevMailboxTransport(db: Database, from: string, dataDir: string, options: DevMailboxOptions = { keepLiveLinks: true }): EmailTransport {
  const store = async (email: OutgoingEmail) => {
    const message = {
      from,
      to: emailIdentity(email.to),
      subject: email.subject,
      html: email.html,
      text: email.text,
      headers: email.headers,
      idempotencyKey: email.idempotencyKey,
    };
    const stored = await storeInDevMailbox(db, dataDir, message, options);
    log.info({ emailKey: email.idempotencyKey }, "stored in the dev mailbox");
    return stored.id;
  };
  return {
    name: "dev_mailbox",
    async send(email) {
      return { transport: "dev_mailbox", providerMessageId: await store(email) };
    },
    async sendBatch(emails) {
      const ids: string[] = [];
      for (const email of emails) ids.push(await store(email));
      return ids;
    },
  };
}

const globalForTransport = globalThis as typeof globalThis & { __lanternResend?: EmailTransport };

/** Resend when RESEND_API_KEY is set (one paced client per process), otherwise the dev mailbox. */
export function emailTransportFromEnv(db: Database): EmailTransport {
  const { RESEND_API_KEY, RESEND_BASE_URL, EMAIL_FROM, EMAIL_REQUESTS_PER_SECOND, LANTERN_DATA_DIR, NODE_ENV } = env();
  if (!RESEND_API_KEY) return createDevMailboxTransport(db, EMAIL_FROM, LANTERN_DATA_DIR, { keepLiveLinks: NODE_ENV !== "production" });
  globalForTransport.__lanternResend ??= createResendTransport({
    apiKey: RESEND_API_KEY,
    baseUrl: RESEND_BASE_URL,
    from: EMAIL_FROM,
    requestsPerSecond: EMAIL_REQUESTS_PER_SECOND,
  });
  return globalForTransport.__lanternResend;
}
