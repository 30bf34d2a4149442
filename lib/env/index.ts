import { z } from "zod";
import { DEFAULT_DATA_DIR } from "@/db/location";
import { logFormatSchema, logLevelSchema } from "./log-settings";
import { PROCESS_ROLES } from "./process-role";

/**
 * The one place the environment is read. Every variable is documented in `.env.example`.
 * Optional services fall back to local stand-ins: no DATABASE_URL → embedded PGlite,
 * no STRIPE_SECRET_KEY → the bundled Stripe emulator (test mode), no RESEND_API_KEY →
 * the dev mailbox.
 */
const emptyToUndefined = (value: unknown) => (value === "" ? undefined : value);
const optionalString = z.preprocess(emptyToUndefined, z.string().trim().min(1).optional());

const postgresUrl = z.preprocess(
  emptyToUndefined,
  z
    .string()
    .trim()
    .refine((value) => {
      try {
        const url = new URL(value);
        return (url.protocol === "postgres:" || url.protocol === "postgresql:") && url.hostname !== "";
      } catch {
        return false;
      }
    }, "must be a PostgreSQL URL such as postgres://user:password@host:5432/database")
    .optional(),
);

const emailList = z.preprocess(
  (value) => (typeof value === "string" ? value : ""),
  z
    .string()
    .transform((value) =>
      value
        .split(",")
        .map((entry) => entry.trim().toLowerCase())
        .filter(Boolean),
    )
    .pipe(z.array(z.email("must be a comma-separated list of email addresses"))),
);

/**
 * Today's defaults for who we are: fine in development and a demo, refused in production with a
 * real Stripe key (donors would be handed a receipt with no real tax number and no way to write).
 */
export const PLACEHOLDER_REGISTRATION_NUMBER = "EIN 00-0000000";
const PLACEHOLDER_TAX_STATEMENT =
  "Lantern for Human Rights is a registered 501(c)(3) nonprofit (EIN 00-0000000). Your gift is tax-deductible to the extent allowed by law; no goods or services were provided in exchange for it.";
const PLACEHOLDER_CONTACT_EMAIL = "giving@lantern.example";
export const PLACEHOLDER_ADDRESS = "1 Example Street; Springfield, ST 00000; United States";
const PLACEHOLDER_EMAIL_FROM = "Lantern <giving@lantern.example>";

/** Addresses nobody receives mail at (RFC 2606): example.com/.net/.org and the .example domain. */
function isReservedExampleAddress(email: string): boolean {
  const domain = email.slice(email.lastIndexOf("@") + 1).toLowerCase();
  return domain === "example" || domain.endsWith(".example") || /(^|\.)example\.(com|net|org)$/.test(domain);
}

export const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    /** Set by Next itself (e.g. `phase-production-build` during `next build`). */
    NEXT_PHASE: optionalString,
    DATABASE_URL: postgresUrl,
    LANTERN_DATA_DIR: z.preprocess(emptyToUndefined, z.string().default(DEFAULT_DATA_DIR)),
    /** The site's public origin. Unset: the address this server listens on (any port), see listeningOrigin(). */
    APP_URL: z.preprocess(emptyToUndefined, z.url("must be an absolute URL such as https://give.example.org").optional()),

    /** Who runs the site (lib/organisation): the footer, /about, receipts and emails show these. */
    ORG_NAME: z.preprocess(emptyToUndefined, z.string().trim().max(120, "must be at most 120 characters").default("Lantern for Human Rights")),
    /** The registered name, when it differs from ORG_NAME; unset: ORG_NAME. */
    ORG_LEGAL_NAME: z.preprocess(emptyToUndefined, z.string().trim().max(200, "must be at most 200 characters").optional()),
    ORG_REGISTRATION_NUMBER: z.preprocess(
      emptyToUndefined,
      z.string().trim().max(120, "must be at most 120 characters").default(PLACEHOLDER_REGISTRATION_NUMBER),
    ),
    ORG_TAX_STATEMENT: z.preprocess(emptyToUndefined, z.string().trim().max(1000, "must be at most 1000 characters").default(PLACEHOLDER_TAX_STATEMENT)),
    /** Postal address, lines separated by ";". */
    ORG_ADDRESS: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .trim()
        .max(300, "must be at most 300 characters")
        .default(PLACEHOLDER_ADDRESS)
        .transform((value) =>
          value
            .split(";")
            .map((line) => line.trim())
            .filter(Boolean),
        ),
    ),
    ORG_CONTACT_EMAIL: z.preprocess(emptyToUndefined, z.email("must be an email address such as giving@example.org").default(PLACEHOLDER_CONTACT_EMAIL)),
    ORG_MISSION: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .trim()
        .max(500, "must be at most 500 characters")
        .default("Lantern for Human Rights works for the freedom and dignity of the North Korean people."),
    ),

    /** Bounds of one gift in major units of the campaign's currency (1 = $1.00 or ¥1). */
    DONATION_MIN_AMOUNT: z.preprocess(emptyToUndefined, z.coerce.number().positive("must be a positive amount such as 1").default(1)),
    DONATION_MAX_AMOUNT: z.preprocess(emptyToUndefined, z.coerce.number().positive("must be a positive amount such as 100000").default(100_000)),

    /** Bearer token for POST /api/payments/reconcile (a scheduler calls it); unset: the endpoint is off. */
    RECONCILE_SECRET: z.preprocess(emptyToUndefined, z.string().min(32, "must be at least 32 characters (e.g. openssl rand -hex 32)").optional()),

    STRIPE_SECRET_KEY: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(/^(sk|rk)_(test|live)_/, "must be a Stripe secret key (sk_test_… or sk_live_…)")
        .optional(),
    ),
    STRIPE_WEBHOOK_SECRET: z.preprocess(emptyToUndefined, z.string().startsWith("whsec_", "must start with whsec_").optional()),

    RESEND_API_KEY: optionalString,
    RESEND_BASE_URL: z.preprocess(emptyToUndefined, z.url().optional()),
    RESEND_AUDIENCE_ID: optionalString,
    EMAIL_FROM: z.preprocess(emptyToUndefined, z.string().default(PLACEHOLDER_EMAIL_FROM)),
    /** Resend API calls per second this instance may make (Resend's default team limit is 2/s); batches carry up to 100 emails. */
    EMAIL_REQUESTS_PER_SECOND: z.preprocess(
      emptyToUndefined,
      z.coerce.number("must be a number such as 2").positive("must be a positive number such as 2").max(1000, "must be at most 1000").default(2),
    ),
    /** Tries before an email is marked failed and shown in the admin (exponential backoff between them). */
    EMAIL_MAX_ATTEMPTS: z.preprocess(
      emptyToUndefined,
      z.coerce
        .number("must be a whole number such as 8")
        .int("must be a whole number such as 8")
        .min(1, "must be at least 1")
        .max(30, "must be at most 30")
        .default(8),
    ),
    /** The delivery worker inside `next start`/`next dev`: on by default; `disabled` when only `npm run worker` should send. */
    EMAIL_WORKER: z.preprocess(emptyToUndefined, z.enum(["enabled", "disabled"]).default("enabled")),

    /** What this process does (lib/env/process-role.ts, docs/operations.md "Process roles"): all (default), web, webhooks or worker. */
    LANTERN_ROLE: z.preprocess(emptyToUndefined, z.enum(PROCESS_ROLES, "must be one of all, web, webhooks or worker").default("all")),

    /** Dev mailbox page (/dev/mailbox): on by default in development, never in production. */
    DEV_MAILBOX: z.preprocess(emptyToUndefined, z.enum(["enabled", "disabled"]).optional()),

    /** `demo`: a production build may run on the bundled Stripe emulator (a public demo). Nothing else is accepted. */
    LANTERN_TEST_MODE: z.preprocess(emptyToUndefined, z.enum(["demo"], "must be `demo` or unset").optional()),

    /** Signs Auth.js cookies, magic-link tokens, unsubscribe and manage links. Required in production; in development one is generated (lib/env/secrets.ts). */
    AUTH_SECRET: optionalString,

    /** How long an email-updates confirmation link works, in hours (decimals allowed). */
    SUBSCRIBE_CONFIRMATION_TTL_HOURS: z.preprocess(
      emptyToUndefined,
      z.coerce
        .number("must be a number of hours such as 48")
        .positive("must be a positive number of hours")
        .max(24 * 30, "must be at most 720 hours (30 days)")
        .default(48),
    ),
    ADMIN_EMAILS: emailList,

    /** Where uploaded images' bytes live: `database` (image_variants; the default) or `s3`, an S3-compatible bucket (S3_*). */
    IMAGE_STORE: z.preprocess(emptyToUndefined, z.enum(["database", "s3"], "must be `database` or `s3`").default("database")),
    S3_BUCKET: optionalString,
    S3_REGION: z.preprocess(emptyToUndefined, z.string().trim().default("us-east-1")),
    /** For a store other than AWS (MinIO, R2, Backblaze, …); unset: AWS's endpoint for S3_REGION. */
    S3_ENDPOINT: z.preprocess(emptyToUndefined, z.url("must be a URL such as https://s3.example.net").optional()),
    /** Unset: the AWS SDK's own chain (instance or task role, ~/.aws). */
    S3_ACCESS_KEY_ID: optionalString,
    S3_SECRET_ACCESS_KEY: optionalString,
    /** `true` for stores addressed as endpoint/bucket/key rather than bucket.endpoint/key (MinIO, most self-hosted ones). */
    S3_FORCE_PATH_STYLE: z.preprocess(emptyToUndefined, z.enum(["true", "false"], "must be `true` or `false`").default("false")),

    /** How much the logger writes (lib/observability/logger.ts): fatal, error, warn, info (default), debug, trace or silent. */
    LOG_LEVEL: z.preprocess(emptyToUndefined, logLevelSchema),
    /** `json` or `pretty`; unset: JSON lines in production, readable lines in development. */
    LOG_FORMAT: z.preprocess(emptyToUndefined, logFormatSchema),
    /** Bearer token for GET /api/metrics (Prometheus); unset: the endpoint answers 404. */
    METRICS_TOKEN: z.preprocess(emptyToUndefined, z.string().min(32, "must be at least 32 characters (e.g. openssl rand -hex 32)").optional()),

    /** How many proxies in front of the app (CDN, load balancer) append to X-Forwarded-For; 0: clients connect directly (lib/rate-limit/client-address.ts). */
    TRUSTED_PROXY_HOPS: z.preprocess(
      emptyToUndefined,
      z.coerce
        .number("must be a whole number such as 0, 1 or 2")
        .int("must be a whole number such as 0, 1 or 2")
        .min(0, "must be 0 or more")
        .max(10, "must be at most 10")
        .default(0),
    ),
  })
  .superRefine((env, ctx) => {
    // `next build` also runs with NODE_ENV=production but needs no secrets; the server checks at start.
    const production = env.NODE_ENV === "production" && env.NEXT_PHASE !== PRODUCTION_BUILD_PHASE;
    if (env.STRIPE_SECRET_KEY && !env.STRIPE_WEBHOOK_SECRET) {
      ctx.addIssue({
        code: "custom",
        path: ["STRIPE_WEBHOOK_SECRET"],
        message: "is required when STRIPE_SECRET_KEY is set (copy it from the Stripe dashboard or `stripe listen`)",
      });
    }
    if (env.DONATION_MIN_AMOUNT >= env.DONATION_MAX_AMOUNT) {
      ctx.addIssue({ code: "custom", path: ["DONATION_MAX_AMOUNT"], message: "must be greater than DONATION_MIN_AMOUNT" });
    }
    if (env.IMAGE_STORE === "s3" && !env.S3_BUCKET) {
      ctx.addIssue({ code: "custom", path: ["S3_BUCKET"], message: "is required when IMAGE_STORE=s3 (the bucket images are stored in)" });
    }
    if (Boolean(env.S3_ACCESS_KEY_ID) !== Boolean(env.S3_SECRET_ACCESS_KEY)) {
      ctx.addIssue({
        code: "custom",
        path: [env.S3_ACCESS_KEY_ID ? "S3_SECRET_ACCESS_KEY" : "S3_ACCESS_KEY_ID"],
        message: "must be set together with the other S3 key (or neither)",
      });
    }
    if (env.STRIPE_SECRET_KEY && env.LANTERN_TEST_MODE) {
      ctx.addIssue({ code: "custom", path: ["LANTERN_TEST_MODE"], message: "cannot be combined with STRIPE_SECRET_KEY (unset one of them)" });
    }
    if (!production) return;
    // Production runs on the emulator only on purpose: otherwise anybody could "pay" on it.
    if (!env.STRIPE_SECRET_KEY && env.LANTERN_TEST_MODE !== "demo") {
      ctx.addIssue({
        code: "custom",
        path: ["STRIPE_SECRET_KEY"],
        message: "is required in production (or set LANTERN_TEST_MODE=demo to run a public demo on the Stripe emulator)",
      });
    }
    // It signs sessions, magic links, unsubscribe and manage links: in production it must come from the operator.
    if (!env.AUTH_SECRET) {
      ctx.addIssue({ code: "custom", path: ["AUTH_SECRET"], message: "is required in production (generate one with `openssl rand -base64 32`)" });
    } else if (env.AUTH_SECRET.length < 32) {
      ctx.addIssue({
        code: "custom",
        path: ["AUTH_SECRET"],
        message: "must be at least 32 characters in production (generate one with `openssl rand -base64 32`)",
      });
    }
    // The dev mailbox would show anybody an admin's sign-in link.
    if (env.DEV_MAILBOX === "enabled") {
      ctx.addIssue({
        code: "custom",
        path: ["DEV_MAILBOX"],
        message:
          "cannot be enabled in production (anyone could read sign-in links; create the first admin's link with `npm run admin:link -- you@example.org`)",
      });
    }
    if (env.STRIPE_SECRET_KEY) {
      // Real money: receipts must carry the real tax details, and donors a real address to write to.
      if (env.ORG_TAX_STATEMENT.includes("00-0000000")) {
        ctx.addIssue({
          code: "custom",
          path: ["ORG_TAX_STATEMENT"],
          message: "is still the placeholder (EIN 00-0000000): set the tax wording printed on every receipt",
        });
      }
      if (env.ORG_REGISTRATION_NUMBER.includes("00-0000000")) {
        ctx.addIssue({
          code: "custom",
          path: ["ORG_REGISTRATION_NUMBER"],
          message: "is still the placeholder (EIN 00-0000000): set the organisation's registration or tax number",
        });
      }
      if (isReservedExampleAddress(env.ORG_CONTACT_EMAIL)) {
        ctx.addIssue({
          code: "custom",
          path: ["ORG_CONTACT_EMAIL"],
          message: `is still a placeholder (${env.ORG_CONTACT_EMAIL}): set the address donors can write to`,
        });
      }
      // Receipts print the postal address (US receipts must name the organisation reaching the donor).
      if (env.ORG_ADDRESS.join("; ") === PLACEHOLDER_ADDRESS) {
        ctx.addIssue({
          code: "custom",
          path: ["ORG_ADDRESS"],
          message: `is still the placeholder (${PLACEHOLDER_ADDRESS}): set the postal address printed on receipts`,
        });
      }
      // Sign-in cookies are marked Secure when APP_URL is https; production must be.
      if (!env.APP_URL) {
        ctx.addIssue({ code: "custom", path: ["APP_URL"], message: "is required in production (the site's public https:// address)" });
      } else if (new URL(env.APP_URL).protocol !== "https:") {
        ctx.addIssue({ code: "custom", path: ["APP_URL"], message: "must be an https:// URL in production" });
      }
    }
    if (env.RESEND_API_KEY) {
      // Resend refuses to send from a domain nobody verified; better to say so before the first receipt.
      const sender = /<([^>]+)>\s*$/.exec(env.EMAIL_FROM)?.[1] ?? env.EMAIL_FROM;
      if (isReservedExampleAddress(sender.trim())) {
        ctx.addIssue({
          code: "custom",
          path: ["EMAIL_FROM"],
          message: `is still a placeholder (${env.EMAIL_FROM}): set a sender on a domain verified in Resend, such as "Lantern <giving@your-domain.org>"`,
        });
      }
    }
  });

/** The environment as the app uses it: APP_URL is always set (configured, or where this server listens). */
export type Env = Omit<z.infer<typeof envSchema>, "APP_URL"> & {
  APP_URL: string;
  /** False when APP_URL was derived from the listening address (nothing configured it). */
  APP_URL_CONFIGURED: boolean;
};

export class InvalidEnvironmentError extends Error {
  override name = "InvalidEnvironmentError";
}

const PRODUCTION_BUILD_PHASE = "phase-production-build";

/**
 * The one decision "is this a production server?", which every production check and every
 * development convenience (the dev mailbox, the emulator's dashboard, the relaxed CSP of
 * `next dev`, generated secrets) follows.
 *
 * NODE_ENV alone cannot decide it: `next start` keeps whatever NODE_ENV the shell has (Next 16
 * only warns about a non-standard one), so `NODE_ENV=development npm start` would run a
 * production build with no secrets and the dev mailbox open. What cannot be changed at run time
 * is how the code was compiled: `next build` replaces the literal `process.env.NODE_ENV` in every
 * server bundle with "production" (Next's define-env; `next dev` with "development"). Outside
 * Next's bundles (Vitest, the tsx scripts) that literal is the environment's value. A server is
 * production when its code was built for production or its NODE_ENV says so, except while
 * `next build` itself runs (NEXT_PHASE), which needs no secrets.
 */
export function isProductionServer(source: { NODE_ENV?: string; NEXT_PHASE?: string }, builtFor: string | undefined = process.env.NODE_ENV): boolean {
  if (source.NEXT_PHASE === PRODUCTION_BUILD_PHASE) return false;
  return builtFor === "production" || source.NODE_ENV === "production";
}

/**
 * Parses an environment; throws one readable sentence naming each bad variable. In a production
 * build NODE_ENV reads "production" whatever the shell set (isProductionServer), so every check
 * of `env().NODE_ENV` follows the one decision.
 */
export function parseEnv(source: Record<string, string | undefined>, builtFor: string | undefined = process.env.NODE_ENV): Env {
  if (source.NEXT_PHASE === PRODUCTION_BUILD_PHASE) source = buildTimeSource(source);
  const effective = isProductionServer(source, builtFor) && source.NODE_ENV !== "production" ? { ...source, NODE_ENV: "production" } : source;
  const result = envSchema.safeParse(effective);
  if (result.success) {
    const { APP_URL, ...rest } = result.data;
    return { ...rest, APP_URL: APP_URL ?? listeningOrigin(source), APP_URL_CONFIGURED: APP_URL !== undefined };
  }
  const problems = result.error.issues.map((issue) => `${issue.path.join(".") || "environment"} ${issue.message}`);
  throw new InvalidEnvironmentError(`Lantern cannot start: ${problems.join("; ")}.`);
}

/** The site's address in what `next build` prerenders: never served (see buildTimeSource), and never reachable (RFC 2606). */
export const BUILD_TIME_APP_URL = "http://app-url-is-read-at-start.invalid";
/** What `next build` may read: where the data is (the build prerenders /updates from it), nothing that pages show. */
const BUILD_TIME_VARIABLES = ["NODE_ENV", "NEXT_PHASE", "DATABASE_URL", "LANTERN_DATA_DIR"] as const;

/**
 * The environment as `next build` sees it: one build serves any organisation, so the settings
 * pages show (APP_URL, ORG_*, the Stripe key behind the test-mode banner...) are not read while
 * it runs; the defaults and BUILD_TIME_APP_URL stand in. Pages the build prerenders are never
 * served as they are: a starting server expires every page (lib/cache/page-cache-handler.js) and
 * renders each again, with its own settings, on the first request.
 */
function buildTimeSource(source: Record<string, string | undefined>): Record<string, string | undefined> {
  return { ...Object.fromEntries(BUILD_TIME_VARIABLES.map((name) => [name, source[name]])), APP_URL: BUILD_TIME_APP_URL };
}

/**
 * Where this server can be reached from itself when APP_URL is unset: Next's CLI records the
 * address it listens on (`next dev`/`next start`, any `-p`/PORT) once it is listening. Never
 * taken from a request's Host header, which the client writes.
 */
export function listeningOrigin(source: Record<string, string | undefined>): string {
  // Set by next/dist/server/lib/start-server.js: `${protocol}://${hostname}:${port}` (0.0.0.0 becomes localhost).
  const recorded = source.__NEXT_PRIVATE_ORIGIN;
  if (recorded && URL.canParse(recorded)) return new URL(recorded).origin;
  const port = Number(source.PORT);
  return `http://localhost:${Number.isInteger(port) && port > 0 && port < 65536 ? port : 3000}`;
}

let cached: { env: Env; listening: string } | undefined;

export function env(): Env {
  // Re-read once the server starts listening, in case something asked before it knew its port.
  const listening = `${process.env.__NEXT_PRIVATE_ORIGIN ?? ""} ${process.env.PORT ?? ""}`;
  if (!cached || cached.listening !== listening) cached = { env: parseEnv(process.env), listening };
  return cached.env;
}

/** True when no Stripe key is configured: the bundled emulator stands in for Stripe. */
export function isStripeTestMode(): boolean {
  return !env().STRIPE_SECRET_KEY;
}

/** The dev mailbox page and JSON show every email (magic links included): only in development, never with real email. */
export function isDevMailboxVisible(): boolean {
  const { RESEND_API_KEY, DEV_MAILBOX, NODE_ENV } = env();
  if (NODE_ENV !== "development" || RESEND_API_KEY || DEV_MAILBOX === "disabled") return false;
  return true;
}

export { LOG_LEVELS, logFormatSchema, logLevelSchema } from "./log-settings";
export { linkSigningSecret, manageTokenSecret, stripeWebhookSecret, stripeEmulatorApiKey } from "./secrets";
