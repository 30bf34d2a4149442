/** How a running match reads on the giving panel (used by the server page and the browser alike). */

/** What the giving panel says about a match (the page decides, with the clock, whether it runs now). */
export interface PublicMatch {
  sponsorName: string;
  ratio: number;
  startsAt: string;
  endsAt: string;
}

/** "Your gift will be matched by Acme Co until Friday, December 11." (2:1: "matched twice over by"). */
export function matchAnnouncement(match: PublicMatch): string {
  // The last moment it runs: a match ending at midnight runs "until" the day before.
  const until = new Date(new Date(match.endsAt).getTime() - 1).toLocaleDateString("en-US", { weekday: "long", month: "long", day: "numeric", timeZone: "UTC" });
  return `Your gift will be matched ${match.ratio === 2 ? "twice over " : ""}by ${match.sponsorName} until ${until}.`;
}

export function isMatchRunning(match: Pick<PublicMatch, "startsAt" | "endsAt">, now: Date): boolean {
  return new Date(match.startsAt) <= now && now < new Date(match.endsAt);
}
