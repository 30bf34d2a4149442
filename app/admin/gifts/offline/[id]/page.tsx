import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { randomUUID } from "node:crypto";
import { getDb } from "@/db/client";
import { requireAdmin } from "@/lib/auth/require-admin";
import { listCampaignChoices } from "@/lib/campaigns/admin-campaigns";
import { GIFT_METHOD_LABELS } from "@/lib/donations/gift-methods";
import { todayUtc } from "@/lib/donations/offline-gift-form";
import { formatMoney, minorToDecimalString } from "@/lib/money/money";
import { findAdminGift } from "@/lib/reports/admin-gift";
import { formatDateTime } from "../../../_components/format";
import { CorrectOfflineGiftForm, VoidOfflineGiftForm } from "../offline-gift-forms";

export const metadata: Metadata = { title: "Correct or void a gift received offline" };

export default async function OfflineGiftPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requireAdmin("/admin/gifts/offline/[id]", `/admin/gifts/offline/${encodeURIComponent(id)}`);
  const db = await getDb();
  const gift = await findAdminGift(db, id);
  if (!gift || !gift.offline) notFound();
  const campaigns = await listCampaignChoices(db);
  const label = `${formatMoney(gift.amount, gift.currency, { showCents: true })} by ${GIFT_METHOD_LABELS[gift.method].toLowerCase()}`;
  return (
    <div className="max-w-3xl space-y-8">
      <p>
        <Link href={`/admin/gifts/${gift.id}`} className="font-semibold text-brand-700 underline">
          ← This gift
        </Link>
      </p>
      <h1 className="font-serif text-3xl font-bold break-words">{`Correct or void the gift of ${label}`}</h1>
      {gift.offline.voidedAt ? (
        <p className="rounded border-2 border-red-800 bg-red-50 p-3">
          {`This gift was voided on ${formatDateTime(gift.offline.voidedAt.toISOString())}${gift.offline.voidedBy ? ` by ${gift.offline.voidedBy}` : ""}: ${gift.offline.voidReason ?? ""}. It counts in no total; receipt ${gift.receiptNumber ?? ""} is marked void.`}
        </p>
      ) : (
        <>
          <section aria-labelledby="correct-heading" className="space-y-3">
            <h2 id="correct-heading" className="text-xl font-bold">
              Correct
            </h2>
            <p className="text-sm">
              The campaign&apos;s figures follow at once. The receipt keeps its number; if the donor has an email address, they get the corrected receipt.
            </p>
            <CorrectOfflineGiftForm
              today={todayUtc()}
              campaigns={campaigns.map(({ id: campaignId, title }) => ({ id: campaignId, title }))}
              initial={{
                giftId: gift.id,
                correctionKey: randomUUID(),
                method: gift.method,
                amount: minorToDecimalString(gift.amount, gift.currency),
                currency: gift.currency,
                receivedOn: gift.paidAt.toISOString().slice(0, 10),
                donorName: gift.donor.name ?? "",
                donorEmail: gift.donor.email ?? "",
                campaignId: gift.campaign.id,
                reference: gift.offline.reference ?? "",
                anonymous: gift.anonymous,
                dedicationKind: gift.dedication?.kind ?? "",
                dedicationName: gift.dedication?.name ?? "",
              }}
            />
          </section>
          <section aria-labelledby="void-heading" className="space-y-3">
            <h2 id="void-heading" className="text-xl font-bold">
              Void
            </h2>
            <p className="text-sm">
              For a gift entered by mistake or a cheque that bounced. It leaves every total and cannot be undone; its receipt keeps its number, marked void.
            </p>
            <VoidOfflineGiftForm giftId={gift.id} />
          </section>
        </>
      )}
    </div>
  );
}
