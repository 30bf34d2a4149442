import "server-only";
import { and, eq, ne, sql } from "drizzle-orm";
import { campaigns, donations, recurringGifts } from "@/db/schema";
import type { Database } from "@/db/database";
import type { FormErrors } from "@/lib/http/form-errors";
import type { CampaignFormValues, CampaignInput } from "./campaign-form";
import { findSlugRedirect, lockCampaignSlugs, recordSlugChange } from "./campaign-slugs";

export type SaveCampaignResult =
  /** `previousSlug`: the web address before an edit, so its cached page can be dropped. */
  { ok: true; id: string; slug: string; previousSlug?: string } | { ok: false; errors: FormErrors<CampaignFormValues> };

function oldAddressMessage(title: string): string {
  return `This is an old web address of “${title}” and still sends visitors there. Remove it from that campaign’s old addresses first, or choose another.`;
}

function isUniqueViolation(error: unknown): boolean {
  for (let current: unknown = error; current; current = (current as { cause?: unknown }).cause) {
    if ((current as { code?: unknown }).code === "23505") return true;
  }
  return false;
}

/**
 * Creates a campaign (no `id`) or updates one. Refuses a web address another campaign uses or
 * redirects from; a changed address keeps redirecting to the campaign (lib/campaigns/campaign-slugs.ts),
 * a currency change once gifts were made in the old one, and moving the general fund. Featuring
 * a campaign unfeatures the others in the same transaction: the home page has one featured slot.
 * The caller revalidates public pages after this returns (lib/campaigns/cache-tags.ts).
 */
export async function saveCampaign(db: Database, input: CampaignInput, id?: string): Promise<SaveCampaignResult> {
  const existing = id ? (await db.select().from(campaigns).where(eq(campaigns.id, id)).limit(1))[0] : undefined;
  if (id && !existing) return { ok: false, errors: { form: "This campaign no longer exists." } };

  const [taken] = await db
    .select({ title: campaigns.title })
    .from(campaigns)
    .where(and(eq(campaigns.slug, input.slug), id ? ne(campaigns.id, id) : undefined))
    .limit(1);
  if (taken) return { ok: false, errors: { slug: `Another campaign (“${taken.title}”) already uses this web address. Choose another.` } };
  const redirected = await findSlugRedirect(db, input.slug);
  if (redirected && redirected.campaignId !== id) return { ok: false, errors: { slug: oldAddressMessage(redirected.title) } };

  if (existing?.kind === "general_fund") {
    if (input.slug !== existing.slug) return { ok: false, errors: { slug: "The general fund’s web address cannot change: the Give page links to it." } };
    if (input.status !== "active") return { ok: false, errors: { status: "The general fund always takes gifts; keep it active." } };
  }

  if (existing && input.currency !== existing.currency) {
    const [gift] = await db
      .select({ one: sql`1` })
      .from(donations)
      .where(eq(donations.campaignId, existing.id))
      .limit(1);
    const [monthly] = await db
      .select({ one: sql`1` })
      .from(recurringGifts)
      .where(eq(recurringGifts.campaignId, existing.id))
      .limit(1);
    if (gift || monthly) {
      return { ok: false, errors: { currency: `This campaign already has gifts in ${existing.currency}, so its currency cannot change.` } };
    }
  }

  const values = {
    title: input.title,
    slug: input.slug,
    summary: input.summary,
    bodyMarkdown: input.bodyMarkdown,
    currency: input.currency,
    goalAmount: input.goalAmount,
    presetAmounts: input.presetAmounts,
    presetImpacts: input.presetImpacts,
    defaultFrequency: input.defaultFrequency,
    frequencies: input.frequencies,
    publishedOn: input.publishedOn,
    sourceName: input.sourceName,
    sourceUrl: input.sourceUrl,
    sourcePublishedOn: input.sourcePublishedOn,
    startsAt: input.startsAt,
    endsAt: input.endsAt,
    status: input.status,
    featured: input.featured,
  };

  try {
    return await db.transaction(async (tx) => {
      // Checked again under the lock: another admin may have just renamed a campaign away from this address.
      await lockCampaignSlugs(tx);
      const redirectedNow = await findSlugRedirect(tx, input.slug);
      if (redirectedNow && redirectedNow.campaignId !== id) return { ok: false as const, errors: { slug: oldAddressMessage(redirectedNow.title) } };
      let savedId: string;
      if (existing) {
        await tx.update(campaigns).set(values).where(eq(campaigns.id, existing.id));
        if (existing.slug !== input.slug) await recordSlugChange(tx, existing.id, existing.slug, input.slug);
        savedId = existing.id;
      } else {
        const [created] = await tx
          .insert(campaigns)
          .values({ ...values, kind: "campaign" })
          .returning({ id: campaigns.id });
        if (!created) throw new Error("campaign insert returned nothing");
        savedId = created.id;
      }
      if (input.featured) {
        await tx
          .update(campaigns)
          .set({ featured: false })
          .where(and(eq(campaigns.featured, true), ne(campaigns.id, savedId)));
      }
      return { ok: true as const, id: savedId, slug: input.slug, previousSlug: existing?.slug };
    });
  } catch (error) {
    // Two admins saving the same address at once: the unique index decides.
    if (isUniqueViolation(error)) return { ok: false, errors: { slug: "Another campaign already uses this web address. Choose another." } };
    throw error;
  }
}
