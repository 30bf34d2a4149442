"use client";

import type { ReactNode } from "react";
import { useEmbedHost } from "./use-embed-host";

/**
 * The progress widget's "Give": a link to the campaign's panel in a new tab (no script, or a
 * frame opened on its own); in a host page with the loader it asks the host to open the form
 * in its overlay instead.
 */
export function EmbeddedGiveLink({ href, className, children }: { href: string; className: string; children: ReactNode }) {
  const { host, post } = useEmbedHost();
  return (
    <a
      href={href}
      target="_blank"
      rel="noopener"
      className={className}
      onClick={(event) => {
        if (!host) return;
        event.preventDefault();
        post({ type: "open" });
      }}
    >
      {children}
    </a>
  );
}
