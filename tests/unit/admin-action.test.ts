/**
 * The admin form action helper: the admin check comes first, the form is validated with its
 * schema, and every answer echoes what was typed (so the form keeps it) with a message per field.
 */
import { beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";

const session = vi.hoisted(() => ({ current: null as null | { user: { id: string; email: string; role: string | null } } }));
vi.mock("@/lib/auth/auth", () => ({ auth: vi.fn(async () => session.current) }));
vi.mock("next/navigation", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next/navigation")>()),
  redirect: (url: string) => {
    throw new Error(`redirect ${url}`);
  },
  forbidden: () => {
    throw new Error("forbidden");
  },
}));

const { adminCall, adminFormAction, textFields } = await import("@/lib/admin/admin-action");

const run = vi.fn(async ({ name }: { name: string }) =>
  name === "taken" ? { errors: { name: "That name is taken." } } : { message: `Saved ${name}.`, values: { name: "", note: "" } },
);
const renameAction = adminFormAction({
  name: "saveCampaignAction",
  page: "/admin/things",
  read: (formData) => textFields(formData, ["name", "note"]),
  schema: z.object({ name: z.string().trim().min(1, "Enter a name."), note: z.string().max(5, "Keep the note short.") }),
  run,
});
const form = (values: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(values)) data.set(key, value);
  return data;
};
const EMPTY = { values: { name: "", note: "" }, errors: {}, attempt: 0 };

describe("adminFormAction", () => {
  beforeEach(() => {
    session.current = { user: { id: "u1", email: "admin@example.org", role: "owner" } };
    run.mockClear();
  });

  it("stops a signed-out visitor and a non-admin before reading the form", async () => {
    session.current = null;
    await expect(renameAction(EMPTY, form({ name: "x" }))).rejects.toThrow("redirect /sign-in?callbackUrl=%2Fadmin%2Fthings");
    session.current = { user: { id: "u2", email: "someone@example.org", role: null } };
    await expect(renameAction(EMPTY, form({ name: "x" }))).rejects.toThrow("forbidden");
    // Signed in with a role that lacks the action's permission (saveCampaignAction: content).
    session.current = { user: { id: "u3", email: "money@example.org", role: "finance" } };
    await expect(renameAction(EMPTY, form({ name: "x" }))).rejects.toThrow("forbidden");
    expect(run).not.toHaveBeenCalled();
  });

  it("answers invalid input with a message per field and the values as typed, without running", async () => {
    const state = await renameAction(EMPTY, form({ name: "  ", note: "far too long" }));
    expect(state).toEqual({ values: { name: "  ", note: "far too long" }, errors: { name: "Enter a name.", note: "Keep the note short." }, attempt: 1 });
    expect(run).not.toHaveBeenCalled();
  });

  it("runs with the parsed input and passes on its refusal or its message, counting attempts", async () => {
    const refused = await renameAction(EMPTY, form({ name: "taken", note: "" }));
    expect(refused).toEqual({ values: { name: "taken", note: "" }, errors: { name: "That name is taken." }, message: undefined, attempt: 1 });
    const saved = await renameAction(refused, form({ name: " Lamp ", note: "ok" }));
    expect(run).toHaveBeenLastCalledWith(
      { name: "Lamp", note: "ok" },
      expect.objectContaining({ admin: { id: "u1", email: "admin@example.org", role: "owner" } }),
    );
    expect(saved).toEqual({ values: { name: "", note: "" }, errors: {}, message: "Saved Lamp.", attempt: 2 });
  });

  it("reads a missing field or a file as empty text", () => {
    const data = form({ name: "x" });
    data.set("note", new Blob(["file"]));
    expect(textFields(data, ["name", "note", "other"])).toEqual({ name: "x", note: "", other: "" });
  });
});

describe("adminCall", () => {
  it("checks the admin, then answers invalid arguments with the fallback", async () => {
    const preview = adminCall({ name: "previewCampaignMarkdownAction", page: "/admin/things" }, z.string().max(3), async (text) => text.toUpperCase(), "");
    session.current = null;
    await expect(preview("abc")).rejects.toThrow("redirect");
    session.current = { user: { id: "u1", email: "admin@example.org", role: "owner" } };
    expect(await preview("abc")).toBe("ABC");
    expect(await preview("abcd")).toBe("");
    expect(await preview({})).toBe("");
  });
});
