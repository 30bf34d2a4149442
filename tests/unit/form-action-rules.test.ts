/**
 * One way to write a form action (CONTRIBUTING.md, "Add a public form"): every server
 * action under app/ is made by the helper for its side — publicFormAction / publicFormPost
 * (lib/http/public-form-action.ts) outside app/admin, adminFormAction / adminCall
 * (lib/admin/admin-action.ts) inside it — so the form guard, validation, rate limit and the
 * database-down answer are never hand-written again. This walks app/, so a new module is
 * covered the day it is added, and asks each exported function which helper made it.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";

vi.mock("@/lib/auth/auth", () => ({ auth: vi.fn(async () => null), signIn: vi.fn(), signOut: vi.fn(), handlers: {} }));
vi.mock("@/db/client", () => ({
  getDb: vi.fn(async () => {
    throw new Error("no database in unit tests");
  }),
}));

const { isPublicFormAction } = await import("@/lib/http/public-form-action");
const { isAdminAction } = await import("@/lib/admin/admin-action");

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

const relative = (file: string) => path.relative(process.cwd(), file).split(path.sep).join("/");
const files = sourceFiles(path.resolve("app"));
const USE_SERVER = /^\s*["']use server["'];?\s*$/m;
const serverModules = files.filter((file) => fs.readFileSync(file, "utf8").startsWith('"use server";'));

describe("form actions are made one way", () => {
  it("finds the server action modules, and no action declared inside another file", () => {
    expect(serverModules.length).toBeGreaterThanOrEqual(13);
    // An inline "use server" (inside a component or function) would be an action the walk below cannot see.
    const inline = files.filter((file) => !serverModules.includes(file) && USE_SERVER.test(fs.readFileSync(file, "utf8")));
    expect(inline.map(relative)).toEqual([]);
  });

  it("makes every public action with publicFormAction or publicFormPost, and every admin one with adminFormAction or adminCall", async () => {
    const wrong: string[] = [];
    let counted = 0;
    for (const file of serverModules) {
      const admin = relative(file).startsWith("app/admin/");
      const exported = (await import(file)) as Record<string, unknown>;
      for (const [name, value] of Object.entries(exported)) {
        if (typeof value !== "function") continue;
        counted += 1;
        const made = admin ? isAdminAction(value) : isPublicFormAction(value);
        if (!made) wrong.push(`${relative(file)}: ${name} is not made by ${admin ? "adminFormAction/adminCall" : "publicFormAction/publicFormPost"}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(counted).toBeGreaterThanOrEqual(30);
  });
});
