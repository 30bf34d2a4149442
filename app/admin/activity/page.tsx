import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import type { AuditEvent } from "@/db/schema";
import { parseAuditFilters } from "@/lib/audit/audit-filters";
import { AUDIT_KINDS, AUDIT_OBJECT_TYPES, isAuditKind, isAuditObjectType } from "@/lib/audit/audit-kinds";
import { auditActors, listAuditEvents, parseAuditCursor } from "@/lib/audit/list-audit-events";
import { roleMayOpen, type AdminRoute } from "@/lib/auth/admin-permissions";
import { requireAdmin } from "@/lib/auth/require-admin";
import type { StaffRole } from "@/lib/auth/admin-roles";
import type { SearchParams } from "@/lib/reports/report-filters";
import { cell, DataTable, row } from "../_components/data-table";
import { DateRangeFields, FilterForm, FilterSelect } from "../_components/filter-form";
import { formatDateTime } from "../_components/format";

export const metadata: Metadata = { title: "Activity" };

const COLUMNS = [{ label: "When" }, { label: "Who" }, { label: "What" }, { label: "About" }, { label: "Changes" }];

function one(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function who(event: AuditEvent): string {
  if (event.actorType === "staff") return event.actorEmail ?? "A member of staff";
  return event.actorType === "donor" ? "The donor" : "Lantern";
}

function about(event: AuditEvent): string {
  const type = isAuditObjectType(event.objectType) ? AUDIT_OBJECT_TYPES[event.objectType] : event.objectType;
  return [type, event.objectLabel].filter(Boolean).join(": ");
}

/** The admin page of the object an entry is about, for the objects that have one. */
const OBJECT_PAGES: Partial<Record<string, AdminRoute>> = {
  donor: "/admin/donors/[id]",
  gift: "/admin/gifts/[id]",
  campaign: "/admin/campaigns/[id]",
  update: "/admin/updates/[id]",
  match: "/admin/matches/[id]",
};
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The object's own page, when there is one and the signed-in role may open it. */
function objectHref(event: AuditEvent, role: StaffRole | null): string | null {
  const route = OBJECT_PAGES[event.objectType];
  if (!route || !event.objectId || !UUID.test(event.objectId) || !roleMayOpen(role, route)) return null;
  return route.replace("[id]", event.objectId);
}

function showValue(value: unknown): string {
  if (value === null || value === undefined) return "none";
  return Array.isArray(value) ? value.join(", ") : String(value);
}

/** "field: before → after", one line per field that changed. */
function Changes({ changes }: { changes: AuditEvent["changes"] }) {
  const before = changes.before ?? {};
  const after = changes.after ?? {};
  const names = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  if (names.length === 0) return null;
  return (
    <ul className="space-y-0.5">
      {names.map((name) => (
        <li key={name}>
          <span className="font-semibold">{name}</span>
          {": "}
          {changes.before && name in before ? `${showValue(before[name])} → ` : ""}
          {name in after ? showValue(after[name]) : "removed"}
        </li>
      ))}
    </ul>
  );
}

export default async function ActivityPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const me = await requireAdmin("/admin/activity");
  const params = await searchParams;
  const db = await getDb();
  const { filters, range } = parseAuditFilters(params);
  const [actors, page] = await Promise.all([auditActors(db), listAuditEvents(db, filters, parseAuditCursor(one(params.before)))]);

  const filterQuery = new URLSearchParams();
  if (filters.actorEmail) filterQuery.set("person", filters.actorEmail);
  if (filters.kind) filterQuery.set("kind", filters.kind);
  if (filters.objectType) filterQuery.set("object", filters.objectType);
  if (filters.objectId) filterQuery.set("objectId", filters.objectId);
  if (range && one(params.from)) filterQuery.set("from", range.from);
  if (range && one(params.to)) filterQuery.set("to", range.to);
  const paged = Boolean(one(params.before));

  return (
    <div className="space-y-8">
      <h1 className="font-serif text-3xl font-bold">Activity</h1>
      <p className="text-muted">
        Every change made in the admin, newest first: who made it, when, and what changed. Personal data and secrets are never recorded here, and nobody can
        edit or delete an entry.
      </p>

      <FilterForm
        label="Filter activity"
        submitLabel="Apply"
        after={
          <Link href="/admin/activity" className="px-2 py-2 font-semibold text-brand-700 underline">
            Clear
          </Link>
        }
      >
        <FilterSelect
          id="activity-person"
          name="person"
          label="Person"
          defaultValue={filters.actorEmail ?? ""}
          options={[{ value: "", label: "Everyone" }, ...actors.map((email) => ({ value: email, label: email }))]}
        />
        <FilterSelect
          id="activity-kind"
          name="kind"
          label="What"
          defaultValue={filters.kind ?? ""}
          options={[{ value: "", label: "Everything" }, ...Object.entries(AUDIT_KINDS).map(([value, label]) => ({ value, label }))]}
        />
        <FilterSelect
          id="activity-object"
          name="object"
          label="About"
          defaultValue={filters.objectType ?? ""}
          options={[{ value: "", label: "Anything" }, ...Object.entries(AUDIT_OBJECT_TYPES).map(([value, label]) => ({ value, label }))]}
        />
        <div className="flex flex-col">
          <label htmlFor="activity-object-id" className="font-semibold">
            Object id
          </label>
          <input
            id="activity-object-id"
            name="objectId"
            defaultValue={filters.objectId ?? ""}
            maxLength={100}
            className="mt-1 rounded border border-stone-500 px-2 py-1.5 font-normal"
          />
        </div>
        <DateRangeFields idPrefix="activity" from={one(params.from) && range ? range.from : ""} to={one(params.to) && range ? range.to : ""} />
      </FilterForm>

      {page.events.length === 0 ? (
        <p>No activity matches this filter.</p>
      ) : (
        <DataTable caption="Activity, newest first" columns={COLUMNS}>
          {page.events.map((event) => (
            <tr key={event.id} className={`${row} align-top`}>
              <td className={`${cell} whitespace-nowrap`}>{formatDateTime(event.occurredAt.toISOString())}</td>
              <td className={`${cell} break-words`}>{who(event)}</td>
              <td className={cell}>{isAuditKind(event.kind) ? AUDIT_KINDS[event.kind] : event.kind}</td>
              <td className={`${cell} break-words`}>
                {objectHref(event, me.role) ? (
                  <Link href={objectHref(event, me.role)!} className="font-semibold text-brand-700 underline">
                    {about(event)}
                  </Link>
                ) : (
                  about(event)
                )}
                {event.objectId ? (
                  <>
                    {" "}
                    <Link
                      href={`/admin/activity?${new URLSearchParams({ object: event.objectType, objectId: event.objectId })}`}
                      className="text-sm text-brand-700 underline"
                    >
                      All activity about this<span className="sr-only">{` ${about(event)}`}</span>
                    </Link>
                  </>
                ) : null}
              </td>
              <td className={`${cell} text-sm`}>
                <Changes changes={event.changes} />
              </td>
            </tr>
          ))}
        </DataTable>
      )}

      <nav aria-label="Activity pages" className="flex justify-between text-sm font-semibold">
        {paged ? (
          <Link href={`?${filterQuery}`} className="text-brand-700 underline">
            ← Newest
          </Link>
        ) : (
          <span />
        )}
        {page.nextCursor ? (
          <Link href={`?${new URLSearchParams({ ...Object.fromEntries(filterQuery), before: page.nextCursor })}`} className="text-brand-700 underline">
            Older activity →
          </Link>
        ) : null}
      </nav>
    </div>
  );
}
