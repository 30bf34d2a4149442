import { describe, expect, it } from "vitest";
import { PgDialect } from "drizzle-orm/pg-core";
import type { SQL } from "drizzle-orm";
import type { Database } from "@/db/database";
import { notifyTogether } from "@/lib/cache/shared-cache-tags";

const dialect = new PgDialect();

/** A database whose NOTIFYs take a few milliseconds each, recording the tags each one carried. */
function fakeDatabase(options: { failFirst?: boolean } = {}) {
  const sent: { tags: string[]; payloadBytes: number }[] = [];
  let failNext = options.failFirst ?? false;
  const db = {
    execute: async (statement: SQL) => {
      const { params } = dialect.sqlToQuery(statement);
      const payload = String(params[1]);
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (failNext) {
        failNext = false;
        throw new Error("connection lost");
      }
      sent.push({ tags: (JSON.parse(payload) as { tags: string[] }).tags, payloadBytes: Buffer.byteLength(payload) });
    },
  } as unknown as Database;
  return { db, sent };
}

describe("NOTIFYs of expired cache tags", () => {
  it("go out together while one is on its way, and each caller returns once its tags were sent", async () => {
    const { db, sent } = fakeDatabase();
    const done = await Promise.all(
      Array.from({ length: 12 }, async (_, index) => {
        await notifyTogether(db, [`campaign:c-${index % 4}`, "campaign-list"]);
        return sent.flatMap((notify) => notify.tags);
      }),
    );
    expect(sent.length).toBeLessThanOrEqual(2);
    done.forEach((tagsSentByThen, index) => expect(tagsSentByThen).toContain(`campaign:c-${index % 4}`));
    expect(new Set(sent.flatMap((notify) => notify.tags))).toEqual(new Set(["campaign:c-0", "campaign:c-1", "campaign:c-2", "campaign:c-3", "campaign-list"]));
  });

  it("a NOTIFY that fails fails its own callers only; the next one goes", async () => {
    const { db, sent } = fakeDatabase({ failFirst: true });
    const first = notifyTogether(db, ["campaign:a"]);
    const firstFailed = first.then(
      () => false,
      () => true,
    );
    await Promise.resolve(); // the first NOTIFY is on its way
    await new Promise((resolve) => setTimeout(resolve, 1));
    const second = notifyTogether(db, ["campaign:b"]);
    expect(await firstFailed).toBe(true);
    await second;
    expect(sent).toEqual([{ tags: ["campaign:b"], payloadBytes: expect.any(Number) }]);
  });

  it("never puts more in one NOTIFY than PostgreSQL takes (8000 bytes)", async () => {
    const { db, sent } = fakeDatabase();
    await Promise.all(Array.from({ length: 200 }, (_, index) => notifyTogether(db, [`campaign:${String(index).padStart(200, "x")}`])));
    expect(sent.flatMap((notify) => notify.tags)).toHaveLength(200);
    for (const notify of sent) expect(notify.payloadBytes).toBeLessThan(8000);
    expect(sent.length).toBeLessThan(20);
  });
});
