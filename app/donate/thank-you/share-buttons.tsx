"use client";

import { useState, useSyncExternalStore } from "react";

const noSubscription = () => () => {};
/** null while rendering on the server (and hydrating); then whether the browser has a share sheet. */
function useShareSupport(): { native: boolean } | null {
  const native = useSyncExternalStore(
    noSubscription,
    () => typeof navigator.share === "function",
    () => null,
  );
  return native === null ? null : { native };
}

/**
 * The two share buttons that need a script: the phone's own share sheet (only where the
 * browser offers navigator.share) and "Copy link". Both stay hidden until they can work, so a
 * reader without JavaScript meets the plain links beside them and no dead buttons.
 */
export function ShareButtons({ url, title }: { url: string; title: string }) {
  const ready = useShareSupport();
  const [status, setStatus] = useState("");

  async function copy() {
    try {
      await navigator.clipboard.writeText(url);
      setStatus("Link copied.");
    } catch {
      setStatus("Your browser did not let us copy. The link is in the box above; select it to copy.");
    }
  }

  async function share() {
    try {
      await navigator.share({ title, url });
    } catch {
      // Closing the share sheet rejects too; nothing to tell.
    }
  }

  const button =
    "rounded-full border border-brand-700 px-4 py-2 text-sm font-semibold text-brand-700 hover:bg-brand-50 focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-brand-700";
  return (
    <>
      <div className="flex flex-wrap gap-2" hidden={!ready}>
        {ready?.native ? (
          <button type="button" onClick={share} className={button}>
            Share…
          </button>
        ) : null}
        <button type="button" onClick={copy} className={button}>
          Copy link
        </button>
      </div>
      <p role="status" className="text-sm font-semibold text-green-800">
        {status}
      </p>
    </>
  );
}
