/** Prefilled share links for the thank-you page: plain URLs each network documents, no scripts or trackers. */
export interface ShareLink {
  name: string;
  /** What the link says, naming the network for screen-reader users who list links. */
  label: string;
  href: string;
  /** Opens another site (a new tab); false for mailto. */
  external: boolean;
}

export function shareLinks(url: string, title: string, text = `I just gave to “${title}”. Will you join me?`): ShareLink[] {
  const q = (params: Record<string, string>) => new URLSearchParams(params).toString();
  return [
    { name: "email", label: "Share by email", href: `mailto:?${q({ subject: title, body: `${text}\n\n${url}` }).replace(/\+/g, "%20")}`, external: false },
    { name: "whatsapp", label: "Share on WhatsApp", href: `https://wa.me/?${q({ text: `${text} ${url}` })}`, external: true },
    { name: "facebook", label: "Share on Facebook", href: `https://www.facebook.com/sharer/sharer.php?${q({ u: url })}`, external: true },
    { name: "x", label: "Share on X", href: `https://x.com/intent/post?${q({ text, url })}`, external: true },
    { name: "linkedin", label: "Share on LinkedIn", href: `https://www.linkedin.com/sharing/share-offsite/?${q({ url })}`, external: true },
    { name: "bluesky", label: "Share on Bluesky", href: `https://bsky.app/intent/compose?${q({ text: `${text} ${url}` })}`, external: true },
  ];
}
