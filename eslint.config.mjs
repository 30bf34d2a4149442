import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// Dependencies point one way: app → lib → db (docs/architecture.md, "Rules ESLint enforces").
// Within lib, the ledger (lib/ledger) is the bottom of the money path: donations write it,
// reports and campaigns read it, and it imports no feature folder. Payments (talking to Stripe)
// builds on donations (the gift rows), never the reverse. identity, money, errors, security and
// observability (the logger, metrics) are shared by every folder, so they import none of them;
// neither does lib/email, which every feature sends through.
const restrict = (...rules) => ({ "no-restricted-imports": ["error", { patterns: rules.map(([message, group]) => ({ group, message })) }] });
const oneWay = (message, group) => restrict([message, group]);
const folders = (...names) => names.flatMap((name) => [`@/lib/${name}`, `@/lib/${name}/**`, `**/lib/${name}/**`, `../${name}/**`]);
const FEATURES = ["admin", "auth", "campaigns", "donations", "donors", "email", "embed", "images", "payments", "receipts", "reports", "subscribers", "updates"];
const FEATURE_FOLDERS = folders(...FEATURES);
// lib/email/outbox/* sits one folder deeper: `../../updates/…` reaches a feature from there.
const FEATURES_BUT_EMAIL = FEATURES.filter((name) => name !== "email").flatMap((name) => [...folders(name), `../../${name}/**`]);
const NOT_APP = ["Code under lib/ is used by app/, never the reverse: move what both need into lib/.", ["@/app", "@/app/**", "**/app/**"]];
const NOT_SCRIPTS = ["scripts/ are command-line entry points: lib/ may not import them; put shared logic in lib/.", ["@/scripts/**", "**/scripts/**"]];
const RATE_LIMITER = ["Rate limits are set in lib/rate-limit/rules.ts and counted by lib/rate-limit/rate-limit.ts: use those.", ["rate-limiter-flexible"]];

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    files: ["db/**/*.ts"],
    rules: oneWay("db/ imports nothing from lib/ or app/: pass what it needs in.", ["@/lib", "@/lib/**", "@/app/**", "**/lib/**", "**/app/**"]),
  },
  {
    files: ["lib/**/*.ts", "lib/**/*.tsx"],
    ignores: ["lib/rate-limit/**"],
    rules: restrict(NOT_APP, NOT_SCRIPTS, RATE_LIMITER),
  },
  {
    files: ["lib/rate-limit/**/*.ts"],
    rules: restrict(NOT_APP, NOT_SCRIPTS),
  },
  {
    files: ["app/**/*.ts", "app/**/*.tsx"],
    rules: restrict(RATE_LIMITER),
  },
  {
    files: ["lib/donations/**/*.ts"],
    rules: restrict(NOT_APP, NOT_SCRIPTS, RATE_LIMITER, [
      "lib/donations holds the gift rows: lib/payments (talking to Stripe) depends on it, never the reverse.",
      ["@/lib/payments", "@/lib/payments/**", "**/payments", "**/payments/**"],
    ]),
  },
  {
    files: ["lib/ledger/**/*.ts"],
    rules: restrict(NOT_APP, NOT_SCRIPTS, RATE_LIMITER, [
      "lib/ledger is the bottom of the money path: it imports no feature folder (pass values in, or move the rule into lib/ledger).",
      FEATURE_FOLDERS,
    ]),
  },
  {
    files: ["lib/email/**/*.ts"],
    rules: restrict(NOT_APP, NOT_SCRIPTS, RATE_LIMITER, [
      "lib/email (the outbox, the worker, the transport) is used by every feature, so it imports none: a feature registers what the outbox needs of it (lib/email/outbox/personalisation.ts).",
      FEATURES_BUT_EMAIL,
    ]),
  },
  {
    files: ["lib/identity/**/*.ts", "lib/money/**/*.ts", "lib/errors/**/*.ts", "lib/security/**/*.ts", "lib/observability/**/*.ts"],
    rules: restrict(NOT_APP, NOT_SCRIPTS, RATE_LIMITER, [
      "Shared by every folder, so it imports none of the feature folders.",
      [...FEATURE_FOLDERS, ...folders("ledger", "rate-limit")],
    ]),
  },
  {
    // The public pages link with plain <a> on purpose (why: app/layout.tsx); the admin keeps next/link.
    files: ["app/**/*.tsx"],
    ignores: ["app/admin/**"],
    rules: { "@next/next/no-html-link-for-pages": "off" },
  },
  globalIgnores([".next*/**", ".data/**", "node_modules/**", "test-results/**", "playwright-report/**", "next-env.d.ts", "db/migrations/**"]),
]);
