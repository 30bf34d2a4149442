import { z } from "zod";

/** pino's levels, most to least severe; `silent` writes nothing. */
export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

/** LOG_LEVEL: unset is `info`. */
export const logLevelSchema = z.enum(LOG_LEVELS, `must be one of ${LOG_LEVELS.join(", ")}`).default("info");

/** LOG_FORMAT: `json` (one object per line) or `pretty` (readable); unset: json in production and tests, pretty in development. */
export const logFormatSchema = z.enum(["json", "pretty"], "must be `json` or `pretty`").optional();
