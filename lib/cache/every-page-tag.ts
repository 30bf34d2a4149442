/**
 * The tag Next gives every page and route handler and the data they read: an implicit tag, what
 * revalidatePath("/", "layout") expires. Expiring it re-renders every public page on its next
 * request. The page cache handler expires it at start-up (lib/cache/page-cache-handler.js, which
 * has its own copy: tests/unit/page-cache-handler.test.ts keeps the two the same).
 */
export const EVERY_PAGE_TAG = "_N_T_/layout";
