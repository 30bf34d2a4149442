/**
 * Where the app's database is, read from the environment here rather than through lib/env so
 * that db/ depends on nothing in lib/ (lib/env validates the same variables at start-up and
 * takes its default data folder from here).
 */
export const DEFAULT_DATA_DIR = ".data";

export interface DatabaseLocation {
  /** PostgreSQL when set; otherwise embedded PGlite under `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
}

export function databaseLocation(source: Record<string, string | undefined> = process.env): DatabaseLocation {
  return { databaseUrl: source.DATABASE_URL?.trim() || undefined, dataDir: source.LANTERN_DATA_DIR || DEFAULT_DATA_DIR };
}
