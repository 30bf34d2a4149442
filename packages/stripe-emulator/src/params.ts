import type { FormParams, FormValue } from "./form-encoding";
import { invalidRequest, missingParam, unknownParam } from "./errors";

/**
 * Which params an endpoint accepts. Anything else is refused the way Stripe refuses it
 * ("Received unknown parameter"), so a typo in the app fails loudly in test mode too.
 */
export type ParamSpec = "scalar" | "map" | "range" | ListSpec | ParamShape;
export type ParamShape = { [key: string]: ParamSpec };

/** A list param (`items[0][…]`, `expand[]`); a class so it can't be mistaken for a shape. */
export class ListSpec<Item extends ParamSpec = ParamSpec> {
  constructor(readonly item: Item) {}
}

export const list = <const Item extends ParamSpec>(item: Item): ListSpec<Item> => new ListSpec(item);

/* ---------- compile-time binding of a shape to the SDK's params type ---------- */

type Scalar = string | number | boolean;
/** The object part of a param type (Stripe's `Emptyable<T>` is `T | ''`). */
type ObjectPart<T> = Exclude<NonNullable<T>, Scalar | readonly unknown[]>;
type ElementOf<T> = NonNullable<T> extends infer U ? (U extends readonly (infer E)[] ? E : never) : never;
type KeysOf<T> = T extends unknown ? keyof T : never;
type Member<T, K> = T extends unknown ? (K extends keyof T ? T[K] : never) : never;

type CheckedSpec<Spec, T> = Spec extends string ? Spec : Spec extends ListSpec<infer Item> ? ListSpec<CheckedSpec<Item, ElementOf<T>>> : CheckedShape<Spec, T>;

/**
 * `Shape` with every key the SDK's params type `P` does not have turned into `never`, so an
 * accepted param the SDK lacks (at any depth) fails `tsc`.
 */
export type CheckedShape<Shape, P> = {
  [K in keyof Shape]: K extends KeysOf<ObjectPart<P>> ? CheckedSpec<Shape[K], Member<ObjectPart<P>, K>> : never;
};

declare const sdkChecked: unique symbol;
/** A shape that has been checked against the SDK's params type (see `paramsOf`). */
export type SdkParamShape = ParamShape & { readonly [sdkChecked]: true };

/**
 * The params a Stripe endpoint accepts, bound to the SDK's own type for that endpoint:
 * `paramsOf<Stripe.CustomerCreateParams>()({ email: "scalar", … })`.
 */
export function paramsOf<P>() {
  return <const Shape extends ParamShape>(shape: Shape & CheckedShape<Shape, P>): SdkParamShape => shape as unknown as SdkParamShape;
}

const isRecord = (value: unknown): value is { [key: string]: FormValue } => typeof value === "object" && value !== null && !Array.isArray(value);

/** qs yields arrays for `a[0]=…` but objects for sparse/large indices; both mean a list. */
export function asList(value: FormValue | undefined): FormValue[] | undefined {
  if (value === undefined) return undefined;
  if (Array.isArray(value)) return value;
  if (isRecord(value) && Object.keys(value).every((key) => /^\d+$/.test(key))) {
    return Object.keys(value)
      .sort((a, b) => Number(a) - Number(b))
      .map((key) => value[key] as FormValue);
  }
  return undefined;
}

export function checkParams(params: FormParams, shape: ParamShape, prefix = ""): void {
  for (const [key, value] of Object.entries(params)) {
    const path = prefix ? `${prefix}[${key}]` : key;
    const spec = shape[key];
    if (spec === undefined) throw unknownParam(path);
    checkValue(value, spec, path);
  }
}

function checkValue(value: FormValue, spec: ParamSpec, path: string): void {
  if (spec === "scalar") {
    if (typeof value !== "string") throw invalidRequest(`Invalid ${path}: must be a string`, path);
    return;
  }
  if (spec === "range") {
    // `created=123` or `created[gte]=123`
    if (typeof value === "string") return;
    checkValue(value, { gt: "scalar", gte: "scalar", lt: "scalar", lte: "scalar" }, path);
    return;
  }
  if (spec === "map") {
    if (value === "") return; // `metadata=` clears every key
    if (!isRecord(value)) throw invalidRequest(`Invalid object`, path);
    for (const [key, inner] of Object.entries(value)) {
      if (typeof inner !== "string") throw invalidRequest(`Invalid ${path}[${key}]: must be a string`, `${path}[${key}]`);
    }
    return;
  }
  if (spec instanceof ListSpec) {
    if (value === "") return; // an empty string unsets a list
    const items = typeof value === "string" && spec.item === "scalar" ? [value] : asList(value);
    if (!items) throw invalidRequest(`Invalid array`, path);
    items.forEach((item, index) => checkValue(item, spec.item, `${path}[${index}]`));
    return;
  }
  if (value === "") return; // unsetting a hash
  if (!isRecord(value)) throw invalidRequest(`Invalid object`, path);
  checkParams(value, spec, path);
}

/* ---------- readers: each returns the typed value or throws Stripe's error for that param ---------- */

type Source = { [key: string]: FormValue } | undefined;

function raw(source: Source, key: string): FormValue | undefined {
  return source ? source[key] : undefined;
}

/** Absent → undefined; "" → null (Stripe's way of unsetting); otherwise the string. */
export function optionalString(source: Source, key: string, path = key, maxLength = 5000): string | null | undefined {
  const value = raw(source, key);
  if (value === undefined) return undefined;
  if (typeof value !== "string") throw invalidRequest(`Invalid ${path}: must be a string`, path);
  if (value === "") return null;
  if (value.length > maxLength) {
    throw invalidRequest(`Invalid ${path}: must be at most ${maxLength} characters`, path, "string_length_exceeded");
  }
  return value;
}

export function requiredString(source: Source, key: string, path = key, maxLength = 5000): string {
  const value = optionalString(source, key, path, maxLength);
  if (value === undefined) throw missingParam(path);
  if (value === null) throw emptyString(path);
  return value;
}

export function emptyString(path: string) {
  return invalidRequest(
    `You passed an empty string for '${path}'. We assume empty values are an attempt to unset a parameter; however '${path}' cannot be unset. You should remove '${path}' from your request or supply a non-empty value.`,
    path,
  );
}

export function optionalInteger(source: Source, key: string, path = key, bounds: { min?: number; max?: number } = {}): number | undefined {
  const value = optionalString(source, key, path);
  if (value === undefined) return undefined;
  if (value === null) throw emptyString(path);
  if (!/^-?\d+$/.test(value) || !Number.isSafeInteger(Number(value))) throw invalidRequest(`Invalid integer: ${value}`, path);
  const number = Number(value);
  if (bounds.min !== undefined && number < bounds.min) {
    throw invalidRequest(`This value must be greater than or equal to ${bounds.min}.`, path);
  }
  if (bounds.max !== undefined && number > bounds.max) {
    throw invalidRequest(`This value must be less than or equal to ${bounds.max}.`, path);
  }
  return number;
}

export function optionalBoolean(source: Source, key: string, path = key): boolean | undefined {
  const value = optionalString(source, key, path);
  if (value === undefined) return undefined;
  if (value === "true") return true;
  if (value === "false") return false;
  throw invalidRequest(`Invalid boolean: ${value ?? ""}`, path);
}

export function optionalEnum<T extends string>(source: Source, key: string, values: readonly T[], path = key): T | undefined {
  const value = optionalString(source, key, path);
  if (value === undefined) return undefined;
  if (value === null) throw emptyString(path);
  if (!(values as readonly string[]).includes(value)) throw invalidEnum(path, values);
  return value as T;
}

export function invalidEnum(path: string, values: readonly string[]) {
  const sorted = [...values].sort();
  const listed = sorted.length > 1 ? `${sorted.slice(0, -1).join(", ")}, or ${sorted.at(-1)}` : sorted.join("");
  return invalidRequest(`Invalid ${path}: must be one of ${listed}`, path);
}

export function optionalObject(source: Source, key: string, path = key): { [key: string]: FormValue } | undefined {
  const value = raw(source, key);
  if (value === undefined || value === "") return undefined;
  if (!isRecord(value)) throw invalidRequest(`Invalid object`, path);
  return value;
}

export function optionalList(source: Source, key: string, path = key): { [key: string]: FormValue }[] | undefined {
  const value = raw(source, key);
  if (value === undefined) return undefined;
  if (value === "") return [];
  const items = asList(value);
  if (!items) throw invalidRequest(`Invalid array`, path);
  return items.map((item, index) => {
    if (!isRecord(item)) throw invalidRequest(`Invalid object`, `${path}[${index}]`);
    return item;
  });
}

export function stringList(source: Source, key: string, path = key): string[] {
  const value = raw(source, key);
  if (value === undefined || value === "") return [];
  const items = typeof value === "string" ? [value] : asList(value);
  if (!items) throw invalidRequest(`Invalid array`, path);
  return items.map((item, index) => {
    if (typeof item !== "string") throw invalidRequest(`Invalid ${path}[${index}]: must be a string`, `${path}[${index}]`);
    return item;
  });
}

/** A metadata update: keys to set, keys to delete (`metadata[k]=`), or clear all (`metadata=`). */
export interface MetadataUpdate {
  clear: boolean;
  set: Record<string, string>;
  unset: string[];
}

export function metadataParam(source: Source, key = "metadata", path = key): MetadataUpdate | undefined {
  const value = raw(source, key);
  if (value === undefined) return undefined;
  if (value === "") return { clear: true, set: {}, unset: [] };
  if (!isRecord(value)) throw invalidRequest(`Invalid object`, path);
  const update: MetadataUpdate = { clear: false, set: {}, unset: [] };
  for (const [name, inner] of Object.entries(value)) {
    if (typeof inner !== "string") throw invalidRequest(`Invalid ${path}[${name}]: must be a string`, `${path}[${name}]`);
    if (name.length > 40) throw invalidRequest(`Invalid ${path}: keys must be at most 40 characters long`, `${path}[${name}]`);
    if (inner.length > 500) throw invalidRequest(`Invalid ${path}: values must be at most 500 characters long`, `${path}[${name}]`);
    if (inner === "") update.unset.push(name);
    else update.set[name] = inner;
  }
  return update;
}

export function applyMetadata(current: Record<string, string>, update: MetadataUpdate | undefined, path = "metadata"): Record<string, string> {
  if (!update) return current;
  const next: Record<string, string> = update.clear ? {} : { ...current };
  for (const name of update.unset) delete next[name];
  Object.assign(next, update.set);
  if (Object.keys(next).length > 50) throw invalidRequest(`Invalid ${path}: an object can have at most 50 metadata keys`, path);
  return next;
}

/** Optional absolute http(s) URL, as Stripe validates `success_url`, `return_url`, … */
export function optionalUrl(source: Source, key: string, path = key): string | null | undefined {
  const value = optionalString(source, key, path, 5000);
  if (value == null) return value;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalidRequest(`Not a valid URL`, path, "url_invalid");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw invalidRequest(`Not a valid URL`, path, "url_invalid");
  return value;
}
