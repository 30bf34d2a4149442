import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { mkdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { emptyState, reviveState, type EmulatorState } from "./state";

/** The state holds donors' names and email addresses: readable by the server's user only. */
const PRIVATE_FILE_MODE = 0o600;

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
 *
 * Each write serializes the whole state, which grows with every payment and event (megabytes
 * after a few hundred gifts), so with `minIntervalMs` writes are also spaced: a change after a
 * quiet spell is written at once, later ones together once the interval has passed since the
 * last write. `save({ immediately: true })` (flush, close) skips the wait, and `writeNowSync`
 * is for the process's exit, so a normal exit or a crash loses nothing; only a killed process
 * can lose the last interval's changes.
 */
export class StateWriter {
  private running: Promise<void> | null = null;
  private queued: Promise<void> | null = null;
  private lastWriteEnded = Number.NEGATIVE_INFINITY;
  private hurry = false;
  private endWait: (() => void) | null = null;
  /** Changes not yet captured by a write that has started. */
  private dirty = false;

  constructor(
    private readonly file: string | null,
    private readonly snapshot: () => EmulatorState,
    private readonly minIntervalMs = 0,
  ) {}

  save({ immediately = false }: { immediately?: boolean } = {}): Promise<void> {
    if (!this.file) return Promise.resolve();
    this.dirty = true;
    if (immediately) {
      this.hurry = true;
      this.endWait?.();
    }
    if (this.queued) return this.queued;
    const previous = this.running ?? Promise.resolve();
    // `.then` runs later, so `queued` is set before the write begins and takes its snapshot.
    const next: Promise<void> = previous
      .catch(() => undefined)
      .then(() => this.waitForInterval())
      .then(async () => {
        this.queued = null;
        this.running = next;
        this.hurry = false;
        try {
          await this.write();
        } finally {
          this.lastWriteEnded = performance.now();
          if (this.running === next) this.running = null;
        }
      });
    this.queued = next;
    return next;
  }

  /** At process exit: writes the current state now if any change is not on disk yet. */
  writeNowSync(): void {
    if (!this.file || (!this.dirty && !this.running)) return;
    const file = this.file;
    mkdirSync(path.dirname(file), { recursive: true });
    const temp = `${file}.${process.pid}.exit.tmp`;
    writeFileSync(temp, JSON.stringify(this.snapshot()), { encoding: "utf8", mode: PRIVATE_FILE_MODE });
    renameSync(temp, file);
    this.dirty = false;
  }

  private waitForInterval(): Promise<void> {
    const wait = this.lastWriteEnded + this.minIntervalMs - performance.now();
    if (this.hurry || wait <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.endWait = null;
        resolve();
      };
      // Unref'd: a pending write never keeps a process alive (its exit writes synchronously).
      const timer = setTimeout(done, wait);
      timer.unref?.();
      this.endWait = done;
    });
  }

  private async write(): Promise<void> {
    const file = this.file as string;
    this.dirty = false;
    const text = JSON.stringify(this.snapshot());
    await mkdir(path.dirname(file), { recursive: true });
    const temp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    await writeFile(temp, text, { encoding: "utf8", mode: PRIVATE_FILE_MODE });
    await rename(temp, file);
  }
}
