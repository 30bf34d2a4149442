/**
 * One build serves any organisation (issue 22; issue 23 finding 9): nothing from the environment
 * is baked in when `next build` runs. The e2e build is made with settings no server starts with
 * (E2E_BUILD_SETTINGS, playwright.config.ts); this spec looks for them in the build's output
 * (its standalone server included), then starts that build twice with other settings the way the
 * container image runs it (`node server.js` from the assembled standalone folder,
 * tests/e2e/support/standalone-server.ts), as an operator would start one image for their
 * organisation and later change its settings, and reads what the pages say.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { E2E_BUILD_SETTINGS, E2E_PORT } from "./support/e2e-server";
import { assembleStandaloneCopy, startStandalone, type StandaloneProcess } from "./support/standalone-server";

// The main server is E2E_PORT; +1/+2, +3, +4, +6…+9 are other specs' servers.
const port = E2E_PORT + 5;
const BUILD_DIR = ".next-e2e";
const CAMPAIGN_SLUG = "foreign-media-in-north-korea";
/** What no served page may carry: the build's settings, and the address a build without APP_URL used to get. */
const FORBIDDEN = [...Object.values(E2E_BUILD_SETTINGS), new URL(E2E_BUILD_SETTINGS.APP_URL).host, "localhost:3000", "buildsentinel"];
/** Nor may a served page carry the address the build renders in APP_URL's place (lib/env BUILD_TIME_APP_URL, a .invalid host). */
const FORBIDDEN_WHEN_SERVED = [...FORBIDDEN, ".invalid"];

interface Settings {
  APP_URL: string;
  ORG_NAME: string;
  ORG_CONTACT_EMAIL: string;
  ORG_MISSION: string;
}

/** Every file of the build's output that holds a rendered page or route answer. */
function renderedFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((file) => /\.(html|rsc|body|meta)$/.test(file))
    .map((file) => path.join(dir, file));
}

test("the build's output holds none of the settings the build ran with", () => {
  const standalone = path.join(BUILD_DIR, "standalone");
  const standaloneBuild = fs.readdirSync(standalone).find((name) => name.startsWith(".next"))!;
  const files = [
    ...renderedFiles(path.join(BUILD_DIR, "server", "app")),
    ...renderedFiles(path.join(BUILD_DIR, "server", "pages")),
    // What the image runs: server.js carries the build's Next configuration.
    path.join(standalone, "server.js"),
    path.join(standalone, standaloneBuild, "required-server-files.json"),
    ...renderedFiles(path.join(standalone, standaloneBuild, "server", "app")),
  ];
  // The build prerenders some pages (the not-found page at least): they are what is checked.
  expect(files.some((file) => file.endsWith("_not-found.html"))).toBe(true);
  const found = files.flatMap((file) => {
    const text = fs.readFileSync(file, "utf8");
    const values = FORBIDDEN.filter((value) => text.includes(value));
    return values.length > 0 ? [`${path.relative(BUILD_DIR, file)}: ${values.join(" | ")}`] : [];
  });
  expect(found).toEqual([]);
});

function start(copyDir: string, settings: Settings, dataDir: string): StandaloneProcess {
  return startStandalone(copyDir, "server.js", {
    HOSTNAME: "127.0.0.1",
    PORT: String(port),
    LANTERN_DATA_DIR: dataDir,
    LANTERN_TEST_MODE: "demo",
    AUTH_SECRET: "r".repeat(44),
    ...settings,
  });
}

/** A page as served, fetched twice: its first rendering and the one kept in the page cache. */
async function served(address: string): Promise<{ status: number; text: string }[]> {
  const answers = [];
  for (let i = 0; i < 2; i++) {
    const response = await fetch(`http://127.0.0.1:${port}${address}`);
    answers.push({ status: response.status, text: await response.text() });
  }
  return answers;
}

/** Reads every public page that shows a setting and checks it shows `settings`, and nothing from the build or `previous`. */
async function expectPagesShow(settings: Settings, previous: Settings | null): Promise<void> {
  const forbidden = [...FORBIDDEN_WHEN_SERVED, ...(previous ? [previous.APP_URL, previous.ORG_NAME, previous.ORG_CONTACT_EMAIL, previous.ORG_MISSION] : [])];
  const pages: { address: string; status: number; expected: string[] }[] = [
    { address: "/", status: 200, expected: [settings.ORG_NAME, `<link rel="canonical" href="${settings.APP_URL}"/>`, `${settings.APP_URL}/updates/feed.xml`] },
    {
      address: "/about",
      status: 200,
      expected: [`About ${settings.ORG_NAME}`, settings.ORG_MISSION, settings.ORG_CONTACT_EMAIL, `<link rel="canonical" href="${settings.APP_URL}/about"/>`],
    },
    { address: "/privacy", status: 200, expected: [settings.ORG_NAME, `${settings.APP_URL}/privacy`] },
    { address: "/updates", status: 200, expected: [settings.ORG_NAME, `<link rel="canonical" href="${settings.APP_URL}/updates"/>`] },
    {
      address: `/campaigns/${CAMPAIGN_SLUG}`,
      status: 200,
      expected: [
        settings.ORG_NAME,
        `<link rel="canonical" href="${settings.APP_URL}/campaigns/${CAMPAIGN_SLUG}"/>`,
        `<meta property="og:url" content="${settings.APP_URL}/campaigns/${CAMPAIGN_SLUG}"/>`,
        `<meta property="og:image" content="${settings.APP_URL}/`,
      ],
    },
    { address: "/sign-in/check-email", status: 200, expected: [settings.ORG_NAME] },
    { address: "/no-such-page", status: 404, expected: [settings.ORG_NAME] },
    { address: "/robots.txt", status: 200, expected: [`Sitemap: ${settings.APP_URL}/sitemap.xml`] },
    { address: "/sitemap.xml", status: 200, expected: [`<loc>${settings.APP_URL}/campaigns/${CAMPAIGN_SLUG}</loc>`] },
    { address: "/updates/feed.xml", status: 200, expected: [`<id>${settings.APP_URL}/updates</id>`, settings.ORG_NAME] },
  ];
  const wrong = [];
  for (const { address, status, expected } of pages) {
    for (const [index, answer] of (await served(address)).entries()) {
      const missing = expected.filter((text) => !answer.text.includes(text));
      const found = forbidden.filter((value) => answer.text.includes(value));
      if (answer.status !== status || missing.length > 0 || found.length > 0) wrong.push({ address, answer: index + 1, status: answer.status, missing, found });
    }
  }
  expect(wrong).toEqual([]);
}

test.describe("the build, run as the image runs it, started with its own settings", () => {
  let dataDir = "";
  let copyDir = "";
  let started: StandaloneProcess | undefined;

  test.beforeAll(() => {
    // The build only (the standalone output holds no page another server kept), as the image has it.
    copyDir = assembleStandaloneCopy("runtime-settings");
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lantern-e2e-runtime-settings-data-"));
  });
  test.afterAll(async () => {
    await started?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
    if (copyDir) fs.rmSync(copyDir, { recursive: true, force: true });
  });

  test("shows the settings it starts with, and new ones after a restart", async () => {
    test.setTimeout(240_000);
    const unique = Date.now().toString(36);
    const first: Settings = {
      APP_URL: `http://127.0.0.1:${port}`,
      ORG_NAME: `Runtime Org ${unique}`,
      ORG_CONTACT_EMAIL: `hello-${unique}@runtime-org.test`,
      ORG_MISSION: `We work for runtime mission ${unique}.`,
    };
    started = start(copyDir, first, dataDir);
    await started.healthy(port);
    await expectPagesShow(first, null);

    // Same build folder (pages kept from the first run included) and database, new settings.
    await started.stop();
    const second: Settings = {
      APP_URL: `http://localhost:${port}`,
      ORG_NAME: `Renamed Org ${unique}`,
      ORG_CONTACT_EMAIL: `write-${unique}@renamed-org.test`,
      ORG_MISSION: `We work for a renamed mission ${unique}.`,
    };
    started = start(copyDir, second, dataDir);
    await started.healthy(port);
    await expectPagesShow(second, first);
  });
});
