import { isEmbedKind, type EmbedKind } from "./embed-kinds";

/**
 * The donation form's hidden fields inside an embed page (app/_components/donation-panel.tsx):
 * which widget, and the host page as its frame learnt it from the host's "hello". They are
 * claims from the browser: startDonation keeps them only for an origin allowed to embed the
 * campaign, so attribution never names a site that may not frame it.
 */
export const EMBED_FIELD_NAMES = { kind: "embed_kind", origin: "embed_origin", page: "embed_page" } as const;
/** With script, the form asks for the checkout address back instead of a redirect (it opens a new tab). */
export const CHECKOUT_WINDOW_FIELD = "checkout_window";
/** …and finds it in the answer's values under this name (the form itself starts afresh). */
export const CHECKOUT_URL_VALUE = "checkout_url";

export interface EmbedClaim {
  kind: EmbedKind;
  origin: string;
  page: string | null;
}

const PAGE_LENGTH_MAX = 400; // Stripe metadata values hold 500 characters

/** The claim in a submitted form, or null when there is none or it is malformed. */
export function embedClaimOf(form: { get(name: string): unknown }): EmbedClaim | null {
  const kind = form.get(EMBED_FIELD_NAMES.kind);
  const origin = form.get(EMBED_FIELD_NAMES.origin);
  const page = form.get(EMBED_FIELD_NAMES.page);
  if (!isEmbedKind(kind) || typeof origin !== "string" || origin.length > 200) return null;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return null;
  }
  if (url.origin !== origin) return null;
  return { kind, origin, page: typeof page === "string" && page.length <= PAGE_LENGTH_MAX && pageOnOrigin(page, origin) ? page : null };
}

function pageOnOrigin(page: string, origin: string): boolean {
  try {
    const url = new URL(page);
    return url.origin === origin && !url.username && !url.password;
  } catch {
    return false;
  }
}

/** The hidden fields for a frame whose host said hello (or none before it has). */
export function embedFields(kind: EmbedKind, host: { origin: string; page: string | null } | null): Record<string, string> {
  if (!host) return {};
  return { [EMBED_FIELD_NAMES.kind]: kind, [EMBED_FIELD_NAMES.origin]: host.origin, ...(host.page ? { [EMBED_FIELD_NAMES.page]: host.page } : {}) };
}
