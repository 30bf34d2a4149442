/** Expired when an allowed-origins list changes: each instance forgets the origins it kept (frame-ancestors-memo.ts). */
export const EMBED_ORIGINS_TAG = "embed-origins";
