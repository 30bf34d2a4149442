import "server-only";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { campaigns, sentEmails, subscribers, updates } from "@/db/schema";
import type { Database } from "@/db/database";
import { renderCampaignMarkdown } from "@/lib/campaigns/render-markdown";
import { findImages } from "@/lib/images/image-records";
import { referencedImageIds } from "@/lib/images/image-urls";
import type { UpdateAudience, UpdateFormValues } from "./update-form";

export interface PublishedUpdate {
  id: string;
  title: string;
  bodyHtml: string;
  publishedAt: Date;
  updatedAt: Date;
  campaign: { slug: string; title: string } | null;
}

/**
 * Published updates, newest first: of one campaign (`campaignId`), of the organisation only
 * (`null`), or all of them (omitted). The Markdown is rendered and sanitised like articles.
 */
export async function listPublishedUpdates(db: Database, options: { campaignId?: string | null; limit?: number } = {}): Promise<PublishedUpdate[]> {
  const scope =
    options.campaignId === undefined ? undefined : options.campaignId === null ? isNull(updates.campaignId) : eq(updates.campaignId, options.campaignId);
  const rows = await db
    .select({
      id: updates.id,
      title: updates.title,
      bodyMarkdown: updates.bodyMarkdown,
      publishedAt: updates.publishedAt,
      updatedAt: updates.updatedAt,
      campaignSlug: campaigns.slug,
      campaignTitle: campaigns.title,
      campaignStatus: campaigns.status,
    })
    .from(updates)
    .leftJoin(campaigns, eq(campaigns.id, updates.campaignId))
    .where(and(eq(updates.status, "published"), scope))
    .orderBy(desc(updates.publishedAt))
    .limit(options.limit ?? 50);
  // A draft campaign's page is not public, so neither are its updates.
  const visible = rows.filter((row) => row.campaignStatus !== "draft");
  const images = await findImages(db, [...new Set(visible.flatMap((row) => referencedImageIds(row.bodyMarkdown)))]);
  return visible.map((row) => ({
    id: row.id,
    title: row.title,
    bodyHtml: renderCampaignMarkdown(row.bodyMarkdown, images),
    publishedAt: row.publishedAt!,
    updatedAt: row.updatedAt,
    campaign: row.campaignSlug && row.campaignTitle ? { slug: row.campaignSlug, title: row.campaignTitle } : null,
  }));
}

export interface UpdateDeliveryFigures {
  recipients: number;
  sent: number;
  /** Still queued or being retried. */
  queued: number;
  failed: number;
  /** Not sent because the reader unsubscribed before their email left. */
  skipped: number;
  /** Readers it was sent to who have unsubscribed since it was published. */
  unsubscribedSince: number;
}

export interface AdminUpdateRow {
  id: string;
  title: string;
  status: "draft" | "published";
  audience: UpdateAudience | null;
  publishedAt: Date | null;
  updatedAt: Date;
  campaign: { id: string; title: string } | null;
  figures: UpdateDeliveryFigures;
}

/** Every update for the admin, newest first, each with its delivery figures. */
export async function listUpdatesForAdmin(db: Database): Promise<AdminUpdateRow[]> {
  const rows = await db
    .select({
      id: updates.id,
      title: updates.title,
      status: updates.status,
      audience: updates.audience,
      publishedAt: updates.publishedAt,
      updatedAt: updates.updatedAt,
      recipients: updates.recipientCount,
      campaignId: campaigns.id,
      campaignTitle: campaigns.title,
    })
    .from(updates)
    .leftJoin(campaigns, eq(campaigns.id, updates.campaignId))
    .orderBy(sql`${updates.publishedAt} desc nulls first`, desc(updates.updatedAt));
  const figures = await deliveryFigures(db);
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    status: row.status,
    audience: row.audience,
    publishedAt: row.publishedAt,
    updatedAt: row.updatedAt,
    campaign: row.campaignId && row.campaignTitle ? { id: row.campaignId, title: row.campaignTitle } : null,
    figures: { ...EMPTY_FIGURES, ...figures.get(row.id), recipients: row.recipients },
  }));
}

const EMPTY_FIGURES: UpdateDeliveryFigures = { recipients: 0, sent: 0, queued: 0, failed: 0, skipped: 0, unsubscribedSince: 0 };

async function deliveryFigures(db: Database, updateId?: string): Promise<Map<string, Omit<UpdateDeliveryFigures, "recipients">>> {
  const rows = await db
    .select({
      updateId: sentEmails.updateId,
      sent: sql<number>`count(*) filter (where ${sentEmails.status} = 'sent')::int`,
      queued: sql<number>`count(*) filter (where ${sentEmails.status} in ('pending', 'sending'))::int`,
      failed: sql<number>`count(*) filter (where ${sentEmails.status} = 'failed')::int`,
      skipped: sql<number>`count(*) filter (where ${sentEmails.status} = 'skipped')::int`,
      unsubscribedSince: sql<number>`count(*) filter (where ${sentEmails.status} = 'sent' and ${subscribers.status} = 'unsubscribed' and ${subscribers.unsubscribedAt} > ${updates.publishedAt})::int`,
    })
    .from(sentEmails)
    .innerJoin(updates, eq(updates.id, sentEmails.updateId))
    .leftJoin(subscribers, eq(subscribers.id, sentEmails.subscriberId))
    .where(updateId ? eq(sentEmails.updateId, updateId) : undefined)
    .groupBy(sentEmails.updateId);
  return new Map(rows.map(({ updateId: id, ...figures }) => [id!, figures]));
}

export interface UpdateForEdit {
  id: string;
  status: "draft" | "published";
  audience: UpdateAudience | null;
  publishedAt: Date | null;
  campaign: { id: string; title: string; slug: string; status: string } | null;
  values: UpdateFormValues;
  figures: UpdateDeliveryFigures;
}

export async function getUpdateForEdit(db: Database, id: string): Promise<UpdateForEdit | null> {
  const [row] = await db
    .select({ update: updates, campaignTitle: campaigns.title, campaignSlug: campaigns.slug, campaignStatus: campaigns.status })
    .from(updates)
    .leftJoin(campaigns, eq(campaigns.id, updates.campaignId))
    .where(eq(updates.id, id));
  if (!row) return null;
  const { update } = row;
  const figures = (await deliveryFigures(db, id)).get(id);
  return {
    id: update.id,
    status: update.status,
    audience: update.audience,
    publishedAt: update.publishedAt,
    campaign:
      update.campaignId && row.campaignTitle && row.campaignSlug
        ? { id: update.campaignId, title: row.campaignTitle, slug: row.campaignSlug, status: row.campaignStatus! }
        : null,
    values: { title: update.title, bodyMarkdown: update.bodyMarkdown, campaignId: update.campaignId ?? "" },
    figures: { ...EMPTY_FIGURES, ...figures, recipients: update.recipientCount },
  };
}

/** Campaigns an update can be about (not the general fund, which is the organisation itself). */
export async function listUpdateCampaignChoices(db: Database): Promise<{ id: string; title: string }[]> {
  return db.select({ id: campaigns.id, title: campaigns.title }).from(campaigns).where(eq(campaigns.kind, "campaign")).orderBy(campaigns.title);
}
