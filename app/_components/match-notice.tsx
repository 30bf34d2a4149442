"use client";

import { useEffect, useState } from "react";
import { isMatchRunning, matchAnnouncement, type PublicMatch } from "@/lib/campaigns/match-wording";

/**
 * "Your gift will be matched by … until Friday": shown while the sponsor's match runs. The page is
 * cached, so the server's answer (at render) is only the first one: the browser checks the clock
 * again and at the match's start and end. The cap is the server's to know: a gift that fills it
 * expires the page, which then has no match to show.
 */
export function MatchNotice({ match, runningAtRender }: { match: PublicMatch; runningAtRender: boolean }) {
  const [running, setRunning] = useState(runningAtRender);
  useEffect(() => {
    const check = () => setRunning(isMatchRunning(match, new Date()));
    check();
    const next = [match.startsAt, match.endsAt].map((at) => new Date(at).getTime() - Date.now()).filter((ms) => ms > 0 && ms < 2 ** 31 - 1);
    const timers = next.map((ms) => window.setTimeout(check, ms + 50));
    return () => timers.forEach((timer) => window.clearTimeout(timer));
  }, [match]);
  if (!running) return null;
  return (
    <p className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm font-semibold text-amber-950" data-testid="match-notice">
      {matchAnnouncement(match)} <span className="font-normal">{match.ratio === 2 ? "It counts three times." : "It counts twice."}</span>
    </p>
  );
}
