import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// Dependencies point one way: app → lib → db. Within lib, payments (talking to Stripe) builds
// on donations (the ledger), never the reverse.
const oneWay = (message, group) => ({ "no-restricted-imports": ["error", { patterns: [{ group, message }] }] });

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    files: ["db/**/*.ts"],
    rules: oneWay("db/ imports nothing from lib/ or app/: pass what it needs in.", ["@/lib", "@/lib/**", "@/app/**", "**/lib/**", "**/app/**"]),
  },
  {
    files: ["lib/donations/**/*.ts"],
    rules: oneWay("lib/donations is the ledger: lib/payments depends on it, never the reverse.", ["@/lib/payments", "@/lib/payments/**", "**/payments", "**/payments/**"]),
  },
  {
    // The public pages link with plain <a> on purpose (why: app/layout.tsx); the admin keeps next/link.
    files: ["app/**/*.tsx"],
    ignores: ["app/admin/**"],
    rules: { "@next/next/no-html-link-for-pages": "off" },
  },
  globalIgnores([".next*/**", ".data/**", "node_modules/**", "test-results/**", "playwright-report/**", "next-env.d.ts", "db/migrations/**"]),
]);
