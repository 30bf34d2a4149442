import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db/client";
import { roleCan } from "@/lib/auth/admin-roles";
import { requireAdmin } from "@/lib/auth/require-admin";
import { getCampaignForEdit } from "@/lib/campaigns/admin-campaigns";
import { listSlugRedirects } from "@/lib/campaigns/campaign-slugs";
import { listImagesOf } from "@/lib/images/image-records";
import { ImageLibrary } from "../../_components/image-library";
import { CampaignForm } from "../campaign-form";
import { RemoveSlugRedirectButton } from "../old-addresses";

export const metadata: Metadata = { title: "Edit campaign" };

interface EditCampaignPageProps {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ saved?: string; unredirected?: string }>;
}

export default async function EditCampaignPage({ params, searchParams }: EditCampaignPageProps) {
  const { id } = await params;
  const me = await requireAdmin("/admin/campaigns/[id]", `/admin/campaigns/${encodeURIComponent(id)}`);
  if (!z.uuid().safeParse(id).success) notFound();
  const db = await getDb();
  const campaign = await getCampaignForEdit(db, id);
  if (!campaign) notFound();
  const { saved, unredirected } = await searchParams;
  const [oldAddresses, images] = await Promise.all([listSlugRedirects(db, campaign.id), listImagesOf(db, { campaignId: campaign.id })]);
  const isPublic = campaign.kind === "campaign" && campaign.status !== "draft";

  return (
    <div className="max-w-3xl space-y-6">
      <h1 className="font-serif text-3xl font-bold">{`Edit: ${campaign.values.title}`}</h1>
      {saved ? (
        <p role="status" className="rounded border border-green-800 bg-green-50 p-3 font-semibold text-green-900">
          {`${saved === "created" ? "Campaign created." : "Changes saved."} ${
            isPublic ? (saved === "created" ? "It is live on the site now." : "The public pages show them now.") : "It is a draft: only admins can see it."
          }`}
        </p>
      ) : null}
      {typeof unredirected === "string" ? (
        <p role="status" className="rounded border border-green-800 bg-green-50 p-3 font-semibold text-green-900">
          {`/campaigns/${unredirected} no longer redirects here; another campaign can use it now.`}
        </p>
      ) : null}
      {isPublic ? (
        <p>
          {/* No prefetch: a prefetch still rendering when the admin renames the campaign again could
              keep the old address's page after the rename expired it (seen in the renaming e2e test). */}
          <Link prefetch={false} href={`/campaigns/${campaign.slug}`} className="font-semibold text-brand-700 underline">
            View the public page
          </Link>
          {roleCan(me.role, "settings") ? (
            <>
              {" · "}
              <Link href={`/admin/campaigns/${campaign.id}/embed`} className="font-semibold text-brand-700 underline">
                Share and embed
              </Link>
            </>
          ) : null}
          {roleCan(me.role, "money") ? (
            <>
              {" · "}
              <Link href={`/admin/campaigns/${campaign.id}/matching`} className="font-semibold text-brand-700 underline">
                Matching offers
              </Link>
            </>
          ) : null}
          {" · "}
          <Link href={`/admin/campaigns/${campaign.id}/questions`} className="font-semibold text-brand-700 underline">
            Questions on the form
          </Link>
        </p>
      ) : null}
      {roleCan(me.role, "money") ? (
        <p>
          <Link href={`/admin/gifts/offline/new?campaign=${campaign.id}`} className="font-semibold text-brand-700 underline">
            Record a gift received offline for this campaign
          </Link>
        </p>
      ) : null}
      <CampaignForm id={campaign.id} initialValues={campaign.values} isGeneralFund={campaign.kind === "general_fund"} />
      {oldAddresses.length > 0 ? (
        <section aria-labelledby="old-addresses-heading" className="space-y-3">
          <h2 id="old-addresses-heading" className="text-xl font-bold">
            Old web addresses
          </h2>
          <p className="text-sm">
            Links to these addresses send visitors to this campaign (a permanent redirect). No other campaign can use one until you stop it redirecting; links
            to it then stop working.
          </p>
          <ul className="space-y-2">
            {oldAddresses.map(({ slug }) => (
              <li key={slug}>
                <RemoveSlugRedirectButton campaignId={campaign.id} slug={slug} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {campaign.kind === "campaign" ? <ImageLibrary owner="campaign" ownerId={campaign.id} images={images} coverImageId={campaign.coverImageId} /> : null}
    </div>
  );
}
