import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db/client";
import { requireAdmin } from "@/lib/auth/require-admin";
import { listImagesOf } from "@/lib/images/image-records";
import { defaultAudience } from "@/lib/updates/publish-audience";
import { countAudience } from "@/lib/updates/publish-update";
import { getUpdateForEdit, listUpdateCampaignChoices } from "@/lib/updates/update-queries";
import { CountTiles } from "../../_components/count-tiles";
import { ImageLibrary } from "../../_components/image-library";
import { formatDateTime } from "../../_components/format";
import { DeleteDraftForm, PublishForm, UpdateEditor } from "../update-forms";

export const metadata: Metadata = { title: "Edit update" };

interface EditUpdatePageProps {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ saved?: string; published?: string }>;
}

export default async function EditUpdatePage({ params, searchParams }: EditUpdatePageProps) {
  const { id } = await params;
  await requireAdmin("/admin/updates/[id]", `/admin/updates/${encodeURIComponent(id)}`);
  if (!z.uuid().safeParse(id).success) notFound();
  const db = await getDb();
  const update = await getUpdateForEdit(db, id);
  if (!update) notFound();
  const { saved, published } = await searchParams;
  const [campaigns, campaignAudience, allAudience, images] = await Promise.all([
    listUpdateCampaignChoices(db),
    update.campaign ? countAudience(db, update.campaign.id, "campaign") : 0,
    countAudience(db, null, "all"),
    listImagesOf(db, { updateId: update.id }),
  ]);
  const publicPath = update.campaign ? `/campaigns/${update.campaign.slug}` : "/updates";
  const { figures } = update;

  return (
    <div className="max-w-3xl space-y-8">
      <h1 className="font-serif text-3xl font-bold">{`Update: ${update.values.title}`}</h1>
      {published !== undefined ? (
        <p role="status" className="rounded border border-green-800 bg-green-50 p-3 font-semibold text-green-900">
          {`Published. ${Number(published).toLocaleString("en-US")} ${Number(published) === 1 ? "email is" : "emails are"} on their way.`}
        </p>
      ) : saved ? (
        <p role="status" className="rounded border border-green-800 bg-green-50 p-3 font-semibold text-green-900">
          {update.status === "published" ? "Correction saved: the site shows it now. It was not emailed again." : "Draft saved. Nobody has seen it yet."}
        </p>
      ) : null}

      {update.status === "published" ? (
        <section aria-labelledby="delivery-heading" className="space-y-3">
          <h2 id="delivery-heading" className="text-2xl font-bold">
            Delivery
          </h2>
          <p>
            {`Published ${formatDateTime(update.publishedAt!.toISOString())} to ${update.audience === "campaign" ? "subscribers from this campaign" : "all confirmed subscribers"}. `}
            <Link href={publicPath} className="font-semibold text-brand-700 underline">
              See it on the site
            </Link>
          </p>
          <CountTiles
            className="grid grid-cols-2 gap-4 sm:grid-cols-3"
            counts={[
              ["Recipients", figures.recipients],
              ["Sent", figures.sent],
              ["Waiting to be sent", figures.queued],
              ["Failed", figures.failed],
              ["Not sent: unsubscribed before delivery", figures.skipped],
              ["Unsubscribed since", figures.unsubscribedSince],
            ]}
          />
        </section>
      ) : null}

      <section aria-labelledby="edit-heading" className="space-y-3">
        <h2 id="edit-heading" className="text-2xl font-bold">
          {update.status === "published" ? "Correct it on the site" : "Edit the draft"}
        </h2>
        <UpdateEditor id={update.id} initialValues={update.values} campaigns={campaigns} published={update.status === "published"} />
      </section>

      <ImageLibrary owner="update" ownerId={update.id} images={images} />

      {update.status === "draft" ? (
        <section aria-labelledby="publish-heading" className="space-y-3 rounded-lg border border-stone-300 bg-white p-4">
          <h2 id="publish-heading" className="text-2xl font-bold">
            Publish
          </h2>
          <p className="text-sm">Publishing shows the saved text on the site and emails it once to the people you choose. Save your changes first.</p>
          <PublishForm
            id={update.id}
            campaignTitle={update.campaign?.title ?? null}
            campaignAudience={campaignAudience}
            allAudience={allAudience}
            initialAudience={defaultAudience({ campaign: update.campaign ? campaignAudience : null, all: allAudience })}
          />
          <DeleteDraftForm id={update.id} />
        </section>
      ) : null}
    </div>
  );
}
