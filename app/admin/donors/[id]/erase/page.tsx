import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db/client";
import { requireAdmin } from "@/lib/auth/require-admin";
import { formatGiftDate } from "@/lib/donations/gift-wording";
import { erasureSummary } from "@/lib/privacy/erasure-summary";
import { EraseDonorForm } from "./erase-donor-form";

export const metadata: Metadata = { title: "Erase a donor" };

/** Owners only (ADMIN_ROUTES: "erase"): what erasing this donor removes and keeps, and the button. */
export default async function EraseDonorPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requireAdmin("/admin/donors/[id]/erase", `/admin/donors/${encodeURIComponent(id)}/erase`);
  if (!z.uuid().safeParse(id).success) notFound();
  const summary = await erasureSummary(await getDb(), id);
  if (!summary) notFound();
  return (
    <div className="space-y-6">
      <h1 className="font-serif text-3xl font-bold">Erase a donor</h1>
      {summary.erasedAt ? (
        <p role="status">{`This donor's personal data was erased on ${formatGiftDate(summary.erasedAt)}.`}</p>
      ) : (
        <p className="break-words">{`${summary.name ?? "No name"}, ${summary.email ?? "no email address"}: ${summary.giftCount} ${summary.giftCount === 1 ? "gift" : "gifts"}.`}</p>
      )}
      <p>
        Erasing replaces their name, email address, postal address, dedications and answers with a tombstone everywhere, unsubscribes them, cancels any monthly
        or yearly gift, and removes their name and address from their Stripe customer records. Each gift keeps its amount, date, campaign and receipt number, as
        the law on financial records requires, so every total stays the same.
      </p>
      <EraseDonorForm donorId={id} />
    </div>
  );
}
