import type { Metadata } from "next";
import { getAllUpdates } from "@/lib/updates/cached-updates";
import { UPDATES_FEED_PATH, updatesFeedAlternate } from "@/lib/updates/update-links";
import { UpdateList } from "../_components/update-list";

export const metadata: Metadata = {
  title: "Updates",
  description: "News from our campaigns and the organisation, newest first.",
  alternates: { canonical: "/updates", types: updatesFeedAlternate() },
};

// Generated on first request and kept until an update is published or corrected.
export const revalidate = 3600;

export default async function UpdatesPage() {
  const updates = await getAllUpdates();
  return (
    <div className="mx-auto max-w-3xl space-y-8 px-4 py-10">
      <header className="space-y-2">
        <h1 className="font-serif text-3xl font-bold">Updates</h1>
        <p>
          {"News from our campaigns and the organisation, newest first. Follow it in a feed reader: "}
          <a href={UPDATES_FEED_PATH} className="font-semibold text-brand-700 underline">
            Atom feed
          </a>
          .
        </p>
      </header>
      {updates.length === 0 ? <p>No updates yet.</p> : <UpdateList updates={updates} headingLevel={2} showCampaign />}
    </div>
  );
}
