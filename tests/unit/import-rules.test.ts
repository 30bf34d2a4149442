import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

/** The import rules of eslint.config.mjs (docs/architecture.md, "Rules ESLint enforces"), tried on one-line files. */
const eslint = new ESLint({ cwd: process.cwd() });

async function refusals(filePath: string, importPath: string): Promise<string[]> {
  const [result] = await eslint.lintText(`import "${importPath}";\n`, { filePath });
  return (result?.messages ?? []).filter((message) => message.ruleId === "no-restricted-imports").map((message) => message.message);
}

describe("dependencies one way", () => {
  it.each([
    ["lib/ledger/probe.ts", "@/lib/donations/recurring-gift-status", /imports no feature folder/],
    ["lib/ledger/probe.ts", "@/lib/payments/stripe-client", /imports no feature folder/],
    ["lib/donations/probe.ts", "@/lib/payments/create-checkout", /never the reverse/],
    ["lib/identity/probe.ts", "@/lib/subscribers/email-address", /Shared by every folder/],
    ["lib/security/probe.ts", "@/lib/donors/manage-session", /Shared by every folder/],
    ["lib/money/probe.ts", "@/lib/ledger/gift-figures", /Shared by every folder/],
    ["lib/campaigns/probe.ts", "@/app/_components/donation-panel", /used by app\//],
    ["lib/payments/probe.ts", "@/scripts/reconcile", /command-line entry points/],
    ["lib/subscribers/probe.ts", "rate-limiter-flexible", /lib\/rate-limit\/rules.ts/],
    ["app/sign-in/probe.ts", "rate-limiter-flexible", /lib\/rate-limit\/rules.ts/],
    ["db/probe.ts", "@/lib/env", /db\/ imports nothing/],
    ["lib/email/probe.ts", "@/lib/updates/update-email", /lib\/email .* imports none/],
    ["lib/email/probe.ts", "@/lib/subscribers/subscription-settings", /lib\/email .* imports none/],
    ["lib/email/outbox/probe.ts", "../../updates/update-email", /lib\/email .* imports none/],
    ["lib/email/outbox/probe.ts", "@/lib/payments/stripe-client", /lib\/email .* imports none/],
  ])("%s may not import %s", async (file, imported, why) => {
    const messages = await refusals(file, imported);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(why);
  });

  it.each([
    ["lib/ledger/probe.ts", "@/db/schema"],
    ["lib/donations/probe.ts", "@/lib/ledger/apply-ledger-change"],
    ["lib/donations/probe.ts", "@/lib/identity/email-identity"],
    ["lib/payments/probe.ts", "@/lib/donations/record-gift"],
    ["lib/rate-limit/probe.ts", "rate-limiter-flexible"],
    ["app/donate/probe.ts", "@/lib/rate-limit/rules"],
    ["lib/email/outbox/probe.ts", "../render-email"],
    ["lib/email/probe.ts", "@/lib/identity/email-identity"],
    ["lib/updates/probe.ts", "@/lib/email/outbox/personalisation"],
  ])("%s may import %s", async (file, imported) => {
    expect(await refusals(file, imported)).toEqual([]);
  });
});
