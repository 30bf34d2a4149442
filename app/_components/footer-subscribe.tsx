"use client";

import { usePathname } from "next/navigation";
import { SubscribeForm } from "./subscribe-form";

/**
 * Routes whose page already is about signing up or leaving: the home page and campaign pages
 * have their own form (two identical forms one above the other looked like a mistake), the
 * confirm page offers one in its text, someone who has just unsubscribed should not be met by a
 * "Subscribe" form, and the thank-you page offers its own when the donor is not subscribed yet.
 */
const PAGES_WITHOUT_FOOTER_FORM = new Set(["home", "campaigns", "unsubscribe", "subscribe", "donate/thank-you"]);

/** The footer's sign-up form, on every page except those above. */
export function FooterSubscribe() {
  // The footer is the root layout's @siteFooter slot, where layout segments name the slot's own
  // catch-all rather than the page, so the page is told by its address. "/" is the home page
  // in the browser and /home/<edition> (its rewrite) when it is rendered into the cache.
  const pathname = usePathname() ?? "/";
  const segments = pathname.split("/").filter(Boolean);
  if (segments.length === 0 || PAGES_WITHOUT_FOOTER_FORM.has(segments[0]!) || PAGES_WITHOUT_FOOTER_FORM.has(segments.slice(0, 2).join("/"))) return null;
  return (
    <div className="mx-auto max-w-5xl border-b border-stone-200 px-4 py-8">
      <div className="max-w-2xl">
        <SubscribeForm
          source="footer"
          heading="Email updates"
          intro="News from our campaigns and what your support makes possible, in an occasional email."
          variant="plain"
        />
      </div>
    </div>
  );
}
