/**
 * Every admin page, route handler and server action checks the role itself. This walks the
 * files under app/admin (so a new page or action is covered the day it is added), checks each is
 * declared in the one table of permissions (lib/auth/admin-permissions.ts: ADMIN_ROUTES and
 * ADMIN_ACTIONS, which tests/e2e/admin-access.spec.ts reads too) and calls each one signed out,
 * signed in without a role, and as every role, with the database unplugged: a refused caller
 * must stop at the check before touching data, an allowed one must get past it.
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

const session = vi.hoisted(() => ({ current: null as null | { user: { id: string; email: string; role: string | null } } }));
const database = vi.hoisted(() => ({ opened: 0 }));

vi.mock("@/lib/auth/auth", () => ({
  auth: vi.fn(async () => session.current),
  signIn: vi.fn(),
  signOut: vi.fn(),
  handlers: {},
}));
vi.mock("@/db/client", () => ({
  getDb: vi.fn(async () => {
    database.opened += 1;
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

const { ADMIN_ACTIONS, ADMIN_ROUTES } = await import("@/lib/auth/admin-permissions");
const { roleCan } = await import("@/lib/auth/admin-roles");
const { adminActionName } = await import("@/lib/admin/admin-action");
type AdminRoute = keyof typeof ADMIN_ROUTES;
type AdminActionName = keyof typeof ADMIN_ACTIONS;
type Permission = (typeof ADMIN_ROUTES)[AdminRoute];

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

type Entry = { name: string; permission: Permission; call: () => Promise<unknown> };

/** The route a page.tsx or route.ts serves, as the build and ADMIN_ROUTES name it. */
const routeOf = (file: string) => `/${path.relative(path.resolve("app"), path.dirname(file)).split(path.sep).join("/")}`;

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
    list.push({ name: `page ${relative(file)}`, permission: ADMIN_ROUTES[routeOf(file) as AdminRoute], call: () => page(props) });
  }
  for (const file of routes) {
    const handlers = (await import(file)) as Record<string, (request: Request, context: unknown) => Promise<Response>>;
    for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"].filter((m) => typeof handlers[m] === "function")) {
      list.push({
        name: `${method} ${relative(file)}`,
        permission: ADMIN_ROUTES[routeOf(file) as AdminRoute],
        call: () => handlers[method]!(new Request("http://localhost/admin/x?from=2026-01-01"), props),
      });
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
      list.push({
        name: `action ${exportName} (${relative(file)})`,
        permission: ADMIN_ACTIONS[exportName as AdminActionName],
        call: () => (action as (...args: unknown[]) => Promise<unknown>)({}, form),
      });
    }
  }
  return list;
}

const ROLES = ["owner", "finance", "editor", "viewer"] as const;
const asRole = (role: string | null) => ({ user: { id: `u-${role}`, email: `${role ?? "nobody"}@example.org`, role } });

describe("admin access checks", () => {
  beforeEach(() => {
    session.current = null;
    database.opened = 0;
  });

  it("declares every page, route and action of app/admin in the one permissions table, and nothing else", async () => {
    const served = [...pages, ...routes].map(routeOf).sort();
    expect(served).toEqual(Object.keys(ADMIN_ROUTES).sort());
    const actions: string[] = [];
    for (const file of actionModules) {
      for (const [exportName, action] of Object.entries((await import(file)) as Record<string, unknown>)) {
        if (typeof action !== "function") continue;
        actions.push(exportName);
        // The name the action was made with is the row it is checked by.
        expect(adminActionName(action), `${exportName} (${relative(file)})`).toBe(exportName);
      }
    }
    expect(actions.sort()).toEqual(Object.keys(ADMIN_ACTIONS).sort());
  });

  it("sends a signed-out visitor to sign-in from every one, before any data is read", async () => {
    for (const entry of await entries()) {
      const outcome = await entry.call().catch((error: unknown) => error);
      expect(outcome, entry.name).toBeInstanceOf(RedirectSignal);
      expect((outcome as RedirectSignal).url, entry.name).toMatch(/^\/sign-in\?callbackUrl=%2Fadmin/);
    }
    expect(database.opened).toBe(0);
  });

  it("answers 403 to a signed-in address without a role from every one, before any data is read", async () => {
    session.current = asRole(null);
    for (const entry of await entries()) {
      const outcome = await entry.call().catch((error: unknown) => error);
      expect(outcome, entry.name).toBeInstanceOf(ForbiddenSignal);
    }
    expect(database.opened).toBe(0);
  });

  for (const role of ROLES) {
    it(`lets ${role} through exactly what the table grants, and refuses the rest before any data is read`, async () => {
      session.current = asRole(role);
      let allowed = 0;
      for (const entry of await entries()) {
        const opened = database.opened;
        const outcome = await entry.call().catch((error: unknown) => error);
        expect(outcome, entry.name).not.toBeInstanceOf(RedirectSignal);
        if (roleCan(role, entry.permission)) {
          allowed += 1;
          expect(outcome, `${role} may use ${entry.name}`).not.toBeInstanceOf(ForbiddenSignal);
        } else {
          expect(outcome, `${role} may not use ${entry.name}`).toBeInstanceOf(ForbiddenSignal);
          expect(database.opened, `${role} reached the database through ${entry.name}`).toBe(opened);
        }
      }
      expect(allowed).toBeGreaterThan(0);
    });
  }

  it("records, corrects and voids a gift received offline only past the check: finance's same form reaches the database", async () => {
    session.current = asRole("finance");
    const offline = (await entries()).filter((entry) => OFFLINE_GIFT_ACTIONS.includes(entry.name.split(" ")[1]!));
    expect(offline).toHaveLength(3);
    for (const entry of offline) expect(await entry.call().catch((error: unknown) => error), entry.name).toBeInstanceOf(DatabaseTouched);
  });
});
