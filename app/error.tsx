"use client";

/**
 * Any page that fails while rendering (most often: the database is unreachable and the page was
 * not in the cache) shows this instead of Next's bare error, inside the site's layout. Nothing
 * of the error itself is shown; its digest lets staff find it in the server log.
 */
export default function PageError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="mx-auto max-w-2xl space-y-4 px-4 py-16" role="alert">
      <h1 className="font-serif text-3xl font-bold">Sorry, this page is not available just now</h1>
      <p className="text-lg">Something on our side is not answering. Please try again in a minute.</p>
      <div className="flex flex-wrap items-center gap-4">
        <button type="button" onClick={reset} className="rounded-full bg-brand-700 px-5 py-2 font-semibold text-white hover:bg-brand-800">
          Try again
        </button>
        <a href="/" className="font-semibold text-brand-700 underline">
          Back to the home page
        </a>
      </div>
      {error.digest ? <p className="text-sm text-muted">{`Reference: ${error.digest}`}</p> : null}
    </div>
  );
}
