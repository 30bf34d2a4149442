/**
 * The text of anything thrown, for a log line or a report: an Error's message, anything else
 * (a string, a rejected value) as a string. Never throws.
 */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  try {
    return String(error);
  } catch {
    return "an error that cannot be described";
  }
}
