import { shareLinks } from "@/lib/payments/share-links";
import { ShareButtons } from "./share-buttons";

/**
 * "Tell others": the link itself, plain links to common networks (no script needed), and the share
 * buttons. The thank-you page's words by default; the admin's "Share and embed" page has its own.
 */
export function ShareLinks({
  url,
  title,
  heading = "Tell others about it",
  intro = "A gift goes further when friends hear of it. Share the campaign:",
  text,
}: {
  url: string;
  title: string;
  heading?: string;
  intro?: string;
  /** The message shared with the link (share-links.ts has the donor's). */
  text?: string;
}) {
  return (
    <section aria-labelledby="share-heading" className="space-y-3 rounded-lg border border-stone-200 bg-white p-4">
      <h2 id="share-heading" className="text-lg font-bold">
        {heading}
      </h2>
      <p className="text-sm">{intro}</p>
      <label htmlFor="share-url" className="block text-sm font-semibold">
        Campaign link
      </label>
      <input id="share-url" type="text" readOnly value={url} className="w-full rounded-md border border-stone-400 bg-stone-50 px-3 py-2 text-sm" />
      <ShareButtons url={url} title={title} />
      <ul className="flex flex-wrap gap-x-4 gap-y-2 text-sm font-semibold" aria-label="Share on">
        {shareLinks(url, title, text).map((link) => (
          <li key={link.name}>
            <a href={link.href} className="text-brand-700 underline" {...(link.external ? { target: "_blank", rel: "noopener noreferrer" } : {})}>
              {link.label}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
