import { createSingleUseToken, hashSingleUseToken, isWellFormedSingleUseToken } from "@/lib/security/single-use-token";

/**
 * Emailed "manage my giving" links: single-use tokens (lib/security/single-use-token.ts) stored
 * hashed in donor_manage_links, expiring.
 */

/** How long an emailed link works. */
export const MANAGE_LINK_LIFETIME_MS = 60 * 60 * 1000;
export const MANAGE_LINK_LIFETIME_TEXT = "1 hour";

export const createManageLinkToken = createSingleUseToken;
export const hashManageLinkToken = hashSingleUseToken;
export const isWellFormedManageLinkToken = isWellFormedSingleUseToken;
