import type { Metadata } from "next";
import type { ReactNode } from "react";
import { env } from "@/lib/env";
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
 * `siteHeader`: the skip link and header, from the app/@siteHeader slot (a campaign page's "Give"
 * points at its own panel; the admin has no "Give"; the embed routes have no header).
 * `siteFooter`: the public footer with its sign-up form, from the app/@siteFooter slot (left out
 * in the admin and the embed routes).
 */
export default function RootLayout({ children, siteHeader, siteFooter }: { children: ReactNode; siteHeader: ReactNode; siteFooter: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen flex flex-col font-sans antialiased">
        {siteHeader}
        <main id="main" className="flex-1">
          {children}
        </main>
        {siteFooter}
      </body>
    </html>
  );
}
