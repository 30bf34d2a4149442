/**
 * The tombstone an erased person's address becomes (lib/privacy/erase-donor.ts). `.invalid` is
 * reserved (RFC 2606): it can never be delivered, and the outbox refuses to queue anything to it,
 * so no code path that still holds a donor row can email someone who asked to be forgotten.
 */
const ERASED_DOMAIN = "erased.invalid";

/** One tombstone per erased row (the columns that hold it are unique). */
export function erasedAddress(rowId: string): string {
  return `erased-${rowId}@${ERASED_DOMAIN}`;
}

export function isErasedAddress(address: string): boolean {
  return address.trim().toLowerCase().endsWith(`@${ERASED_DOMAIN}`);
}
