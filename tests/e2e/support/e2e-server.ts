import fs from "node:fs";
import path from "node:path";

/**
 * Where the e2e servers run and keep their data; shared by playwright.config.ts and the tests.
 * The suite runs in E2E_WORKERS Playwright workers, each against its own server (own build copy,
 * database and ports): worker k's server listens on E2E_PORT + k × 100, and the servers its specs
 * start themselves take the ports just above that (+1…+11, +95). Playwright sets
 * TEST_PARALLEL_INDEX in each worker, so these constants are that worker's. E2E_PORT lets several
 * checkouts run their suites side by side (keep them 200 apart).
 */
export const E2E_FIRST_PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_WORKERS = Math.max(1, Number(process.env.E2E_WORKERS ?? 2));
/** The e2e build (playwright.config.ts); worker 0's server runs on it, the others on copies. */
export const E2E_BUILD_DIR = ".next-e2e";

export interface E2eServerSlot {
  port: number;
  baseURL: string;
  /** Relative to the repository (the server's working directory). */
  dataDir: string;
  distDir: string;
  anyPort: number;
  anyPortBaseURL: string;
  anyPortDataDir: string;
}

/** The server (and the any-port server) that Playwright worker `index` tests against. */
export function e2eServerSlot(index: number): E2eServerSlot {
  const port = E2E_FIRST_PORT + index * 100;
  const dataDir = process.env.E2E_DATA_DIR ? `${process.env.E2E_DATA_DIR}${index ? `-w${index}` : ""}` : `.data/e2e-${port}`;
  // +1…+8, +10 and +11 are taken by the servers other specs start themselves (instances, outage, bad input, process roles, standalone...).
  const anyPort = port + 9;
  return {
    port,
    baseURL: `http://127.0.0.1:${port}`,
    dataDir,
    distDir: index === 0 ? E2E_BUILD_DIR : `${E2E_BUILD_DIR}-w${index}`,
    anyPort,
    anyPortBaseURL: `http://127.0.0.1:${anyPort}`,
    anyPortDataDir: `${dataDir}-any-port`,
  };
}

const slot = e2eServerSlot(Number(process.env.TEST_PARALLEL_INDEX ?? 0));
export const E2E_PORT = slot.port;
export const E2E_BASE_URL = slot.baseURL;
export const E2E_DATA_DIR = slot.dataDir;
/** The build folder this worker's server runs on (Next keeps its caches there). */
export const E2E_DIST_DIR = slot.distDir;

/**
 * A second server from the same build, started with PORT set and no APP_URL, as an operator
 * running `PORT=4100 npm start` would: test mode must reach its emulator on that port.
 */
export const ANY_PORT = slot.anyPort;
export const ANY_PORT_BASE_URL = slot.anyPortBaseURL;
export const ANY_PORT_DATA_DIR = slot.anyPortDataDir;

const repositoryRoot = path.resolve(__dirname, "../../..");

/** A path inside the server's data folder, as the tests (on the same machine) see it. */
export function e2eDataPath(...parts: string[]): string {
  return path.resolve(repositoryRoot, E2E_DATA_DIR, ...parts);
}

/**
 * A secret the server generated into its data folder on first use (the emulator's API key, the
 * webhook secret): the tests read it there, like an operator would, instead of sharing a constant.
 */
export function installationSecretOfServer(name: "stripe-emulator-key" | "stripe-webhook-secret"): string {
  return fs.readFileSync(e2eDataPath(name), "utf8").trim();
}

/** Authorization for calls to the server's Stripe emulator (API and test helpers). */
export function emulatorAuth(): { Authorization: string } {
  return { Authorization: `Bearer ${installationSecretOfServer("stripe-emulator-key")}` };
}

/**
 * Who we are, as the main e2e server is configured (ORG_* in playwright.config.ts): the about
 * page, the footer and the receipts must show these, not the defaults.
 */
export const E2E_ORGANISATION = {
  ORG_LEGAL_NAME: "Lantern for Human Rights, Inc.",
  ORG_REGISTRATION_NUMBER: "EIN 98-7654321",
  ORG_TAX_STATEMENT:
    "Lantern for Human Rights, Inc. is a registered 501(c)(3) nonprofit (EIN 98-7654321). Your gift is tax-deductible to the extent allowed by law; no goods or services were provided in exchange for it.",
  ORG_ADDRESS: "PO Box 2026; Washington, DC 20001; United States",
  ORG_CONTACT_EMAIL: "hello@lantern.test",
  ORG_MISSION: "We stand with the North Korean people: we tell their stories, help those who escape reach safety, and carry outside information in.",
} as const;

/**
 * The settings the e2e build is made with (playwright.config.ts): none of them may reach the
 * build's output or a page the servers serve, which start with other values (issue 22: one build
 * serves any organisation; runtime-settings.spec.ts). Each value appears nowhere in the app.
 */
export const E2E_BUILD_SETTINGS = {
  APP_URL: "http://build-sentinel-app-url.test:4999",
  ORG_NAME: "Buildsentinel Org Name",
  ORG_LEGAL_NAME: "Buildsentinel Legal Name",
  ORG_REGISTRATION_NUMBER: "EIN 12-3456789 buildsentinel",
  ORG_TAX_STATEMENT: "Buildsentinel tax statement.",
  ORG_ADDRESS: "1 Buildsentinel Road; Nowhere",
  ORG_CONTACT_EMAIL: "buildsentinel@sentinel.test",
  ORG_MISSION: "Buildsentinel mission statement.",
} as const;

/** `env NAME='value' …` for a shell command (the values hold no single quote). */
export function shellEnvPrefix(settings: Record<string, string>): string {
  return `env ${Object.entries(settings)
    .map(([name, value]) => `${name}='${value}'`)
    .join(" ")}`;
}

/** Debian's Chromium, for both Playwright configs. */
export const CHROMIUM_LAUNCH_OPTIONS = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  // Without these, Chromium tries to reach Google's services, which this network refuses.
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
};
