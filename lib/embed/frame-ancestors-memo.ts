/**
 * What proxy.ts keeps of the allowed origins per campaign address (lib/embed/frame-ancestors.ts),
 * in its own module so that the cache-tag listener can clear it without loading the database.
 * On globalThis because Next loads the proxy's modules apart from the app's.
 */
type Kept = Map<string, { origins: string[]; until: number }>;
const globalForEmbed = globalThis as typeof globalThis & { __lanternFrameAncestors?: Kept };

export function keptFrameAncestors(): Kept {
  return (globalForEmbed.__lanternFrameAncestors ??= new Map());
}

/** After the allowed origins changed (here, or on another instance). */
export function forgetFrameAncestors(): void {
  keptFrameAncestors().clear();
}
