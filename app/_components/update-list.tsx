import type { PublishedUpdate } from "@/lib/updates/update-queries";
import { UPDATE_PROSE } from "./ui";

const dateFormat = new Intl.DateTimeFormat("en-US", { dateStyle: "long", timeZone: "UTC" });

/** Published updates, newest first, each dated; `showCampaign` names the campaign (on /updates). */
export function UpdateList({ updates, headingLevel, showCampaign = false }: { updates: PublishedUpdate[]; headingLevel: 2 | 3; showCampaign?: boolean }) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <ol className="space-y-8">
      {updates.map((update) => (
        <li key={update.id}>
          <article id={`update-${update.id}`} aria-labelledby={`update-${update.id}-title`} className="space-y-2 border-l-4 border-brand-700 pl-4">
            <Heading id={`update-${update.id}-title`} className="font-serif text-xl font-bold">
              {update.title}
            </Heading>
            <p className="text-sm text-muted">
              <time dateTime={update.publishedAt.toISOString()}>{dateFormat.format(update.publishedAt)}</time>
              {showCampaign ? (
                <>
                  {" · "}
                  {update.campaign ? (
                    <a href={`/campaigns/${update.campaign.slug}`} className="text-brand-700 underline">
                      {update.campaign.title}
                    </a>
                  ) : (
                    "News from the organisation"
                  )}
                </>
              ) : null}
            </p>
            <div className={UPDATE_PROSE} dangerouslySetInnerHTML={{ __html: update.bodyHtml }} />
          </article>
        </li>
      ))}
    </ol>
  );
}
