/**
 * The public form action helper (lib/http/public-form-action.ts): anything that is not a form is
 * refused before reading; invalid input is answered field by field with the values as typed,
 * and writes nothing (the database is not even opened); the rate limit refuses before the work;
 * an unreachable database is answered, never thrown; Next's redirects pass through; work left
 * for after the response runs after it and cannot change the answer.
 */
import { beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { captureLogs } from "../support/log-capture";

const database = vi.hoisted(() => ({ down: false, opened: 0 }));
const afterResponse = vi.hoisted(() => ({ queued: [] as (() => Promise<unknown>)[] }));

vi.mock("@/db/client", () => ({
  getDb: vi.fn(async () => {
    database.opened += 1;
    if (database.down) throw Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
    return { fake: "db" };
  }),
}));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-lantern-peer-address": "203.0.113.7" }) }));
vi.mock("next/server", () => ({ after: (work: () => Promise<unknown>) => afterResponse.queued.push(work) }));

const { publicFormAction, publicFormPost, isPublicFormAction } = await import("@/lib/http/public-form-action");
const { BAD_FORM_MESSAGE } = await import("@/lib/http/form-input");
const { TRY_AGAIN_MESSAGE } = await import("@/lib/http/service-unavailable");
const { redirect } = await import("next/navigation");

const form = (values: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(values)) data.set(key, value);
  return data;
};
const readName = (formData: FormData) => ({ name: String(formData.get("name") ?? ""), note: String(formData.get("note") ?? "") });
const schema = z.object({ name: z.string().trim().min(1, "Enter a name."), note: z.string().max(5, "Keep the note short.") });
const limit = vi.fn(async (): Promise<{ allowed: true } | { allowed: false; retryAfterSeconds: number }> => ({ allowed: true }));
const run = vi.fn(
  async (
    input: { name: string; note: string },
    context: { db: unknown; client: string },
  ): Promise<{ message: string; values?: { name: string; note: string } } | void> => {
    void context;
    if (input.name === "boom") throw new Error("a bug");
    if (input.name === "down") throw Object.assign(new Error("Connection terminated unexpectedly"), {});
    if (input.name === "away") redirect("/elsewhere");
    return { message: `Saved ${input.name}.`, values: { name: "", note: "" } };
  },
);
const saveAction = publicFormAction({
  log: "[test] save",
  read: readName,
  schema,
  rateLimit: { consume: limit, message: (seconds) => `Wait ${seconds} seconds.` },
  run,
});
const EMPTY = { values: { name: "", note: "" }, errors: {}, attempt: 0 };

/** Next's redirect signal, as thrown by redirect(): its digest names the target. */
async function redirectOf(promise: Promise<unknown>): Promise<string> {
  const thrown = await promise.then(
    () => null,
    (error: unknown) => error,
  );
  const digest = (thrown as { digest?: unknown } | null)?.digest;
  if (typeof digest !== "string" || !digest.startsWith("NEXT_REDIRECT")) throw new Error(`expected a redirect, got ${String(thrown)}`);
  return digest.split(";")[2]!;
}

describe("publicFormAction", () => {
  beforeEach(() => {
    database.down = false;
    database.opened = 0;
    afterResponse.queued = [];
    run.mockClear();
    limit.mockClear();
    limit.mockImplementation(async () => ({ allowed: true }));
  });

  it("refuses anything that is not a form (the guard) before reading it or opening the database", async () => {
    for (const argument of [null, "name=x", { name: "x" }, 42]) {
      const state = await saveAction(EMPTY, argument as unknown as FormData);
      expect(state).toEqual({ values: { name: "", note: "" }, errors: { form: BAD_FORM_MESSAGE }, attempt: 1 });
    }
    expect(database.opened).toBe(0);
    expect(run).not.toHaveBeenCalled();
  });

  it("answers invalid input with a message per field and the values as typed, without opening the database", async () => {
    const state = await saveAction(EMPTY, form({ name: "  ", note: "far too long" }));
    expect(state).toEqual({ values: { name: "  ", note: "far too long" }, errors: { name: "Enter a name.", note: "Keep the note short." }, attempt: 1 });
    expect(database.opened).toBe(0);
    expect(limit).not.toHaveBeenCalled();
    expect(run).not.toHaveBeenCalled();
  });

  it("counts answers from the previous state, and a forged previous state as none", async () => {
    const first = await saveAction(EMPTY, form({ name: "", note: "" }));
    const second = await saveAction(first, form({ name: "", note: "" }));
    expect([first.attempt, second.attempt]).toEqual([1, 2]);
    for (const forged of [undefined, null, { attempt: -3 }, { attempt: "9" }, { attempt: 1.5 }]) {
      expect((await saveAction(forged as never, form({ name: "" }))).attempt).toBe(1);
    }
  });

  it("refuses over the rate limit with its message, before the work", async () => {
    limit.mockImplementation(async () => ({ allowed: false, retryAfterSeconds: 90 }));
    const state = await saveAction(EMPTY, form({ name: "Lamp", note: "" }));
    expect(state).toEqual({ values: { name: "Lamp", note: "" }, errors: { form: "Wait 90 seconds." }, attempt: 1 });
    expect(limit).toHaveBeenCalledWith({ name: "Lamp", note: "" }, { db: { fake: "db" }, client: expect.any(String) });
    expect(run).not.toHaveBeenCalled();
  });

  it("runs with the parsed input and answers its message and values", async () => {
    const state = await saveAction(EMPTY, form({ name: " Lamp ", note: "ok" }));
    expect(run).toHaveBeenCalledWith({ name: "Lamp", note: "ok" }, expect.objectContaining({ db: { fake: "db" }, values: { name: " Lamp ", note: "ok" } }));
    expect(state).toEqual({ values: { name: "", note: "" }, errors: {}, message: "Saved Lamp.", attempt: 1 });
  });

  it("answers an unreachable database with 'try again' (or the action's own message), with the values as typed", async () => {
    const errors = captureLogs();
    database.down = true;
    expect(await saveAction(EMPTY, form({ name: "Lamp", note: "" }))).toEqual({
      values: { name: "Lamp", note: "" },
      errors: { form: TRY_AGAIN_MESSAGE },
      attempt: 1,
    });
    database.down = false;
    expect(await saveAction(EMPTY, form({ name: "down", note: "" }))).toEqual({
      values: { name: "down", note: "" },
      errors: { form: TRY_AGAIN_MESSAGE },
      attempt: 1,
    });
    const politeAction = publicFormAction({ log: "[test] polite", read: readName, failed: "Sorry, not now.", run });
    database.down = true;
    expect((await politeAction(EMPTY, form({ name: "Lamp" }))).errors).toEqual({ form: "Sorry, not now." });
    expect(errors.messages()).toContain("[test] save: database unavailable");
    errors.stop();
  });

  it("throws a bug unless the action has a message for failures, and lets Next's redirect through", async () => {
    const errors = captureLogs();
    await expect(saveAction(EMPTY, form({ name: "boom" }))).rejects.toThrow("a bug");
    const politeAction = publicFormAction({ log: "[test] polite", read: readName, failed: "Sorry, not now.", run });
    expect(await politeAction(EMPTY, form({ name: "boom", note: "x" }))).toEqual({
      values: { name: "boom", note: "x" },
      errors: { form: "Sorry, not now." },
      attempt: 1,
    });
    expect(errors.messages()).toContain("[test] polite failed: a bug");
    expect(await redirectOf(politeAction(EMPTY, form({ name: "away" })))).toBe("/elsewhere");
    errors.stop();
  });

  it("runs work left for after the response only after it, and logs its failure without changing the answer", async () => {
    const errors = captureLogs();
    const work = vi.fn(async () => {
      throw new Error("mail server gone");
    });
    const action = publicFormAction({ log: "[test] later", read: readName, run: async () => ({ message: "On its way.", afterResponse: work }) });
    expect(await action(EMPTY, form({ name: "x" }))).toMatchObject({ message: "On its way.", errors: {} });
    expect(work).not.toHaveBeenCalled();
    expect(afterResponse.queued).toHaveLength(1);
    await afterResponse.queued[0]!();
    expect(work).toHaveBeenCalledOnce();
    expect(errors.messages()).toContain("[test] later: work after the response failed: mail server gone");
    errors.stop();
  });

  it("marks what it makes, for the rule that keeps public actions on it", () => {
    expect(isPublicFormAction(saveAction)).toBe(true);
    expect(isPublicFormAction(async () => {})).toBe(false);
  });
});

describe("publicFormPost", () => {
  const go = publicFormPost({
    log: "[test] go",
    read: (formData) => ({ to: String(formData.get("to") ?? "") }),
    schema: z.object({ to: z.string().startsWith("/", "A path, please.") }),
    refused: () => "/refused",
    unavailable: () => "/unavailable",
    run: async ({ to }) => to,
  });

  beforeEach(() => {
    database.down = false;
  });

  it("sends the browser where the work says, or to the refusal page for a non-form or invalid input", async () => {
    expect(await redirectOf(go(form({ to: "/done" })))).toBe("/done");
    expect(await redirectOf(go("not a form"))).toBe("/refused");
    expect(await redirectOf(go(form({ to: "https://evil.example" })))).toBe("/refused");
    expect(isPublicFormAction(go)).toBe(true);
  });

  it("sends the browser to the 'unavailable' page while the database is unreachable", async () => {
    const errors = captureLogs();
    database.down = true;
    expect(await redirectOf(go(form({ to: "/done" })))).toBe("/unavailable");
    errors.stop();
  });
});
