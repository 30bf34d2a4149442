import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { z } from "zod";
import { getDb } from "@/db/client";
import { requireAdmin } from "@/lib/auth/require-admin";
import { findCampaignQuestions } from "@/lib/campaigns/save-campaign-questions";
import { QuestionsForm } from "./questions-form";

export const metadata: Metadata = { title: "Questions on the donation form" };

/**
 * A campaign's questions on the donation form: up to three (short text or a choice from a list,
 * optional or required) and the postal address. Answers are kept with each gift, shown on the
 * gift's page and in the CSV. Admins only.
 */
export default async function QuestionsPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requireAdmin("/admin/campaigns/[id]/questions", `/admin/campaigns/${encodeURIComponent(id)}/questions`);
  if (!z.uuid().safeParse(id).success) notFound();
  await connection();
  const campaign = await findCampaignQuestions(await getDb(), id);
  if (!campaign) notFound();
  return (
    <div className="max-w-3xl space-y-6">
      <p>
        <Link href={`/admin/campaigns/${campaign.id}`} className="font-semibold text-brand-700 underline">
          {`Back to editing ${campaign.title}`}
        </Link>
      </p>
      <h1 className="font-serif text-3xl font-bold">{`Questions on the donation form: ${campaign.title}`}</h1>
      <p>
        Donors see these under the amount. Their answers are kept with the gift, shown on the gift&rsquo;s page and exported in the gifts CSV; a changed
        question does not change the answers already given.
      </p>
      <QuestionsForm campaignId={campaign.id} questions={campaign.questions} askPostalAddress={campaign.askPostalAddress} />
    </div>
  );
}
