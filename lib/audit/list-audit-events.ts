import "server-only";
import { and, desc, eq, gte, lt, type SQL } from "drizzle-orm";
import { auditEvents, type AuditEvent } from "@/db/schema";
import type { Database } from "@/db/database";
import type { AuditKind, AuditObjectType } from "./audit-kinds";

export interface AuditFilters {
  /** A staff member's address, as recorded. */
  actorEmail?: string;
  kind?: AuditKind;
  objectType?: AuditObjectType;
  objectId?: string;
  /** Inclusive start and exclusive end (UTC). */
  from?: Date;
  until?: Date;
}

export interface AuditPage {
  events: AuditEvent[];
  /** The cursor of the next (older) page, or null on the last one. */
  nextCursor: string | null;
}

export const AUDIT_PAGE_SIZE = 50;

/** A cursor is the id of the last row shown: rows are newest first in id order, so it never skips or repeats one added meanwhile. */
export function parseAuditCursor(value: string | undefined): number | null {
  if (!value || !/^[1-9][0-9]{0,17}$/.test(value)) return null;
  const id = Number(value);
  return Number.isSafeInteger(id) ? id : null;
}

/** A page of the audit log, newest first, filtered; `before` is a cursor from the previous page. */
export async function listAuditEvents(db: Database, filters: AuditFilters, before: number | null = null, pageSize = AUDIT_PAGE_SIZE): Promise<AuditPage> {
  const where: SQL[] = [];
  if (filters.actorEmail) where.push(eq(auditEvents.actorEmail, filters.actorEmail));
  if (filters.kind) where.push(eq(auditEvents.kind, filters.kind));
  if (filters.objectType) where.push(eq(auditEvents.objectType, filters.objectType));
  if (filters.objectId) where.push(eq(auditEvents.objectId, filters.objectId));
  if (filters.from) where.push(gte(auditEvents.occurredAt, filters.from));
  if (filters.until) where.push(lt(auditEvents.occurredAt, filters.until));
  if (before !== null) where.push(lt(auditEvents.id, before));
  const rows = await db
    .select()
    .from(auditEvents)
    .where(where.length > 0 ? and(...where) : undefined)
    .orderBy(desc(auditEvents.id))
    .limit(pageSize + 1);
  const events = rows.slice(0, pageSize);
  return { events, nextCursor: rows.length > pageSize ? String(events.at(-1)!.id) : null };
}

/** Every address that has acted, for the "person" filter. */
export async function auditActors(db: Database): Promise<string[]> {
  const rows = await db.selectDistinct({ email: auditEvents.actorEmail }).from(auditEvents).orderBy(auditEvents.actorEmail);
  return rows.map((row) => row.email).filter((email): email is string => !!email);
}
