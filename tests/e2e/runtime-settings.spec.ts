/**
 * One build serves any organisation (issue 22; issue 23 finding 9): nothing from the environment
 * is baked in when `next build` runs. The e2e build is made with settings no server starts with
 * (E2E_BUILD_SETTINGS, playwright.config.ts); this spec looks for them in the build's output,
 * then starts a copy of that build twice with other settings, as an operator would start one
 * image for their organisation and later change its settings, and reads what the pages say.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { E2E_BUILD_SETTINGS, E2E_PORT } from "./support/e2e-server";

// The main server is E2E_PORT; +1/+2, +3, +4, +6…+9 are other specs' servers.
const port = E2E_PORT + 5;
const BUILD_DIR = ".next-e2e";
const COPY_DIR = `${BUILD_DIR}-runtime-settings`;
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
  const files = [...renderedFiles(path.join(BUILD_DIR, "server", "app")), ...renderedFiles(path.join(BUILD_DIR, "server", "pages"))];
  // The build prerenders some pages (the not-found page at least): they are what is checked.
  expect(files.some((file) => file.endsWith("_not-found.html"))).toBe(true);
  const found = files.flatMap((file) => {
    const text = fs.readFileSync(file, "utf8");
    const values = FORBIDDEN.filter((value) => text.includes(value));
    return values.length > 0 ? [`${path.relative(BUILD_DIR, file)}: ${values.join(" | ")}`] : [];
  });
  expect(found).toEqual([]);
});

interface Started {
  server: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function start(dataDir: string, settings: Settings): Started {
  let output = "";
  const server = spawn(path.resolve("node_modules/.bin/next"), ["start", "-p", String(port)], {
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: "1",
      NODE_ENV: "production",
      NEXT_DIST_DIR: COPY_DIR,
      LANTERN_DATA_DIR: dataDir,
      LANTERN_TEST_MODE: "demo",
      AUTH_SECRET: "r".repeat(44),
      DATABASE_URL: "",
      STRIPE_SECRET_KEY: "",
      STRIPE_WEBHOOK_SECRET: "",
      RESEND_API_KEY: "",
      DEV_MAILBOX: "",
      ADMIN_EMAILS: "",
      ORG_LEGAL_NAME: "",
      ORG_REGISTRATION_NUMBER: "",
      ORG_TAX_STATEMENT: "",
      ORG_ADDRESS: "",
      ...settings,
    },
  });
  server.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  server.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => server.on("exit", (code) => resolve(code)));
  return { server, output: () => output, exited };
}

async function healthy(started: Started): Promise<void> {
  for (let waited = 0; waited < 90_000; waited += 250) {
    if (started.server.exitCode !== null) throw new Error(`the server stopped: ${started.output()}`);
    if (
      await fetch(`http://127.0.0.1:${port}/api/health`).then(
        (response) => response.ok,
        () => false,
      )
    )
      return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the server on port ${port} did not start: ${started.output()}`);
}

async function stop(started: Started | undefined): Promise<void> {
  if (!started?.server.pid || started.server.exitCode !== null) return;
  try {
    process.kill(-started.server.pid, "SIGTERM");
  } catch {
    // already gone
  }
  await started.exited;
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

test.describe("a copy of the build started with its own settings", () => {
  let dataDir = "";
  let started: Started | undefined;

  test.beforeAll(() => {
    fs.rmSync(COPY_DIR, { recursive: true, force: true });
    // The build only: nothing another server kept while it ran.
    fs.cpSync(BUILD_DIR, COPY_DIR, { recursive: true, filter: (source) => !["cache", "route-cache"].includes(path.basename(source)) });
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lantern-e2e-runtime-settings-"));
  });
  test.afterAll(async () => {
    await stop(started);
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(COPY_DIR, { recursive: true, force: true });
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
    started = start(dataDir, first);
    await healthy(started);
    await expectPagesShow(first, null);

    // Same build folder (pages kept from the first run included) and database, new settings.
    await stop(started);
    const second: Settings = {
      APP_URL: `http://localhost:${port}`,
      ORG_NAME: `Renamed Org ${unique}`,
      ORG_CONTACT_EMAIL: `write-${unique}@renamed-org.test`,
      ORG_MISSION: `We work for a renamed mission ${unique}.`,
    };
    started = start(dataDir, second);
    await healthy(started);
    await expectPagesShow(second, first);
  });
});
