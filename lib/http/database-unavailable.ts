import "server-only";
import { redirect } from "next/navigation";
import { isDatabaseUnavailable } from "@/db/database-errors";
import { env } from "@/lib/env";
import { sameOriginPath } from "@/lib/security/safe-redirect";
import { logger } from "@/lib/observability/logger";

const log = logger("db");

/** The route that answers 503 with a friendly page (app/unavailable/route.ts). */
export const UNAVAILABLE_PATH = "/unavailable";

/**
 * Next cannot give a page a status other than 200, 404, 403 or 401, so a dynamic page that
 * cannot reach the database sends the visitor to the 503 page instead of failing with a 500.
 * `from` is where to come back to once the database answers again. Cached (ISR) pages may use
 * it too: the page cache never keeps a redirect to the 503 page (lib/cache/page-cache-handler.js),
 * so a page rendered before the outage keeps its last rendering and one never rendered before
 * sends its visitors to the 503 page until the database is back.
 */
export async function orUnavailable<T>(from: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    log.error({ from }, "database unavailable, answering 503");
    redirect(`${UNAVAILABLE_PATH}?${new URLSearchParams({ from })}`);
  }
}

/** A same-site path to return to, or "/" for anything else (the one redirect guard decides). */
export function returnPath(from: string | null): string {
  return sameOriginPath(from, env().APP_URL) ?? "/";
}

/**
 * For what a page adds around its content (metadata): `fallback` while the database is
 * unreachable, so that the page alone decides what the visitor gets (orUnavailable).
 */
export async function orWhileUnavailable<T>(read: () => Promise<T>, fallback: T): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    return fallback;
  }
}
