import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createTagCoalescer } from "@/lib/cache/tag-coalescer";

describe("coalescing tag expiry while gifts stream in", () => {
  let flushed: { at: number; tags: string[] }[];
  let expire: (tags: readonly string[]) => Promise<void>;
  beforeEach(() => {
    vi.useFakeTimers({ now: 1_000_000 });
    flushed = [];
    expire = createTagCoalescer(
      async (tags) => {
        flushed.push({ at: Date.now() - 1_000_000, tags });
      },
      { windowMs: 250 },
    );
  });
  afterEach(() => vi.useRealTimers());

  it("expires a single gift's tags at once", async () => {
    await expire(["campaign:a", "campaign-list"]);
    expect(flushed).toEqual([{ at: 0, tags: ["campaign:a", "campaign-list"] }]);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(flushed).toHaveLength(1);
  });

  it("turns a burst into one expiry at once and one at the window's end, which carries the last gift", async () => {
    await expire(["campaign:a"]); // t = 0: leading edge
    for (let t = 10; t <= 200; t += 10) {
      await vi.advanceTimersByTimeAsync(10);
      await expire(["campaign:a"]);
    }
    expect(flushed).toEqual([{ at: 0, tags: ["campaign:a"] }]);
    await vi.advanceTimersByTimeAsync(50); // t = 250
    expect(flushed).toEqual([
      { at: 0, tags: ["campaign:a"] },
      { at: 250, tags: ["campaign:a"] },
    ]);
    // Quiet afterwards: nothing more.
    await vi.advanceTimersByTimeAsync(2_000);
    expect(flushed).toHaveLength(2);
  });

  it("keeps a steady stream to at most one expiry per window", async () => {
    for (let t = 0; t < 2_000; t += 50) {
      await expire(["campaign:a"]); // 20 gifts a second
      await vi.advanceTimersByTimeAsync(50);
    }
    await vi.advanceTimersByTimeAsync(500);
    const times = flushed.map((entry) => entry.at);
    expect(times.length).toBeLessThanOrEqual(2_000 / 250 + 1);
    expect(times.length).toBeGreaterThanOrEqual(2_000 / 250 - 1);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(250);
    // The last gift (t = 1950) is expired within a window of it.
    expect(times.at(-1)!).toBeGreaterThanOrEqual(1_950);
    expect(times.at(-1)!).toBeLessThanOrEqual(1_950 + 250);
  });

  it("treats different tags independently", async () => {
    await expire(["campaign:a", "campaign-list"]);
    await vi.advanceTimersByTimeAsync(100);
    await expire(["campaign:b", "campaign-list"]); // b is new: at once; the list waits for its window
    expect(flushed).toEqual([
      { at: 0, tags: ["campaign:a", "campaign-list"] },
      { at: 100, tags: ["campaign:b"] },
    ]);
    await vi.advanceTimersByTimeAsync(150); // t = 250: the list's window ends
    expect(flushed.at(-1)).toEqual({ at: 250, tags: ["campaign-list"] });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(flushed).toHaveLength(3);
  });

  it("reports a failed deferred expiry and keeps working", async () => {
    const errors: string[][] = [];
    let fail = false;
    const flaky = createTagCoalescer(
      async (tags) => {
        if (fail) throw new Error("cache gone");
        flushed.push({ at: Date.now() - 1_000_000, tags });
      },
      { windowMs: 250, onError: (_error, tags) => errors.push(tags) },
    );
    await flaky(["campaign:a"]);
    await flaky(["campaign:a"]);
    fail = true;
    await vi.advanceTimersByTimeAsync(250);
    expect(errors).toEqual([["campaign:a"]]);
    fail = false;
    await vi.advanceTimersByTimeAsync(1_000);
    await flaky(["campaign:a"]);
    expect(flushed.at(-1)).toEqual({ at: 1_250, tags: ["campaign:a"] });
  });
});
