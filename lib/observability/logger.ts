import pino, { type DestinationStream, type Logger } from "pino";
import pretty from "pino-pretty";
import { isProductionServer, logFormatSchema, logLevelSchema } from "@/lib/env";
import { currentLogContext } from "./log-context";
import { REDACT_PATHS, REDACTED, scrubLogValue, scrubText } from "./redact-log";

/*
 * The one logger of the app, the delivery worker and the command-line scripts (pino). In
 * production one JSON object per line on stdout, for whatever collects the container's output;
 * in development the same lines made readable (pino-pretty, run as a stream in this thread: a
 * pino transport would start a worker thread, which Next's server bundles cannot load).
 *
 * Every line carries the ids of the work it belongs to (lib/observability/log-context.ts:
 * the request id, the Stripe event) and nothing personal: lib/observability/redact-log.ts
 * scrubs each line's fields and message. LOG_LEVEL and LOG_FORMAT are read here, before and
 * whatever lib/env thinks of the rest of the environment: the logger must be able to say that
 * the environment is wrong. An invalid value falls back to the default here, and the server's
 * start-up check (lib/env) stops it with one sentence.
 */

interface LoggerState {
  root: Logger;
  /** Where lines go: stdout, or stderr for the command-line scripts (sendLogsToStderr). */
  output: DestinationStream;
  /** Tests send lines here instead (setLogSink). */
  sink: DestinationStream | null;
}

const globalForLogger = globalThis as typeof globalThis & { __lanternLogger?: LoggerState };

/** JSON lines, or readable ones, on file descriptor 1 or 2. Synchronous: a script's last line is written before it exits. */
function createOutput(fd: 1 | 2): DestinationStream {
  const format = logFormatSchema.safeParse(process.env.LOG_FORMAT || undefined);
  const json = format.success && format.data ? format.data === "json" : isProductionServer(process.env) || process.env.NODE_ENV === "test";
  if (json) return pino.destination({ dest: fd, sync: true });
  return pretty({
    destination: fd,
    sync: true,
    colorize: Boolean((fd === 1 ? process.stdout : process.stderr).isTTY),
    translateTime: "HH:MM:ss.l",
    ignore: "pid,hostname,scope",
    messageFormat: "{if scope}[{scope}] {end}{msg}",
  });
}

function createRoot(state: Pick<LoggerState, "sink" | "output">): Logger {
  const level = logLevelSchema.safeParse(process.env.LOG_LEVEL || undefined);
  // Lines go to the test's sink while one is set, otherwise to the output.
  const destination: DestinationStream = { write: (line: string) => (state.sink ?? state.output).write(line) };
  return pino(
    {
      level: level.success ? level.data : "info",
      timestamp: pino.stdTimeFunctions.isoTime,
      messageKey: "msg",
      redact: { paths: REDACT_PATHS, censor: REDACTED },
      // Errors are already plain, scrubbed objects (formatters.log); pino's own serializer would rename their type.
      serializers: { err: (value: unknown) => value },
      formatters: {
        level: (label) => ({ level: label }),
        // Everything but the message: fields, bindings of child loggers are already clean.
        log: (object) => scrubLogValue(object) as Record<string, unknown>,
      },
      // The message, and any string arguments formatted into it.
      hooks: {
        logMethod(args, method) {
          const [first, ...rest] = args as unknown[];
          // log.error(error): pino would take the error's message, unscrubbed, as the line's message.
          const head = first instanceof Error ? [{ err: first }, ...(typeof rest[0] === "string" ? [] : [first.message])] : [first];
          const scrubbed = [...head, ...rest].map((arg) => (typeof arg === "string" ? scrubText(arg) : arg));
          method.apply(this, scrubbed as Parameters<typeof method>);
        },
      },
      mixin: () => ({ ...currentLogContext() }),
    },
    destination,
  );
}

function state(): LoggerState {
  if (!globalForLogger.__lanternLogger) {
    const fresh: LoggerState = { root: undefined as unknown as Logger, output: createOutput(1), sink: null };
    fresh.root = createRoot(fresh);
    globalForLogger.__lanternLogger = fresh;
  }
  return globalForLogger.__lanternLogger;
}

/**
 * A logger for one part of the app: `logger("webhooks").error({ eventId }, "failed")`. Its lines
 * carry `scope` (shown as `[webhooks]` in development).
 */
export function logger(scope: string): Logger {
  return state().root.child({ scope });
}

/** For tests: every line goes to `sink` (one JSON object per line, before any pretty-printing) until it is unset. */
export function setLogSink(sink: DestinationStream | null): void {
  state().sink = sink;
}

/**
 * For the command-line scripts: log lines go to stderr, so that stdout carries only the command's
 * result (a backup's file name, a sign-in link, the reconcile report) for whoever pipes it.
 */
export function sendLogsToStderr(): void {
  state().output = createOutput(2);
}
