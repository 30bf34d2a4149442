import { createHash, timingSafeEqual } from "node:crypto";

/** True when `authorization` is `Bearer <secret>`; compared in constant time. Never true without a secret. */
export function isReconcileAuthorized(authorization: string | null, secret: string | undefined): boolean {
  if (!secret || !authorization?.startsWith("Bearer ")) return false;
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(authorization.slice("Bearer ".length).trim()), digest(secret));
}
