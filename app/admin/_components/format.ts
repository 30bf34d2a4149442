/** Dates in the admin are shown in UTC, as they are filtered and exported. */
const dayFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });
const dateTimeFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export function formatDay(isoDay: string): string {
  return dayFormat.format(new Date(`${isoDay.slice(0, 10)}T00:00:00Z`));
}

export function formatDateTime(iso: string): string {
  return `${dateTimeFormat.format(new Date(iso))} UTC`;
}

const STATUS_LABEL = { draft: "Draft", active: "Active", closed: "Closed" } as const;

/** "General fund" for the fund (it is always open), else the campaign's status. */
export function campaignStatusLabel(campaign: { kind: "campaign" | "general_fund"; status: keyof typeof STATUS_LABEL }): string {
  return campaign.kind === "general_fund" ? "General fund" : STATUS_LABEL[campaign.status];
}
