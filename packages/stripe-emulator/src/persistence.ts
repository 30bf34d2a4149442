import { mkdirSync, readFileSync, renameSync } from "node:fs";
import { mkdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { emptyState, reviveState, type EmulatorState } from "./state";

/** Reads the saved state, or starts empty. A damaged file is set aside, not fatal: test data is disposable. */
export function loadState(file: string | null, logger: Pick<Console, "warn"> = console): EmulatorState {
  if (!file) return emptyState();
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return emptyState();
    throw error;
  }
  try {
    return reviveState(JSON.parse(text));
  } catch (error) {
    const aside = `${file}.unreadable-${Date.now()}`;
    mkdirSync(path.dirname(file), { recursive: true });
    renameSync(file, aside);
    logger.warn(`[stripe-emulator] ${file} could not be read (${String(error)}); moved it to ${aside} and started empty.`);
    return emptyState();
  }
}

/**
 * Writes state atomically (temp file + rename, so a crash never leaves half a file) and
 * coalesces bursts: callers that arrive while a write runs share the next write, which starts
 * after the current one and captures every change made before it began.
 */
export class StateWriter {
  private running: Promise<void> | null = null;
  private queued: Promise<void> | null = null;

  constructor(
    private readonly file: string | null,
    private readonly snapshot: () => EmulatorState,
  ) {}

  save(): Promise<void> {
    if (!this.file) return Promise.resolve();
    if (this.queued) return this.queued;
    const previous = this.running ?? Promise.resolve();
    // `.then` runs later, so `queued` is set before the write begins and takes its snapshot.
    const next: Promise<void> = previous
      .catch(() => undefined)
      .then(async () => {
        this.queued = null;
        this.running = next;
        try {
          await this.write();
        } finally {
          if (this.running === next) this.running = null;
        }
      });
    this.queued = next;
    return next;
  }

  private async write(): Promise<void> {
    const file = this.file as string;
    const text = JSON.stringify(this.snapshot());
    await mkdir(path.dirname(file), { recursive: true });
    const temp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    await writeFile(temp, text, "utf8");
    await rename(temp, file);
  }
}
