/**
 * Every admin page, CSV export and server action refuses a signed-out visitor (sent to sign-in),
 * a signed-in address without a role (403), and every role the permissions table
 * (lib/auth/admin-permissions.ts, the one list tests/unit/admin-guard.test.ts reads too) does
 * not grant (403), and changes nothing for them; each role the table does grant gets through.
 * The routes and actions are read from the build's own manifests and compared with the table, so
 * one added later is walked too.
 */
import fs from "node:fs";
import path from "node:path";
import type { APIRequestContext, BrowserContext } from "@playwright/test";
import { expect, test } from "./support/csp";
import { expectNoAxeViolations } from "./support/axe";
import { ADMIN_EMAIL, askForSignInLink, mailboxFor, signInThroughMailbox } from "./support/admin-session";
import { ADMIN_ACTIONS, ADMIN_ROUTES, adminNavFor, type AdminActionName, type AdminRoute } from "@/lib/auth/admin-permissions";
import { roleCan, STAFF_ROLES, type StaffRole } from "@/lib/auth/admin-roles";
import { AUDIT_KINDS } from "@/lib/audit/audit-kinds";

const DIST_DIR = path.resolve(".next-e2e"); // playwright.config.ts builds there
const STAFF_EMAIL = "staff@lantern.test";
/** One member of staff per role but owner (the ADMIN_EMAILS address is the owner). */
const ROLE_EMAILS: Record<Exclude<StaffRole, "owner">, string> = {
  finance: "finance@lantern.test",
  editor: "editor@lantern.test",
  viewer: "viewer@lantern.test",
};

function routesManifest(): Record<string, string> {
  return JSON.parse(fs.readFileSync(path.join(DIST_DIR, "app-path-routes-manifest.json"), "utf8")) as Record<string, string>;
}

/** App routes under /admin (pages and route handlers), from the build. */
function adminRoutes(): string[] {
  return [...new Set(Object.values(routesManifest()))].filter((route) => route === "/admin" || route.startsWith("/admin/")).sort();
}

interface ActionEntry {
  id: string;
  name: string;
  /** A page that uses the action: where the browser posts it. */
  route: string;
}

/** Server actions defined in app/admin, from the build's server reference manifest. */
function adminActions(): ActionEntry[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(DIST_DIR, "server", "server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { filename?: string; exportedName?: string; workers: Record<string, unknown> }>;
  };
  const routes = routesManifest();
  return Object.entries(manifest.node)
    .filter(([, entry]) => entry.filename?.startsWith("app/admin/"))
    .map(([id, entry]) => {
      const worker = Object.keys(entry.workers).find((name) => name.startsWith("app/admin/"))!;
      return { id, name: `${entry.exportedName} (${entry.filename})`, route: routes[worker.slice("app".length)]! };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Calls a server action as the browser's runtime does: the form's fields (prefixed with the
 * reply's part id), then the arguments (previous state, the form), posted to a page using it.
 */
async function callAction(request: APIRequestContext, action: ActionEntry, campaignId: string, fields: Record<string, string>) {
  // A FormData keeps this order; an object would put the integer-like key "0" first.
  const multipart = new FormData();
  for (const [name, value] of Object.entries(fields)) multipart.append(`_1_${name}`, value);
  multipart.append("0", JSON.stringify([{}, "$K1"]));
  return request.post(action.route.replace("[id]", campaignId), {
    headers: { "Next-Action": action.id, Accept: "text/x-component" },
    multipart,
    maxRedirects: 0,
  });
}

const ACTION_FIELDS = {
  email: "intruder@example.org",
  title: "Intruder campaign",
  summary: "Should never exist.",
  currency: "USD",
  status: "active",
  presetAmounts: "5",
  year: "2024",
  slug: "old-address",
  scope: "installation",
  origins: "https://intruder.example.org",
  // A whole gift received offline (campaignId is added per call): refused, it must not be recorded.
  method: "cheque",
  amount: "999",
  receivedOn: "2024-01-01",
  donorName: "Intruder Gift",
  entryKey: "00000000-0000-4000-8000-000000000021",
  reason: "Intruder void",
};

test.describe.configure({ mode: "serial" });

let admin: BrowserContext;
let staff: BrowserContext;
let campaignId: string;

test.afterAll(async () => {
  await admin?.close();
  await staff?.close();
});

test("the build has exactly the admin's routes and actions the permissions table lists", async () => {
  expect(adminRoutes()).toEqual(Object.keys(ADMIN_ROUTES).sort());
  expect(adminActions().map((action) => action.name.split(" ")[0])).toEqual(Object.keys(ADMIN_ACTIONS).sort());
});

/** Gives `email` a role on the staff page, as an owner does. */
async function giveRole(page: import("@playwright/test").Page, email: string, role: StaffRole) {
  await page.goto("/admin/admins");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Role", { exact: true }).selectOption(role);
  await page.getByRole("button", { name: "Give access" }).click();
  await expect(page.getByRole("status").filter({ hasText: email })).toHaveText(`${email} is now ${role} and can sign in with a link.`);
}

test("an owner gives staff@ a role; staff signs in, then loses access", async ({ browser }) => {
  ({ context: admin } = await signInThroughMailbox(browser, ADMIN_EMAIL));
  const page = await admin.newPage();
  await giveRole(page, STAFF_EMAIL, "owner");
  await expect(page.getByText(`${STAFF_EMAIL}`, { exact: true })).toBeVisible();
  await expectNoAxeViolations(page);

  const signedIn = await signInThroughMailbox(browser, STAFF_EMAIL);
  staff = signedIn.context;
  await expect(signedIn.page).toHaveURL(/\/admin$/);
  await expect(signedIn.page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();

  await page.reload();
  await page.getByRole("button", { name: `Remove admin access for ${STAFF_EMAIL}` }).click();
  // The first press only asks; the second removes.
  await expect(page.getByText("They are refused from their next admin page or action on")).toBeVisible();
  await expect(page.getByText(`${STAFF_EMAIL}`, { exact: true })).toBeVisible();
  await page.getByRole("button", { name: `Yes, remove ${STAFF_EMAIL}` }).click();
  await expect(page.getByRole("status").filter({ hasText: STAFF_EMAIL })).toHaveText(`${STAFF_EMAIL} no longer has admin access.`);
  await expect(page.getByText(STAFF_EMAIL, { exact: true })).toHaveCount(0);

  // A real campaign id for /admin/campaigns/[id].
  await page.goto("/admin");
  const href = await page.locator('a[href^="/admin/gifts?campaign="]').first().getAttribute("href");
  campaignId = new URLSearchParams(href!.split("?")[1]).get("campaign")!;
  expect(campaignId).toMatch(/^[0-9a-f-]{36}$/);
});

test("a signed-out visitor is sent to sign-in from every admin page and export", async ({ playwright, baseURL }) => {
  const visitor = await playwright.request.newContext({ baseURL });
  for (const route of adminRoutes()) {
    const url = route.replace("[id]", campaignId);
    const response = await visitor.get(url, { maxRedirects: 0 });
    expect(response.status(), url).toBe(307);
    expect(response.headers()["location"], url).toMatch(/\/sign-in\?callbackUrl=%2Fadmin/);
  }
  await visitor.dispose();
});

test("a signed-in non-admin gets 403 from every admin page and export", async () => {
  for (const route of adminRoutes()) {
    const url = route.replace("[id]", campaignId);
    const response = await staff.request.get(url, { maxRedirects: 0 });
    expect(response.status(), url).toBe(403);
    expect(await response.text(), url).not.toContain("Fixture campaign for figure checks");
  }
  const page = await staff.newPage();
  await page.goto("/admin/gifts");
  await expect(page.getByRole("heading", { level: 1, name: "You do not have access to this page" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.close();
});

test("every admin action refuses a signed-out visitor and a non-admin, and changes nothing", async ({ playwright, baseURL }) => {
  const visitor = await playwright.request.newContext({ baseURL });
  for (const action of adminActions()) {
    const signedOut = await callAction(visitor, action, campaignId, { ...ACTION_FIELDS, campaignId });
    expect(signedOut.headers()["x-action-redirect"] ?? signedOut.headers()["location"], action.name).toMatch(/^\/sign-in\?callbackUrl=%2Fadmin/);
    const nonAdmin = await callAction(staff.request, action, campaignId, { ...ACTION_FIELDS, campaignId });
    expect(nonAdmin.status(), action.name).toBe(403);
  }
  await visitor.dispose();

  // The same call as an owner does work, so the refusals above are the check, not a bad request.
  const promote = adminActions().find((action) => action.name.startsWith("setStaffRoleAction"))!;
  const page = await admin.newPage();
  await page.goto("/admin/admins");
  await expect(page.getByText("intruder@example.org", { exact: true })).toHaveCount(0);
  await page.goto("/admin/campaigns");
  await expect(page.getByRole("link", { name: "Intruder campaign" })).toHaveCount(0);
  await page.goto(`/admin/campaigns/${campaignId}/embed`);
  await expect(page.getByLabel("Every campaign")).not.toHaveValue(/intruder/);
  await page.goto("/admin/gifts?q=Intruder");
  await expect(page.getByText("No gifts match this filter.")).toBeVisible();
  const asAdmin = await callAction(admin.request, promote, campaignId, { email: "helper@example.org", role: "viewer" });
  expect(asAdmin.status()).toBe(200);
  await page.goto("/admin/admins");
  await expect(page.getByText("helper@example.org", { exact: true })).toBeVisible();
  await page.close();
});

test("each role gets exactly the pages, exports and actions the table grants, sees only those in its nav, and a refusal writes nothing", async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const ownerPage = await admin.newPage();
  for (const [role, email] of Object.entries(ROLE_EMAILS)) await giveRole(ownerPage, email, role as StaffRole);
  await expectNoAxeViolations(ownerPage);

  for (const role of STAFF_ROLES) {
    const { context, page } = role === "owner" ? { context: admin, page: await admin.newPage() } : await signInThroughMailbox(browser, ROLE_EMAILS[role]);
    for (const route of adminRoutes()) {
      const url = route.replace("[id]", campaignId);
      const response = await context.request.get(url, { maxRedirects: 0 });
      if (roleCan(role, ADMIN_ROUTES[route as AdminRoute])) {
        // Through the check: the page itself answers (a campaign's id is no gift, update or match there: 404).
        expect([200, 404], `${role} ${url}`).toContain(response.status());
      } else {
        expect(response.status(), `${role} ${url}`).toBe(403);
        expect(await response.text(), `${role} ${url}`).not.toContain("Fixture campaign for figure checks");
      }
    }
    for (const action of adminActions()) {
      const name = action.name.split(" ")[0] as AdminActionName;
      if (roleCan(role, ADMIN_ACTIONS[name])) {
        // Past the check, an empty form is refused by the form itself (a message, nothing written).
        expect((await callAction(context.request, action, campaignId, {})).status(), `${role} ${action.name}`).toBe(200);
      } else {
        expect((await callAction(context.request, action, campaignId, { ...ACTION_FIELDS, campaignId })).status(), `${role} ${action.name}`).toBe(403);
      }
    }
    await page.goto("/admin");
    const nav = page.getByRole("navigation", { name: "Admin" });
    await expect(nav.getByRole("link")).toHaveText(adminNavFor(role).map((link) => link.label));
    if (role !== "owner") await context.close();
    else await page.close();
  }

  // Nothing the refused calls carried was written, and the log holds only their sign-ins and the
  // CSV downloads their role was allowed (the match statement's id was no match: nothing served).
  await ownerPage.goto("/admin/campaigns");
  await expect(ownerPage.getByRole("link", { name: "Intruder campaign" })).toHaveCount(0);
  await ownerPage.goto("/admin/admins");
  await expect(ownerPage.getByText("intruder@example.org", { exact: true })).toHaveCount(0);
  for (const [role, email] of Object.entries(ROLE_EMAILS)) {
    await ownerPage.goto(`/admin/activity?${new URLSearchParams({ person: email })}`);
    await expect(ownerPage.getByRole("table")).toBeVisible();
    const downloads = roleCan(role as StaffRole, "export") ? [AUDIT_KINDS["export.gifts"], AUDIT_KINDS["export.subscribers"]] : [];
    expect(new Set(await ownerPage.locator("tbody tr td:nth-child(3)").allInnerTexts()), email).toEqual(new Set([AUDIT_KINDS["staff.sign-in"], ...downloads]));
  }
  await ownerPage.close();
});

test("the activity page lists the owner's changes newest first, filters them, and is accessible", async () => {
  const page = await admin.newPage();
  await page.goto("/admin/activity");
  await expect(page.getByRole("heading", { level: 1, name: "Activity" })).toBeVisible();
  const table = page.getByRole("table", { name: "Activity, newest first" });
  // The roles given above, newest first: viewer, then editor, then finance.
  const roleRows = table.getByRole("row").filter({ hasText: "Gave or changed a staff role" });
  await expect(roleRows.nth(0)).toContainText(ROLE_EMAILS.viewer);
  await expect(roleRows.nth(1)).toContainText(ROLE_EMAILS.editor);
  await expect(roleRows.nth(0)).toContainText("role: none → viewer");
  await expectNoAxeViolations(page);
  await page.getByLabel("What").selectOption({ label: "Removed a member of staff" });
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/kind=staff.removed/);
  await expect(table.getByRole("row").filter({ hasText: STAFF_EMAIL })).toHaveCount(1);
  await expect(table.getByRole("row").filter({ hasText: ROLE_EMAILS.viewer })).toHaveCount(0);
  await page.close();
});

test("somebody who is not an admin asking for a link is told the same and sent nothing", async ({ browser }) => {
  const strangerContext = await browser.newContext();
  const stranger = await strangerContext.newPage();
  await askForSignInLink(stranger, "stranger@example.org");
  const strangerAnswer = await stranger.getByRole("main").innerText();
  await expectNoAxeViolations(stranger);
  const adminContext = await browser.newContext();
  const adminPage = await adminContext.newPage();
  const adminLinksBefore = mailboxFor(ADMIN_EMAIL).length;
  await askForSignInLink(adminPage, ADMIN_EMAIL);
  expect(await adminPage.getByRole("main").innerText()).toBe(strangerAnswer);
  // The admin asked after the stranger: once the admin's link has arrived, a link to the stranger
  // would have arrived too, so "nothing" is checked after something that had to come.
  await expect.poll(() => mailboxFor(ADMIN_EMAIL).length, { timeout: 20_000 }).toBe(adminLinksBefore + 1);
  expect(mailboxFor("stranger@example.org")).toEqual([]);
  const response = await stranger.goto("/admin");
  await expect(stranger).toHaveURL(/\/sign-in\?callbackUrl=%2Fadmin$/);
  expect(response?.status()).toBe(200);
  await expectNoAxeViolations(stranger);
  await strangerContext.close();
  await adminContext.close();
});

test("Auth.js's own sign-in endpoint is closed: links come only from the rate-limited form", async ({ request }) => {
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const before = mailboxFor(ADMIN_EMAIL).length;
  const response = await request.post("/api/auth/signin/email", { form: { email: ADMIN_EMAIL, csrfToken, callbackUrl: "/admin" }, maxRedirects: 0 });
  expect(response.status()).toBe(404);
  expect(mailboxFor(ADMIN_EMAIL)).toHaveLength(before);
});

test("a used or forged link does not sign anybody in", async ({ page }) => {
  await page.goto(`/api/auth/callback/email?${new URLSearchParams({ token: "forged", email: ADMIN_EMAIL, callbackUrl: "/admin" })}`);
  await expect(page).toHaveURL(/\/sign-in\/error\?error=Verification$/);
  await expect(page.getByText("This sign-in link has expired or has already been used.")).toBeVisible();
  await expectNoAxeViolations(page);
  const session = await (await page.request.get("/api/auth/session")).json();
  expect(session).toBeNull();
});
