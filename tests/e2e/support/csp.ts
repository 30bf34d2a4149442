import { test as base, expect, type BrowserContext } from "@playwright/test";

/**
 * Playwright's `test`, failing any test during which a page reports a Content-Security-Policy
 * violation: Chromium's "Refused to … because it violates the following Content Security
 * Policy directive" console errors, and `securitypolicyviolation` events (reported to the
 * console by a script Playwright injects, which CSP does not govern).
 *
 * Every context is watched: the test's own `context`, and any made with `browser.newContext()`
 * during a test, including contexts kept across tests in a file (their reports count towards
 * whichever test is running).
 */
const VIOLATION_PREFIX = "[csp-violation]";
const watched = new WeakSet<BrowserContext>();
let currentViolations: string[] | null = null;

async function watch(context: BrowserContext): Promise<void> {
  if (watched.has(context)) return;
  watched.add(context);
  await context.addInitScript((prefix: string) => {
    document.addEventListener("securitypolicyviolation", (event) => {
      console.error(`${prefix} ${event.effectiveDirective} blocked ${event.blockedURI || "inline"} on ${event.documentURI}`);
    });
  }, VIOLATION_PREFIX);
  context.on("console", (message) => {
    const text = message.text();
    if (message.type() === "error" && (text.startsWith(VIOLATION_PREFIX) || text.includes("Content Security Policy"))) {
      currentViolations?.push(`${message.page()?.url() ?? "?"}: ${text}`);
    }
  });
}

export const test = base.extend<{ noCspViolations: void; cspViolationsExpected: boolean }>({
  /** Only for a test that provokes a violation on purpose (e.g. framing a page) and checks it itself. */
  cspViolationsExpected: [false, { option: true }],
  noCspViolations: [
    async ({ context, browser, cspViolationsExpected }, runTest) => {
      const violations: string[] = [];
      currentViolations = violations;
      await watch(context);
      const newContext = browser.newContext;
      browser.newContext = async (...args: Parameters<typeof newContext>) => {
        const created = await newContext.apply(browser, args);
        await watch(created);
        return created;
      };
      try {
        await runTest();
      } finally {
        browser.newContext = newContext;
        currentViolations = null;
      }
      if (!cspViolationsExpected) expect(violations, "Content-Security-Policy violations reported by the browser").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
