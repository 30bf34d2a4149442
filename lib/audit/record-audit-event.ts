import "server-only";
import { auditEvents } from "@/db/schema";
import type { Database, Executor } from "@/db/database";
import { auditDiff } from "./audit-changes";
import { isAuditKind, isAuditObjectType, type AuditKind, type AuditObjectType } from "./audit-kinds";

/** Who did it: a member of staff (id and address as they are now), or the donor themselves / the system (no address kept). */
export type AuditActor = { type: "staff"; userId: string; email: string } | { type: "donor" } | { type: "system" };

export interface AuditEventInput {
  kind: AuditKind;
  object: { type: AuditObjectType; id?: string | null; label?: string | null };
  /** The object's fields before and after: only the changed ones are kept, personal data and secrets are left out (audit-changes.ts). */
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

/** A signed-in member of staff as an actor (AdminUser fits). */
export function staffActor(admin: { id: string; email: string }): AuditActor {
  return { type: "staff", userId: admin.id, email: admin.email };
}

const EMAIL_LIKE = /[^\s@]+@[^\s@]+\.[^\s@]+/;

/**
 * Writes one audit row. Call it with the transaction that makes the change, so the row and the
 * change commit (or roll back) together. Rows are never updated or deleted (a trigger refuses).
 */
export async function recordAuditEvent(executor: Executor, actor: AuditActor, event: AuditEventInput): Promise<void> {
  if (!isAuditKind(event.kind)) throw new Error(`unknown audit kind ${String(event.kind)}`);
  if (!isAuditObjectType(event.object.type)) throw new Error(`unknown audit object type ${String(event.object.type)}`);
  // Only a staff member's own address may name an object: anything else that looks like one is a donor's.
  const label = event.object.label && (event.object.type === "staff" || !EMAIL_LIKE.test(event.object.label)) ? event.object.label.slice(0, 200) : null;
  const { before, after } = auditDiff(event.before, event.after);
  await executor.insert(auditEvents).values({
    actorType: actor.type,
    actorUserId: actor.type === "staff" ? actor.userId : null,
    actorEmail: actor.type === "staff" ? actor.email : null,
    kind: event.kind,
    objectType: event.object.type,
    objectId: event.object.id ?? null,
    objectLabel: label,
    changes: { ...(before ? { before } : {}), ...(after ? { after } : {}) },
  });
}

/**
 * Runs `work` in a transaction and, when `describe` makes an event of its result, writes that
 * row in the same transaction: the change and its row commit together, and a refusal (describe
 * answers null) or a failure (work throws: everything rolls back) leaves no row.
 *
 * `work` gets the transaction as a Database, so domain functions that open their own
 * transaction run inside this one (Drizzle makes theirs a savepoint).
 */
export async function audited<Result>(
  db: Database,
  actor: AuditActor,
  work: (tx: Database) => Promise<Result>,
  describe: (result: Result) => AuditEventInput | null | undefined,
): Promise<Result> {
  return db.transaction(async (tx) => {
    const result = await work(tx as unknown as Database);
    const event = describe(result);
    if (event) await recordAuditEvent(tx, actor, event);
    return result;
  });
}
