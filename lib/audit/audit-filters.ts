import { parseOptionalDateRange, rangeBounds, type DateRange, type SearchParams } from "@/lib/reports/report-filters";
import { isAuditKind, isAuditObjectType } from "./audit-kinds";
import type { AuditFilters } from "./list-audit-events";

function first(value: string | string[] | undefined): string | undefined {
  const single = Array.isArray(value) ? value[0] : value;
  return single?.trim() || undefined;
}

/** The Activity page's filters from its query (anything unknown is ignored, never an error), and the range as typed. */
export function parseAuditFilters(params: SearchParams): { filters: AuditFilters; range?: DateRange } {
  const filters: AuditFilters = {};
  const person = first(params.person);
  if (person && person.length <= 254) filters.actorEmail = person.toLowerCase();
  const kind = first(params.kind);
  if (isAuditKind(kind)) filters.kind = kind;
  const object = first(params.object);
  if (isAuditObjectType(object)) filters.objectType = object;
  const objectId = first(params.objectId);
  if (objectId && objectId.length <= 100) filters.objectId = objectId;
  const range = parseOptionalDateRange(params);
  if (range) {
    const { start, end } = rangeBounds(range);
    filters.from = start;
    filters.until = end;
  }
  return { filters, range };
}
