import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listenToChannel, type ChannelListener } from "@/db/listen";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

/** The LISTEN connection that keeps instances' caches in step (PostgreSQL only: PGlite is one process). */
describe.skipIf(!process.env.TEST_DATABASE_URL)("LISTEN for cache tags on PostgreSQL", () => {
  let database: TestDatabase;
  let listener: ChannelListener;
  const received: (string | undefined)[] = [];
  let reconnects = 0;

  beforeAll(async () => {
    database = await createTestDatabase("postgres");
    const url = (database.pool!.options as { connectionString: string }).connectionString;
    listener = listenToChannel(
      url,
      "lantern_test_channel",
      (payload) => received.push(payload),
      () => void reconnects++,
    );
    for (let waited = 0; (await listeners()) < 1; waited += 50) {
      if (waited > 5000) throw new Error("the listener never connected");
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });
  afterAll(async () => {
    await listener?.stop();
    await database?.destroy();
  });

  async function listeners(): Promise<number> {
    const { rows } = await database.pool!.query<{ n: number }>(
      "select count(*)::int as n from pg_stat_activity where datname = current_database() and query like 'LISTEN%'",
    );
    return rows[0]!.n;
  }

  it("receives what any connection NOTIFYs on the channel, once committed", async () => {
    await database.pool!.query("select pg_notify('lantern_test_channel', 'first')");
    const client = await database.pool!.connect();
    try {
      await client.query("begin");
      await client.query("select pg_notify('lantern_test_channel', 'rolled back')");
      await client.query("rollback");
    } finally {
      client.release();
    }
    await expect.poll(() => received, { timeout: 5000 }).toEqual(["first"]);
  });

  it("reconnects when its connection is killed, says so, and receives again", async () => {
    await database.pool!.query("select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and query like 'LISTEN%'");
    await expect.poll(() => reconnects, { timeout: 10_000 }).toBe(1);
    await database.pool!.query("select pg_notify('lantern_test_channel', 'after reconnect')");
    await expect.poll(() => received.at(-1), { timeout: 5000 }).toBe("after reconnect");
  });

  it("names its connection, so one instance's listener can be told apart (and cut) by application_name", async () => {
    const url = (database.pool!.options as { connectionString: string }).connectionString;
    const named = listenToChannel(
      url,
      "lantern_test_channel",
      () => {},
      () => {},
      { applicationName: "lantern-b cache-tag listener" },
    );
    try {
      const byName = async () =>
        (
          await database.pool!.query<{ n: number }>(
            "select count(*)::int as n from pg_stat_activity where datname = current_database() and application_name = 'lantern-b cache-tag listener'",
          )
        ).rows[0]!.n;
      await expect.poll(byName, { timeout: 5000 }).toBe(1);
    } finally {
      await named.stop();
    }
  });
});
