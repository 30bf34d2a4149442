import { connection } from "next/server";
import { getDb } from "@/db/client";
import { listDevMailbox } from "@/lib/email/dev-mailbox";
import { isDevMailboxVisible } from "@/lib/env";

/** The dev mailbox as JSON, for end-to-end tests and scripts. Same visibility rule as the page. */
export async function GET(request: Request): Promise<Response> {
  await connection();
  if (!isDevMailboxVisible()) return new Response("Not found", { status: 404 });
  const to = new URL(request.url).searchParams.get("to") ?? undefined;
  const messages = await listDevMailbox(await getDb(), { to, limit: 50 });
  return Response.json({ messages }, { headers: { "Cache-Control": "no-store" } });
}
