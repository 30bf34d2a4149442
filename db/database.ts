import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import type * as schema from "./schema";

/** A Drizzle database over either driver (PGlite or node-postgres); domain code takes this. */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

/** A database or an open transaction: both run queries the same way. */
export type Executor = Database | Parameters<Parameters<Database["transaction"]>[0]>[0];

export type DatabaseDriver = "pglite" | "postgres";
