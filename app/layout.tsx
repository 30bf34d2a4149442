import type { Metadata } from "next";
import type { ReactNode } from "react";
import { env, isStripeTestMode } from "@/lib/env";
import { updatesFeedAlternate } from "@/lib/updates/update-links";
import { DEFAULT_SHARE_IMAGE } from "./_components/share-image";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const { APP_URL, ORG_NAME } = env();
  return {
    metadataBase: new URL(APP_URL),
    title: { default: ORG_NAME, template: `%s · ${ORG_NAME}` },
    description: "Stand with the North Korean people: read their stories, give once or monthly, and follow our work.",
    openGraph: { siteName: ORG_NAME, type: "website", images: [DEFAULT_SHARE_IMAGE] },
    twitter: { card: "summary_large_image" },
    // Pages that set their own `alternates` repeat this (Next replaces the whole object).
    alternates: { types: updatesFeedAlternate() },
  };
}

/*
 * Links on the public pages are plain <a>, not next/link: these pages are cached (ISR, and a CDN
 * or proxy in front), so a full page load is cheap, while next/link adds its router code (about
 * 3 KB compressed) to every page's JavaScript and prefetches each visible link's page after load,
 * more requests and main-thread work on a phone. The admin keeps next/link (app/admin).
 */

/**
 * `headerGive`: the header's "Give" link, from the app/@headerGive slot (a campaign page's points
 * at its own panel; the admin has none). `siteFooter`: the public footer with its sign-up form,
 * from the app/@siteFooter slot (left out in the admin).
 */
export default function RootLayout({ children, headerGive, siteFooter }: { children: ReactNode; headerGive: ReactNode; siteFooter: ReactNode }) {
  const { ORG_NAME } = env();
  return (
    <html lang="en">
      <body className="min-h-screen flex flex-col font-sans antialiased">
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
                <li>{headerGive}</li>
              </ul>
            </nav>
          </div>
        </header>
        <main id="main" className="flex-1">
          {children}
        </main>
        {siteFooter}
      </body>
    </html>
  );
}
