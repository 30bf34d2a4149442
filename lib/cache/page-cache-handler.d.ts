/** Types for lib/cache/page-cache-handler.js (plain CommonJS: Next loads it outside the app's bundles). */
declare class PageCacheHandler {
  constructor(context: unknown);
  get(key: string, context: unknown): Promise<{ value: unknown; lastModified?: number } | null>;
  set(key: string, data: unknown, context: unknown): Promise<void>;
  revalidateTag(tags: string | string[], durations?: { expire?: number }): Promise<void>;
}
declare namespace PageCacheHandler {
  const EVERY_PAGE_TAG: string;
  function classifyRendering(value: { kind?: string; status?: number; headers?: Record<string, unknown> }): "page" | "not-a-page" | "unavailable";
}
export = PageCacheHandler;
