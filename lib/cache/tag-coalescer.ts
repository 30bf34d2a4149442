/*
 * While gifts stream in, every gift expires its campaign's tags, and each expiry makes the next
 * reader re-render the campaign page (and home). A page cannot show more than a few new totals a
 * second anyway, so a tag is expired at most once per window: at once when it was not expired
 * within the last window (leading edge: a single gift shows on the next request), otherwise
 * once at the end of the window for every ask in it (trailing edge: the last gift of a burst
 * shows at most one window late). Tags are independent of one another.
 */

export interface TagCoalescerOptions {
  windowMs: number;
  /** Called when a deferred expiry fails (the leading edge's failure goes to the caller). */
  onError?: (error: unknown, tags: string[]) => void;
}

/** Returns `expire(tags)`: resolves once the tags due now are expired; those deferred follow on a timer. */
export function createTagCoalescer(flush: (tags: string[]) => Promise<void>, { windowMs, onError }: TagCoalescerOptions): (tags: readonly string[]) => Promise<void> {
  const lastExpired = new Map<string, number>();
  /** Tags waiting for the end of their window, with when it ends. */
  const waiting = new Map<string, number>();
  let timer: { at: number; handle: ReturnType<typeof setTimeout> } | null = null;

  function flushDue(): void {
    timer = null;
    const now = Date.now();
    const due = [...waiting].filter(([, at]) => at <= now).map(([tag]) => tag);
    for (const tag of due) {
      waiting.delete(tag);
      lastExpired.set(tag, now);
    }
    if (due.length > 0) flush(due).catch((error: unknown) => onError?.(error, due));
    arm();
  }

  function arm(): void {
    if (waiting.size === 0) return;
    const at = Math.min(...waiting.values());
    if (timer && timer.at <= at) return;
    if (timer) clearTimeout(timer.handle);
    const handle = setTimeout(flushDue, Math.max(0, at - Date.now()));
    // Never keeps a process alive just to refresh a page.
    (handle as { unref?: () => void }).unref?.();
    timer = { at, handle };
  }

  return (tags) => {
    const now = Date.now();
    const dueNow: string[] = [];
    for (const tag of new Set(tags)) {
      if (waiting.has(tag)) continue; // already expiring at its window's end
      const last = lastExpired.get(tag);
      if (last === undefined || now - last >= windowMs) {
        dueNow.push(tag);
        lastExpired.set(tag, now);
      } else {
        waiting.set(tag, last + windowMs);
      }
    }
    arm();
    // Forget tags whose window has passed: they behave as never expired.
    if (lastExpired.size > 1000) for (const [tag, last] of lastExpired) if (now - last >= windowMs && !waiting.has(tag)) lastExpired.delete(tag);
    return dueNow.length > 0 ? flush(dueNow) : Promise.resolve();
  };
}
