import { env, isStripeTestMode } from "@/lib/env";

const GIVE_CLASS_NAME = "rounded-full bg-brand-700 px-4 py-2 text-white hover:bg-brand-800";

/**
 * The public header with its skip link, from the root layout's `siteHeader` slot (app/@siteHeader).
 * `give`: where the header's "Give" goes: the page's campaign on a campaign page, else the general
 * fund; null for none (the admin, where staff are at work, not giving). A plain link (like every
 * link on the public pages, see app/layout.tsx): on its own page the browser then moves focus to
 * the panel, as for any in-page link. The embed routes have no header at all.
 */
export function SiteHeader({ give = "/donate" }: { give?: string | null }) {
  const { ORG_NAME } = env();
  return (
    <>
      <a href="#main" className="skip-link rounded bg-white px-4 py-2 font-semibold text-brand-700 shadow">
        Skip to content
      </a>
      <header className="border-b border-stone-200 bg-white print:hidden">
        {isStripeTestMode() ? (
          <p className="bg-amber-200 px-4 py-2 text-center text-sm font-semibold text-amber-950">
            Test mode: payments go to Lantern&rsquo;s built-in Stripe emulator. No real money moves.
          </p>
        ) : null}
        <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-4 px-4 py-4">
          <a href="/" className="text-xl font-bold tracking-tight text-brand-700">
            {ORG_NAME}
          </a>
          <nav aria-label="Main">
            <ul className="flex flex-wrap gap-6 text-sm font-semibold">
              <li>
                <a href="/#campaigns" className="hover:text-brand-700">
                  Campaigns
                </a>
              </li>
              <li>
                <a href="/about" className="hover:text-brand-700">
                  About
                </a>
              </li>
              {give ? (
                <li>
                  <a href={give} className={GIVE_CLASS_NAME}>
                    Give
                  </a>
                </li>
              ) : null}
            </ul>
          </nav>
        </div>
      </header>
    </>
  );
}
