"use client";

import "./globals.css";

/** When even the root layout fails: a whole document of its own, with the same message. */
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body className="min-h-screen font-sans antialiased">
        <main className="mx-auto max-w-2xl space-y-4 px-4 py-16" role="alert">
          <h1 className="font-serif text-3xl font-bold">Sorry, this page is not available just now</h1>
          <p className="text-lg">Something on our side is not answering. Please try again in a minute.</p>
          <p>
            <button type="button" onClick={reset} className="rounded-full bg-brand-700 px-5 py-2 font-semibold text-white">
              Try again
            </button>{" "}
            {/* A full page load on purpose: the root layout failed, so client navigation cannot be trusted. */}
            <a href="/" className="font-semibold text-brand-700 underline">
              Back to the home page
            </a>
          </p>
          {error.digest ? <p className="text-sm">{`Reference: ${error.digest}`}</p> : null}
        </main>
      </body>
    </html>
  );
}
