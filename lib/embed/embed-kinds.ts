/** The three widgets of the embed snippet (docs/embedding.md): what a gift made through one records. */
export const EMBED_KINDS = ["button", "form", "progress"] as const;
export type EmbedKind = (typeof EMBED_KINDS)[number];

export function isEmbedKind(value: unknown): value is EmbedKind {
  return typeof value === "string" && (EMBED_KINDS as readonly string[]).includes(value);
}

export const EMBED_KIND_LABELS: Record<EmbedKind, string> = {
  button: "Donate button",
  form: "Embedded form",
  progress: "Progress widget",
};

/** Where a gift came from: the embedding page's origin and the widget. */
export interface EmbedSource {
  origin: string;
  kind: EmbedKind;
}
