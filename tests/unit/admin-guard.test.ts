/**
 * Every admin page, route handler and server action checks the admin itself. This walks the
 * files under app/admin (so a new page or action is covered the day it is added) and calls
 * each one signed out, signed in without admin rights, and as an admin, with the database
 * unplugged: the first two must stop at the check before touching data.
 */
import fs from "node:fs";
import path from "node:path";
import { beforeEach, describe, expect, it, vi } from "vitest";

class RedirectSignal extends Error {
  constructor(readonly url: string) {
    super(`redirect ${url}`);
  }
}
class ForbiddenSignal extends Error {
  constructor() {
    super("forbidden");
  }
}
class DatabaseTouched extends Error {
  constructor() {
    super("database touched");
  }
}

const session = vi.hoisted(() => ({ current: null as null | { user: { id: string; email: string; isAdmin: boolean } } }));

vi.mock("@/lib/auth/auth", () => ({
  auth: vi.fn(async () => session.current),
  signIn: vi.fn(),
  signOut: vi.fn(),
  handlers: {},
}));
vi.mock("@/db/client", () => ({
  getDb: vi.fn(async () => {
    throw new DatabaseTouched();
  }),
}));
vi.mock("next/navigation", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next/navigation")>()),
  redirect: (url: string) => {
    throw new RedirectSignal(url);
  },
  forbidden: () => {
    throw new ForbiddenSignal();
  },
}));
vi.mock("next/cache", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next/cache")>()),
  revalidatePath: vi.fn(),
  revalidateTag: vi.fn(),
}));

const ADMIN_DIR = path.resolve("app/admin");

function filesNamed(dir: string, names: string[]): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return filesNamed(full, names);
    return names.includes(entry.name) ? [full] : [];
  });
}

const relative = (file: string) => path.relative(process.cwd(), file);
const pages = filesNamed(ADMIN_DIR, ["page.tsx"]);
const routes = filesNamed(ADMIN_DIR, ["route.ts"]);
const actionModules = filesNamed(ADMIN_DIR, ["actions.ts"]);

type Entry = { name: string; call: () => Promise<unknown> };

const OFFLINE_GIFT_FORM = {
  method: "cheque",
  amount: "500.00",
  currency: "USD",
  receivedOn: "2026-01-05",
  campaignId: "00000000-0000-4000-8000-000000000001",
  entryKey: "00000000-0000-4000-8000-000000000002",
  giftId: "00000000-0000-4000-8000-000000000003",
  correctionKey: "00000000-0000-4000-8000-000000000004",
  reason: "Cheque bounced",
};
const OFFLINE_GIFT_ACTIONS = ["recordOfflineGiftAction", "correctOfflineGiftAction", "voidOfflineGiftAction"];

async function entries(): Promise<Entry[]> {
  const list: Entry[] = [];
  const props = { params: Promise.resolve({ id: "00000000-0000-4000-8000-000000000000" }), searchParams: Promise.resolve({}) };
  for (const file of pages) {
    const page = (await import(file)).default as (p: typeof props) => Promise<unknown>;
    list.push({ name: `page ${relative(file)}`, call: () => page(props) });
  }
  for (const file of routes) {
    const handlers = (await import(file)) as Record<string, (request: Request) => Promise<Response>>;
    for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"].filter((m) => typeof handlers[m] === "function")) {
      list.push({ name: `${method} ${relative(file)}`, call: () => handlers[method]!(new Request("http://localhost/admin/x?from=2026-01-01")) });
    }
  }
  for (const file of actionModules) {
    expect(fs.readFileSync(file, "utf8").startsWith('"use server";'), `${relative(file)} is a server actions module`).toBe(true);
    const exported = (await import(file)) as Record<string, unknown>;
    for (const [exportName, action] of Object.entries(exported)) {
      if (typeof action !== "function") continue;
      const form = new FormData();
      form.set("email", "someone@example.org");
      form.set("title", "Sneaky");
      // A whole gift received offline, as an admin would send it: a refusal must come before it is recorded.
      for (const [name, value] of Object.entries(OFFLINE_GIFT_FORM)) form.set(name, value);
      list.push({ name: `action ${exportName} (${relative(file)})`, call: () => (action as (...args: unknown[]) => Promise<unknown>)({}, form) });
    }
  }
  return list;
}

describe("admin access checks", () => {
  beforeEach(() => {
    session.current = null;
  });

  it("finds the admin's pages, routes and actions", async () => {
    expect(pages.map(relative).sort()).toEqual(
      [
        "app/admin/admins/page.tsx",
        "app/admin/campaigns/[id]/page.tsx",
        "app/admin/campaigns/[id]/embed/page.tsx",
        "app/admin/campaigns/[id]/matching/page.tsx",
        "app/admin/campaigns/[id]/questions/page.tsx",
        "app/admin/matches/[id]/page.tsx",
        "app/admin/campaigns/new/page.tsx",
        "app/admin/campaigns/page.tsx",
        "app/admin/donors/page.tsx",
        "app/admin/donors/[id]/page.tsx",
        "app/admin/gifts/page.tsx",
        "app/admin/gifts/[id]/page.tsx",
        "app/admin/gifts/offline/new/page.tsx",
        "app/admin/gifts/offline/[id]/page.tsx",
        "app/admin/page.tsx",
        "app/admin/reports/page.tsx",
        "app/admin/statements/page.tsx",
        "app/admin/subscribers/page.tsx",
        "app/admin/updates/page.tsx",
        "app/admin/updates/new/page.tsx",
        "app/admin/updates/[id]/page.tsx",
      ].sort(),
    );
    expect(routes.map(relative).sort()).toEqual([
      "app/admin/exports/gifts/route.ts",
      "app/admin/exports/lapsed-donors/route.ts",
      "app/admin/exports/matches/[id]/route.ts",
      "app/admin/exports/subscribers/route.ts",
    ]);
    const names = (await entries()).filter((e) => e.name.startsWith("action")).map((e) => e.name.split(" ")[1]);
    expect(names.sort()).toEqual(
      [
        "addCampaignMatchAction",
        "addDonorNoteAction",
        "cancelMonthlyGiftAction",
        "correctOfflineGiftAction",
        "deleteDraftUpdateAction",
        "demoteAdminAction",
        "endCampaignMatchAction",
        "previewCampaignMarkdownAction",
        "previewUpdateMarkdownAction",
        "promoteAdminAction",
        "publishUpdateAction",
        "recordOfflineGiftAction",
        "refundGiftAction",
        "removeSlugRedirectAction",
        "resendReceiptAction",
        "retryFailedEmailAction",
        "saveCampaignAction",
        "saveCampaignQuestionsAction",
        "saveEmbedOriginsAction",
        "saveUpdateAction",
        "sendGivingStatementsAction",
        "sendManageLinkAction",
        "setCampaignCoverAction",
        "uploadImageAction",
        "voidOfflineGiftAction",
      ].sort(),
    );
  });

  it("sends a signed-out visitor to sign-in from every one, before any data is read", async () => {
    for (const entry of await entries()) {
      const outcome = await entry.call().catch((error: unknown) => error);
      expect(outcome, entry.name).toBeInstanceOf(RedirectSignal);
      expect((outcome as RedirectSignal).url, entry.name).toMatch(/^\/sign-in\?callbackUrl=%2Fadmin/);
    }
  });

  it("answers 403 to a signed-in non-admin from every one, before any data is read", async () => {
    session.current = { user: { id: "u1", email: "reader@example.org", isAdmin: false } };
    for (const entry of await entries()) {
      const outcome = await entry.call().catch((error: unknown) => error);
      expect(outcome, entry.name).toBeInstanceOf(ForbiddenSignal);
    }
  });

  it("lets an admin through every one", async () => {
    session.current = { user: { id: "u2", email: "admin@example.org", isAdmin: true } };
    for (const entry of await entries()) {
      const outcome = await entry.call().catch((error: unknown) => error);
      expect(outcome, entry.name).not.toBeInstanceOf(RedirectSignal);
      expect(outcome, entry.name).not.toBeInstanceOf(ForbiddenSignal);
    }
  });

  it("records, corrects and voids a gift received offline only past the check: an admin's same form reaches the database", async () => {
    session.current = { user: { id: "u2", email: "admin@example.org", isAdmin: true } };
    const offline = (await entries()).filter((entry) => OFFLINE_GIFT_ACTIONS.includes(entry.name.split(" ")[1]!));
    expect(offline).toHaveLength(3);
    for (const entry of offline) expect(await entry.call().catch((error: unknown) => error), entry.name).toBeInstanceOf(DatabaseTouched);
  });
});
