import "server-only";
import { eq } from "drizzle-orm";
import { campaignMatches, campaigns, donations, updates } from "@/db/schema";
import type { Executor } from "@/db/database";

/**
 * What the audit log records of each kind of object, read inside the changing transaction before
 * and after the change (only the fields that changed are kept). Never a donor's data: a gift is
 * its amount, currency, method, campaign and state, not who gave it.
 */

export async function campaignSnapshot(executor: Executor, id: string): Promise<Record<string, unknown> | null> {
  const [row] = await executor
    .select({
      title: campaigns.title,
      slug: campaigns.slug,
      status: campaigns.status,
      summary: campaigns.summary,
      currency: campaigns.currency,
      goalAmount: campaigns.goalAmount,
      presetAmounts: campaigns.presetAmounts,
      frequencies: campaigns.frequencies,
      defaultFrequency: campaigns.defaultFrequency,
      featured: campaigns.featured,
      startsAt: campaigns.startsAt,
      endsAt: campaigns.endsAt,
      publishedOn: campaigns.publishedOn,
      bodyLength: campaigns.bodyMarkdown,
      coverImageId: campaigns.coverImageId,
      askPostalAddress: campaigns.askPostalAddress,
      questions: campaigns.questions,
    })
    .from(campaigns)
    .where(eq(campaigns.id, id));
  if (!row) return null;
  // The article itself is long: its length says it changed. Questions: their wording and kind, never answers.
  const { bodyLength, questions, askPostalAddress, ...rest } = row;
  return {
    ...rest,
    bodyLength: bodyLength.length,
    askPostal: askPostalAddress,
    questionLabels: questions.map((question) => `${question.label} (${question.kind}${question.required ? ", required" : ""})`),
  };
}

export async function updateSnapshot(executor: Executor, id: string): Promise<Record<string, unknown> | null> {
  const [row] = await executor
    .select({
      title: updates.title,
      status: updates.status,
      campaignId: updates.campaignId,
      audience: updates.audience,
      body: updates.bodyMarkdown,
      recipientCount: updates.recipientCount,
    })
    .from(updates)
    .where(eq(updates.id, id));
  if (!row) return null;
  const { body, ...rest } = row;
  return { ...rest, bodyLength: body.length };
}

export async function matchSnapshot(executor: Executor, id: string): Promise<Record<string, unknown> | null> {
  const [row] = await executor
    .select({
      campaignId: campaignMatches.campaignId,
      ratio: campaignMatches.ratio,
      capAmount: campaignMatches.capAmount,
      currency: campaignMatches.currency,
      startsAt: campaignMatches.startsAt,
      endsAt: campaignMatches.endsAt,
    })
    .from(campaignMatches)
    .where(eq(campaignMatches.id, id));
  return row ?? null;
}

/** A gift as the audit log may know it: no donor, no dedication, no reference. */
export async function giftSnapshot(executor: Executor, id: string): Promise<Record<string, unknown> | null> {
  const [row] = await executor
    .select({
      campaignId: donations.campaignId,
      amount: donations.amount,
      currency: donations.currency,
      method: donations.method,
      anonymous: donations.anonymous,
      paidAt: donations.paidAt,
      voided: donations.voidedAt,
      receiptYear: donations.receiptYear,
      receiptSequence: donations.receiptSequence,
    })
    .from(donations)
    .where(eq(donations.id, id));
  if (!row) return null;
  const { voided, ...rest } = row;
  return { ...rest, voided: voided !== null };
}
