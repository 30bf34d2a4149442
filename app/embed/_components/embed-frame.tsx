import type { ReactNode } from "react";
import { isStripeTestMode } from "@/lib/env";
import { embedReadyScript } from "@/lib/embed/embed-messages";

/**
 * What every embed page is drawn in: the box the frame's height follows (data-embed-root), the
 * test-mode note the site's header would show, and the inline "ready" (lib/embed/embed-messages.ts).
 * `label` names the frame's main landmark (`overlayLabel` in the donate button's overlay).
 */
export function EmbedFrame({ label, overlayLabel, children }: { label: string; overlayLabel?: string; children: ReactNode }) {
  return (
    <div data-embed-root className="space-y-3 bg-white p-4">
      <script dangerouslySetInnerHTML={{ __html: embedReadyScript(label, overlayLabel) }} />
      {isStripeTestMode() ? <p className="rounded bg-amber-200 px-2 py-1 text-xs font-semibold text-amber-950">Test mode: no real money moves.</p> : null}
      {children}
    </div>
  );
}
