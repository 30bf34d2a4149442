/**
 * Whether an error means "the database cannot be reached right now" (down, restarting, refusing
 * connections, network gone) as opposed to a bug or bad data. Callers answer 503 with
 * Retry-After for these: the same request will work once the database is back.
 */
const UNAVAILABLE_SQLSTATES = new Set([
  "57P01", // admin_shutdown (backend terminated)
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now (starting up, recovering)
  "53300", // too_many_connections
  "3D000", // invalid_catalog_name: the database is gone
]);
const UNAVAILABLE_SYSTEM_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);
// node-postgres reports lost connections with plain Errors and these messages.
const UNAVAILABLE_MESSAGES = [
  /connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /not currently accepting connections/i, // ALLOW_CONNECTIONS false (SQLSTATE 55000, shared with other causes)
  /client has encountered a connection error/i,
  /connection (?:is )?(?:closed|ended)/i,
];

export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (depth > 5 || typeof error !== "object" || error === null) return false;
  const { code, message, cause } = error as { code?: unknown; message?: unknown; cause?: unknown };
  if (typeof code === "string" && (code.startsWith("08") || UNAVAILABLE_SQLSTATES.has(code) || UNAVAILABLE_SYSTEM_CODES.has(code))) return true;
  if (typeof message === "string" && UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(message))) return true;
  if (error instanceof AggregateError && error.errors.some((inner) => isDatabaseUnavailable(inner, depth + 1))) return true;
  // Drizzle wraps driver errors ("Failed query: …") with the driver's error as the cause.
  return isDatabaseUnavailable(cause, depth + 1);
}
