import type { OperationContext } from "../context";
import type { FormParams } from "../form-encoding";
import type { EmulatorState } from "../state";

/** What a hosted page handler gets: the object id from the URL, the posted form, and the state. */
export interface PageRequest {
  method: string;
  id: string;
  form: FormParams;
  query: URLSearchParams;
  state: EmulatorState;
  now: number;
  origin: string;
  businessName: string;
  /** A context for changes made on a hosted page; the emulator saves them and sends their events. */
  context(): OperationContext;
}

export function formString(form: FormParams, key: string): string {
  const value = form[key];
  return typeof value === "string" ? value.trim() : "";
}
