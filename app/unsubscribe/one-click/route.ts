import { after } from "next/server";
import { getDb } from "@/db/client";
import { isDatabaseUnavailable } from "@/db/database-errors";
import { linkSigningSecret } from "@/lib/env";
import { serviceUnavailableJson } from "@/lib/http/service-unavailable";
import { runSubscriberFollowUp } from "@/lib/subscribers/follow-up";
import { unsubscribe } from "@/lib/subscribers/unsubscribe";

const plain = (body: string, status: number) =>
  new Response(body, { status, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });

/**
 * RFC 8058 one-click unsubscribe: the URL in every update email's List-Unsubscribe header. Mail
 * providers POST `List-Unsubscribe=One-Click` here without cookies; the signed token in the URL
 * is the only authority needed. Answers without a page.
 */
export async function POST(request: Request): Promise<Response> {
  const token = new URL(request.url).searchParams.get("token");
  let db, outcome;
  try {
    db = await getDb();
    outcome = await unsubscribe(db, token, linkSigningSecret());
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    return serviceUnavailableJson(); // mail providers retry
  }
  if (outcome.kind === "invalid") return plain("This unsubscribe link is not valid.", 400);
  if (outcome.kind === "unsubscribed") after(() => runSubscriberFollowUp(db!, { syncAudienceFor: outcome.subscriberId }));
  return plain("You have been unsubscribed.", 200);
}

/** A person (or a scanner) opening the header's URL gets the page with the button; GET changes nothing. */
export function GET(request: Request): Response {
  const incoming = new URL(request.url);
  const page = new URL("/unsubscribe", incoming);
  const token = incoming.searchParams.get("token");
  if (token) page.searchParams.set("token", token);
  return new Response(null, { status: 303, headers: { location: `${page.pathname}${page.search}`, "cache-control": "no-store" } });
}
