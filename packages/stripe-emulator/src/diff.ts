const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

function equal(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Stripe's `data.previous_attributes`: the old values of what changed. Nested hashes list only
 * their changed keys; arrays and scalars appear whole (so a changed `items` list shows as
 * `{ items: { data: [old items] } }`, as Stripe sends it).
 */
export function previousAttributes(before: object, after: object): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  const old = before as Record<string, unknown>;
  const current = after as Record<string, unknown>;
  for (const key of new Set([...Object.keys(old), ...Object.keys(current)])) {
    const a = old[key];
    const b = current[key];
    if (equal(a, b)) continue;
    result[key] = isPlainObject(a) && isPlainObject(b) ? previousAttributes(a, b) : (a ?? null);
  }
  return result;
}
