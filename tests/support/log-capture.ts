import { setLogSink } from "@/lib/observability/logger";

/** One JSON line the logger wrote. */
export interface LogLine {
  level: string;
  msg: string;
  scope?: string;
  requestId?: string;
  stripeEventId?: string;
  stripeEventType?: string;
  [field: string]: unknown;
}

export interface LogCapture {
  /** Every line written since capture started, parsed. */
  lines: () => LogLine[];
  /** The lines exactly as the logger wrote them (what an operator's log store would hold). */
  text: () => string;
  messages: () => string[];
  stop: () => void;
}

/** Sends the app's log lines (lib/observability/logger.ts) here instead of stdout until stop(). */
export function captureLogs(): LogCapture {
  let raw = "";
  setLogSink({ write: (line: string) => void (raw += line) });
  const lines = () =>
    raw
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line) as LogLine);
  return { lines, text: () => raw, messages: () => lines().map((line) => line.msg), stop: () => setLogSink(null) };
}
