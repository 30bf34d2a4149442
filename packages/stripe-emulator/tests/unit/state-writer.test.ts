import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { StateWriter } from "../../src/persistence";
import { emptyState, type EmulatorState } from "../../src/state";

describe("StateWriter with a write interval", () => {
  let dir: string;
  let file: string;
  let state: EmulatorState;
  let writes: number[];
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "state-writer-"));
    file = path.join(dir, "state.json");
    state = emptyState();
    writes = [];
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** The writer takes one snapshot per write: counting them counts the writes. */
  const writer = (intervalMs: number) =>
    new StateWriter(
      file,
      () => {
        writes.push(performance.now());
        return state;
      },
      intervalMs,
    );
  const saved = () => Object.keys((JSON.parse(readFileSync(file, "utf8")) as EmulatorState).customers);
  const addCustomer = (id: string) => {
    state.customers[id] = { id } as EmulatorState["customers"][string];
  };

  it("writes a change after a quiet spell at once, and a burst after it in one write an interval later", async () => {
    const w = writer(150);
    const started = performance.now();
    addCustomer("cus_1");
    await w.save();
    expect(writes).toHaveLength(1);
    expect(writes[0]! - started).toBeLessThan(100);

    const burst = Array.from({ length: 10 }, (_, index) => {
      addCustomer(`cus_burst_${index}`);
      return w.save();
    });
    await Promise.all(burst);
    expect(writes).toHaveLength(2);
    expect(writes[1]! - writes[0]!).toBeGreaterThanOrEqual(140);
    expect(saved()).toHaveLength(11);
  });

  it("writes at once when asked to (flush, close), even within the interval", async () => {
    const w = writer(5_000);
    addCustomer("cus_1");
    await w.save();
    addCustomer("cus_2");
    const background = w.save();
    const started = performance.now();
    await w.save({ immediately: true });
    await background;
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(writes).toHaveLength(2);
    expect(saved()).toEqual(["cus_1", "cus_2"]);
  });

  it("writes what is not on disk yet synchronously at exit, and nothing when all is saved", async () => {
    const w = writer(5_000);
    addCustomer("cus_1");
    await w.save();
    w.writeNowSync();
    expect(writes).toHaveLength(1);

    addCustomer("cus_2");
    void w.save(); // waiting for its interval
    w.writeNowSync();
    expect(writes).toHaveLength(2);
    expect(saved()).toEqual(["cus_1", "cus_2"]);
  });
});
