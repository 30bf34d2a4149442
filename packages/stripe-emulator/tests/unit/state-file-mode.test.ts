import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { StateWriter } from "../../src/persistence";
import { emptyState } from "../../src/state";

/** The saved state holds donors' names and email addresses (issue 23, finding 7). */
describe("the emulator's state file", () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "stripe-emulator-mode-"));
    file = path.join(dir, "stripe-emulator.json");
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const mode = () => statSync(file).mode & 0o777;

  it("is readable by the server's user only, saved during a run or at exit", async () => {
    const writer = new StateWriter(file, emptyState);
    await writer.save();
    expect(mode()).toBe(0o600);
    rmSync(file);
    writer.save().catch(() => undefined);
    writer.writeNowSync();
    expect(mode()).toBe(0o600);
  });

  it("replaces a file an older version left world-readable", async () => {
    writeFileSync(file, "{}", { mode: 0o644 });
    expect(mode()).toBe(0o644);
    await new StateWriter(file, emptyState).save();
    expect(mode()).toBe(0o600);
  });
});
