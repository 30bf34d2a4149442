// Lighthouse's default (mobile: emulated phone, simulated slow 4G and CPU) over each URL given
// on the command line, in Debian's Chromium started by Playwright with a debugging port for
// Lighthouse to drive. Prints { url: { performance, accessibility, best-practices, seo } } as
// JSON (scores 0–100). Plain Node on purpose: under tsx, functions Lighthouse sends into the
// page carry esbuild's `__name` helper, which the page does not have.
import { chromium } from "@playwright/test";
import lighthouse from "lighthouse";

const [debuggingPort, ...urls] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", `--remote-debugging-port=${debuggingPort}`, "--disable-background-networking", "--disable-component-update"],
});
try {
  const scores = {};
  for (const url of urls) {
    const result = await lighthouse(url, {
      port: Number(debuggingPort),
      output: "json",
      logLevel: "error",
      onlyCategories: ["performance", "accessibility", "best-practices", "seo"],
    });
    if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
    const score = (id) => Math.round((result.lhr.categories[id]?.score ?? 0) * 100);
    scores[url] = { performance: score("performance"), accessibility: score("accessibility"), "best-practices": score("best-practices"), seo: score("seo") };
  }
  process.stdout.write(JSON.stringify(scores));
} finally {
  await browser.close();
}
