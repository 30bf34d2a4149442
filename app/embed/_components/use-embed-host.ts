"use client";

import { useCallback, useEffect, useMemo, useSyncExternalStore } from "react";
import { EMBED_MESSAGE_NAMESPACE, type FrameMessage } from "@/lib/embed/embed-messages";

/** The page that frames this one, as the browser vouches for it (the origin of its "hello"). */
export interface EmbedHost {
  origin: string;
  /** The host page's address without query or hash, when it is on that origin. */
  page: string | null;
}

declare global {
  interface Window {
    __lanternHost?: EmbedHost;
  }
}

function hostPage(host: EmbedHost): EmbedHost {
  try {
    return host.page && new URL(host.page).origin === host.origin
      ? { origin: host.origin, page: host.page.slice(0, 400) }
      : { origin: host.origin, page: null };
  } catch {
    return { origin: host.origin, page: null };
  }
}

/**
 * The embed page's side of the messages (lib/embed/embed-messages.ts): the host, once its "hello"
 * arrived (embedReadyScript keeps it), and `post`, which sends only to that origin and window.
 * Reports the page's height whenever it changes, and Escape (which the host page cannot see
 * while focus is in here) so the overlay can close.
 */
export function useEmbedHost(): { host: EmbedHost | null; post: (message: FrameMessage) => void } {
  const hello = useSyncExternalStore(
    subscribeToHost,
    () => window.__lanternHost ?? null,
    () => null,
  );
  const host = useMemo(() => (hello ? hostPage(hello) : null), [hello]);

  const post = useCallback(
    (message: FrameMessage) => {
      if (host && window.parent !== window) window.parent.postMessage({ ns: EMBED_MESSAGE_NAMESPACE, ...message }, host.origin);
    },
    [host],
  );

  useEffect(() => {
    if (!host) return;
    // The widget's own box: the body is at least as tall as the frame (min-h-screen), so it could only grow.
    const root = document.querySelector<HTMLElement>("[data-embed-root]");
    if (!root) return;
    const report = () => post({ type: "size", height: Math.ceil(root.getBoundingClientRect().bottom + window.scrollY) });
    report();
    const observer = new ResizeObserver(report);
    observer.observe(root);
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") post({ type: "close" });
    };
    document.addEventListener("keydown", onKey);
    return () => {
      observer.disconnect();
      document.removeEventListener("keydown", onKey);
    };
  }, [host, post]);

  return { host, post };
}

function subscribeToHost(onChange: () => void): () => void {
  window.addEventListener("lantern-host", onChange);
  return () => window.removeEventListener("lantern-host", onChange);
}

const noSubscription = () => () => {};

/** Which widget this frame is ("?via=" in its address, set by the loader; the page is cached without it). */
export function useEmbedKind(fallback: "button" | "form" | "progress"): "button" | "form" | "progress" {
  const via = useSyncExternalStore(
    noSubscription,
    () => new URLSearchParams(window.location.search).get("via"),
    () => null,
  );
  return via === "button" || via === "form" || via === "progress" ? via : fallback;
}
