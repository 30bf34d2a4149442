/** A link in an email as the dev mailbox lists it: where it goes and the words it shows. */
export interface EmailLink {
  href: string;
  text: string;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'", "#x27": "'", nbsp: " " };
const decode = (value: string) => value.replace(/&(amp|lt|gt|quot|#39|#x27|nbsp);/g, (_, name: string) => ENTITIES[name]!);

/**
 * The links of a rendered email, in order, each once (same address and words). The dev mailbox
 * shows them beside the email's sandboxed frame, whose own links cannot be followed. Only web
 * and mail addresses: the list is clickable, so nothing like `javascript:` gets through.
 */
export function linksInEmail(html: string): EmailLink[] {
  const links: EmailLink[] = [];
  const seen = new Set<string>();
  for (const match of html.matchAll(/<a\b[^>]*?\bhref\s*=\s*(?:"([^"]*)"|'([^']*)')[^>]*>([\s\S]*?)<\/a\s*>/gi)) {
    const href = decode((match[1] ?? match[2] ?? "").trim());
    if (!/^(https?:|mailto:)/i.test(href)) continue;
    const text =
      decode(match[3]!.replace(/<[^>]*>/g, " "))
        .replace(/\s+/g, " ")
        .trim() || href;
    const key = `${href}\n${text}`;
    if (seen.has(key)) continue;
    seen.add(key);
    links.push({ href, text });
  }
  return links;
}
