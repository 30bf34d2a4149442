import type { Metadata } from "next";
import { getDb } from "@/db/client";
import { requireAdmin } from "@/lib/auth/require-admin";
import { listUpdateCampaignChoices } from "@/lib/updates/update-queries";
import { UpdateEditor } from "../update-forms";

export const metadata: Metadata = { title: "Write an update" };

interface NewUpdatePageProps {
  searchParams: Promise<{ campaign?: string }>;
}

export default async function NewUpdatePage({ searchParams }: NewUpdatePageProps) {
  await requireAdmin("/admin/updates/new");
  const campaigns = await listUpdateCampaignChoices(await getDb());
  const { campaign } = await searchParams;
  const campaignId = campaigns.some((c) => c.id === campaign) ? campaign! : "";
  return (
    <div className="max-w-3xl space-y-6">
      <h1 className="font-serif text-3xl font-bold">Write an update</h1>
      <p>It is saved as a draft: nobody sees it, and nobody is emailed, until you publish it.</p>
      <UpdateEditor initialValues={{ title: "", bodyMarkdown: "", campaignId }} campaigns={campaigns} />
    </div>
  );
}
