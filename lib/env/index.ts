import { z } from "zod";
import { DEFAULT_DATA_DIR } from "@/db/location";

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

export const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: postgresUrl,
    LANTERN_DATA_DIR: z.preprocess(emptyToUndefined, z.string().default(DEFAULT_DATA_DIR)),
    APP_URL: z.preprocess(emptyToUndefined, z.url("must be an absolute URL such as https://give.example.org").default("http://localhost:3000")),

    ORG_NAME: z.preprocess(emptyToUndefined, z.string().default("Lantern for Human Rights")),
    ORG_TAX_STATEMENT: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .default(
          "Lantern for Human Rights is a registered 501(c)(3) nonprofit (EIN 00-0000000). Your gift is tax-deductible to the extent allowed by law; no goods or services were provided in exchange for it.",
        ),
    ),

    /** Bounds of one gift in major units of the campaign's currency (1 = $1.00 or ¥1). */
    DONATION_MIN_AMOUNT: z.preprocess(emptyToUndefined, z.coerce.number().positive("must be a positive amount such as 1").default(1)),
    DONATION_MAX_AMOUNT: z.preprocess(emptyToUndefined, z.coerce.number().positive("must be a positive amount such as 100000").default(100_000)),

    /** Bearer token for POST /api/payments/reconcile (a scheduler calls it); unset: the endpoint is off. */
    RECONCILE_SECRET: z.preprocess(emptyToUndefined, z.string().min(32, "must be at least 32 characters (e.g. openssl rand -hex 32)").optional()),

    STRIPE_SECRET_KEY: z.preprocess(
      emptyToUndefined,
      z.string().regex(/^(sk|rk)_(test|live)_/, "must be a Stripe secret key (sk_test_… or sk_live_…)").optional(),
    ),
    STRIPE_WEBHOOK_SECRET: z.preprocess(emptyToUndefined, z.string().startsWith("whsec_", "must start with whsec_").optional()),

    RESEND_API_KEY: optionalString,
    RESEND_BASE_URL: z.preprocess(emptyToUndefined, z.url().optional()),
    RESEND_AUDIENCE_ID: optionalString,
    EMAIL_FROM: z.preprocess(emptyToUndefined, z.string().default("Lantern <giving@lantern.example>")),
    /** Resend API calls per second this instance may make (Resend's default team limit is 2/s); batches carry up to 100 emails. */
    EMAIL_REQUESTS_PER_SECOND: z.preprocess(
      emptyToUndefined,
      z.coerce.number("must be a number such as 2").positive("must be a positive number such as 2").max(1000, "must be at most 1000").default(2),
    ),
    /** Tries before an email is marked failed and shown in the admin (exponential backoff between them). */
    EMAIL_MAX_ATTEMPTS: z.preprocess(emptyToUndefined, z.coerce.number("must be a whole number such as 8").int("must be a whole number such as 8").min(1, "must be at least 1").max(30, "must be at most 30").default(8)),
    /** The delivery worker inside `next start`/`next dev`: on by default; `disabled` when only `npm run worker` should send. */
    EMAIL_WORKER: z.preprocess(emptyToUndefined, z.enum(["enabled", "disabled"]).default("enabled")),

    /** Dev mailbox page (/dev/mailbox): on by default outside production, opt-in for `next start` tests. */
    DEV_MAILBOX: z.preprocess(emptyToUndefined, z.enum(["enabled", "disabled"]).optional()),

    /** Signs Auth.js cookies, magic-link tokens and unsubscribe links. Outside production a local one is generated for sign-in (lib/auth/auth-secret.ts). */
    AUTH_SECRET: optionalString,

    /** How long an email-updates confirmation link works, in hours (decimals allowed). */
    SUBSCRIBE_CONFIRMATION_TTL_HOURS: z.preprocess(
      emptyToUndefined,
      z.coerce.number("must be a number of hours such as 48").positive("must be a positive number of hours").max(24 * 30, "must be at most 720 hours (30 days)").default(48),
    ),
    ADMIN_EMAILS: emailList,
  })
  .superRefine((env, ctx) => {
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
    if (env.NODE_ENV === "production" && env.RESEND_API_KEY && !env.AUTH_SECRET) {
      ctx.addIssue({ code: "custom", path: ["AUTH_SECRET"], message: "is required in production when RESEND_API_KEY is set (it signs sign-in and unsubscribe links)" });
    } else if (env.NODE_ENV === "production" && env.STRIPE_SECRET_KEY && !env.AUTH_SECRET) {
      // A deployment with a Stripe key is production: admin sign-in needs a real secret shared by
      // every instance. Test mode (the bundled emulator, e.g. the e2e server) may use a generated one.
      ctx.addIssue({ code: "custom", path: ["AUTH_SECRET"], message: "is required in production (generate one with `openssl rand -base64 32`)" });
    }
    // Sign-in cookies are marked Secure when APP_URL is https; production must be.
    if (env.NODE_ENV === "production" && env.STRIPE_SECRET_KEY && new URL(env.APP_URL).protocol !== "https:") {
      ctx.addIssue({ code: "custom", path: ["APP_URL"], message: "must be an https:// URL in production" });
    }
  });

export type Env = z.infer<typeof envSchema>;

export class InvalidEnvironmentError extends Error {
  override name = "InvalidEnvironmentError";
}

/** Parses an environment; throws one readable sentence naming each bad variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.join(".") || "environment"} ${issue.message}`);
  throw new InvalidEnvironmentError(`Lantern cannot start: ${problems.join("; ")}.`);
}

let cached: Env | undefined;

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** True when no Stripe key is configured: the bundled emulator stands in for Stripe. */
export function isStripeTestMode(): boolean {
  return !env().STRIPE_SECRET_KEY;
}

/** The secret used to sign and verify webhooks; fixed and public in test mode only. */
export const TEST_MODE_WEBHOOK_SECRET = "whsec_lantern_test_mode_not_secret";

/** The dev mailbox page exposes every email (magic links included): never with real email, never in production unless asked. */
export function isDevMailboxVisible(): boolean {
  const { RESEND_API_KEY, DEV_MAILBOX, NODE_ENV } = env();
  if (RESEND_API_KEY || DEV_MAILBOX === "disabled") return false;
  return DEV_MAILBOX === "enabled" || NODE_ENV !== "production";
}

/** Fixed and public: signs unsubscribe links only while no AUTH_SECRET is configured (local and test runs). */
export const TEST_MODE_LINK_SECRET = "lantern_test_mode_link_secret_not_secret";

/** The secret behind signed links (unsubscribe); AUTH_SECRET when set. */
export function linkSigningSecret(): string {
  return env().AUTH_SECRET ?? TEST_MODE_LINK_SECRET;
}

export function stripeWebhookSecret(): string {
  return env().STRIPE_WEBHOOK_SECRET ?? TEST_MODE_WEBHOOK_SECRET;
}
