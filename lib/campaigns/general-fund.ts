/**
 * The general fund: the one campaign of kind `general_fund`, which takes gifts not tied to a
 * campaign (/donate) and any paid gift whose campaign no longer exists. Found by this address,
 * which the seed gives it (db/ cannot import lib/, so the seed writes the same literal and
 * tests/integration/database.test.ts checks that they agree).
 */
export const GENERAL_FUND_SLUG = "general-fund";
