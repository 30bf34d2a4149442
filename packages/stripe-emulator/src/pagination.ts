import type { FormParams } from "./form-encoding";
import { invalidRequest } from "./errors";
import { optionalInteger, optionalObject, optionalString } from "./params";
import type { WireList } from "./wire";

/** Stripe's `created` filter: an exact timestamp or `created[gt|gte|lt|lte]`. */
export function createdFilter(params: FormParams): (created: number) => boolean {
  const raw = params.created;
  if (raw === undefined) return () => true;
  if (typeof raw === "string") {
    const exact = optionalInteger(params, "created");
    return (created) => created === exact;
  }
  const range = optionalObject(params, "created");
  const gt = optionalInteger(range, "gt", "created[gt]");
  const gte = optionalInteger(range, "gte", "created[gte]");
  const lt = optionalInteger(range, "lt", "created[lt]");
  const lte = optionalInteger(range, "lte", "created[lte]");
  return (created) =>
    (gt === undefined || created > gt) && (gte === undefined || created >= gte) && (lt === undefined || created < lt) && (lte === undefined || created <= lte);
}

/**
 * One page of a list, newest first, with Stripe's cursor params: `limit` (1–100, default 10),
 * `starting_after` (older than that id) and `ending_before` (newer than that id).
 */
export function paginate<T extends { id: string }>(newestFirst: T[], params: FormParams, url: string, noun = "object"): WireList<T> {
  const limit = optionalInteger(params, "limit") ?? 10;
  if (limit < 1 || limit > 100) throw invalidRequest(`Invalid limit: must be between 1 and 100`, "limit");
  const startingAfter = optionalString(params, "starting_after");
  const endingBefore = optionalString(params, "ending_before");
  if (startingAfter && endingBefore) {
    throw invalidRequest(`You may only specify one of these parameters: ending_before, starting_after.`, "ending_before");
  }
  if (startingAfter) {
    const index = newestFirst.findIndex((item) => item.id === startingAfter);
    if (index < 0) throw invalidRequest(`No such ${noun}: '${startingAfter}'`, "starting_after", "resource_missing");
    const rest = newestFirst.slice(index + 1);
    return { object: "list", data: rest.slice(0, limit), has_more: rest.length > limit, url };
  }
  if (endingBefore) {
    const index = newestFirst.findIndex((item) => item.id === endingBefore);
    if (index < 0) throw invalidRequest(`No such ${noun}: '${endingBefore}'`, "ending_before", "resource_missing");
    const newer = newestFirst.slice(0, index);
    // The page just before the cursor, still newest first.
    return { object: "list", data: newer.slice(Math.max(0, newer.length - limit)), has_more: newer.length > limit, url };
  }
  return { object: "list", data: newestFirst.slice(0, limit), has_more: newestFirst.length > limit, url };
}
