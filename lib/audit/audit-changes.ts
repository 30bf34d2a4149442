/**
 * What an audit row may say changed. Writers pass only the fields they mean to record; this is
 * the safety net under them: a field whose name says it holds personal data or a secret is left
 * out, and so is any text that looks like an email address, so no donor's data (which erasure
 * must be able to remove) and no secret ever reaches the append-only log. Pure.
 */

/** Field names never recorded, whatever a writer passes (case-insensitive, anywhere in the name). */
const PERSONAL_OR_SECRET = /email|name|address|phone|dedicat|note|message|answer|token|secret|password|key|card|iban|reference|comment/i;
/** An IP address field (ip, ipAddress, clientIp), without catching "recipients" or "description". */
const IP_FIELD = /^ip($|[A-Z_])|[a-z]Ip($|[A-Z])|_ip($|_)/;
/** Allowed despite the pattern: a campaign's or update's own words, not a person's. */
const ALLOWED_NAMES = new Set(["title", "slug", "summary", "status", "audience", "role", "previousRole", "ownerType"]);
const EMAIL_LIKE = /[^\s@]+@[^\s@]+\.[^\s@]+/;
const MAX_TEXT = 200;

export type AuditValue = string | number | boolean | null | AuditValue[];
export type AuditFields = Record<string, AuditValue>;

function cleanValue(value: unknown): AuditValue | undefined {
  if (value === null || typeof value === "boolean") return value;
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  if (typeof value === "bigint") return Number(value);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "string") {
    if (EMAIL_LIKE.test(value)) return "[left out]";
    return value.length > MAX_TEXT ? `${value.slice(0, MAX_TEXT)}…` : value;
  }
  if (Array.isArray(value)) {
    const items = value.map(cleanValue).filter((item): item is AuditValue => item !== undefined);
    return items.slice(0, 50);
  }
  return undefined; // nested objects are never recorded: a writer names the fields it means
}

/** The fields as they may be stored: personal or secret fields and nested objects left out. */
export function auditFields(fields: Record<string, unknown> | null | undefined): AuditFields {
  const clean: AuditFields = {};
  for (const [name, value] of Object.entries(fields ?? {})) {
    if (!ALLOWED_NAMES.has(name) && (PERSONAL_OR_SECRET.test(name) || IP_FIELD.test(name))) continue;
    const stored = cleanValue(value);
    if (stored !== undefined) clean[name] = stored;
  }
  return clean;
}

/**
 * Before and after, each cut to the fields that changed (both cleaned as above). With no
 * `before` (something created) every field of `after` is kept; with no `after` (deleted), of `before`.
 */
export function auditDiff(before: Record<string, unknown> | null | undefined, after: Record<string, unknown> | null | undefined) {
  const cleanBefore = auditFields(before);
  const cleanAfter = auditFields(after);
  if (!before || !after) return { before: before ? cleanBefore : undefined, after: after ? cleanAfter : undefined };
  const changed = new Set(
    [...Object.keys(cleanBefore), ...Object.keys(cleanAfter)].filter((name) => JSON.stringify(cleanBefore[name]) !== JSON.stringify(cleanAfter[name])),
  );
  const pick = (fields: AuditFields) => Object.fromEntries(Object.entries(fields).filter(([name]) => changed.has(name)));
  return { before: pick(cleanBefore), after: pick(cleanAfter) };
}
