import type { Metadata } from "next";
import { requireAdmin } from "@/lib/auth/require-admin";
import { EMPTY_CAMPAIGN_FORM } from "@/lib/campaigns/campaign-form";
import { CampaignForm } from "../campaign-form";

export const metadata: Metadata = { title: "New campaign" };

export default async function NewCampaignPage() {
  await requireAdmin("/admin/campaigns/new");
  return (
    <div className="max-w-3xl space-y-6">
      <h1 className="font-serif text-3xl font-bold">New campaign</h1>
      <p className="text-muted">A new campaign starts as a draft: nobody sees it until you set it to active.</p>
      <CampaignForm initialValues={EMPTY_CAMPAIGN_FORM} />
    </div>
  );
}
