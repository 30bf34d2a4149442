import type { Metadata } from "next";
import Link from "next/link";
import { randomUUID } from "node:crypto";
import { getDb } from "@/db/client";
import { requireAdmin } from "@/lib/auth/require-admin";
import { listCampaignChoices } from "@/lib/campaigns/admin-campaigns";
import { todayUtc } from "@/lib/donations/offline-gift-form";
import { RecordOfflineGiftForm } from "../offline-gift-forms";

export const metadata: Metadata = { title: "Record a gift received offline" };

export default async function NewOfflineGiftPage({ searchParams }: { searchParams: Promise<{ campaign?: string | string[] }> }) {
  await requireAdmin("/admin/gifts/offline/new");
  const campaigns = await listCampaignChoices(await getDb());
  const { campaign } = await searchParams;
  const chosen = campaigns.find((choice) => choice.id === campaign);
  const today = todayUtc();
  return (
    <div className="max-w-3xl space-y-6">
      <p>
        <Link href="/admin/gifts" className="font-semibold text-brand-700 underline">
          ← All gifts
        </Link>
      </p>
      <h1 className="font-serif text-3xl font-bold">Record a gift received offline</h1>
      <p>
        A cheque, bank transfer, cash, or a grant from a donor-advised fund: it counts in the campaign&apos;s total at once, gets the next receipt number, and
        is listed as entered by you. You can correct or void it later from its page.
      </p>
      <RecordOfflineGiftForm
        today={today}
        campaigns={campaigns.map(({ id, title }) => ({ id, title }))}
        initial={{
          // Made once per rendered form: sending this form twice records one gift.
          entryKey: randomUUID(),
          method: "",
          amount: "",
          currency: chosen?.currency ?? campaigns[0]?.currency ?? "USD",
          receivedOn: today,
          donorName: "",
          donorEmail: "",
          campaignId: chosen?.id ?? "",
          reference: "",
          anonymous: false,
          dedicationKind: "",
          dedicationName: "",
        }}
      />
    </div>
  );
}
