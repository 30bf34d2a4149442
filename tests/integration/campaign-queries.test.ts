import { eq } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { campaigns, donations, donors, giftRefunds } from "@/db/schema";
import { rebuildLedger } from "@/lib/ledger/rebuild-ledger";
import { findCampaignIdBySlug, findPublicCampaign, listActiveCampaigns, listPublicCampaignSlugs } from "@/lib/campaigns/campaign-queries";
import { describeEachDatabase } from "../support/test-database";

describeEachDatabase(
  "public campaign figures",
  (db) => {
    beforeAll(async () => {
      const [campaign] = await db().select().from(campaigns).where(eq(campaigns.slug, "foreign-media-in-north-korea"));
      const [ann, ben, cat] = await db()
        .insert(donors)
        .values([{ email: "ann@example.org" }, { email: "ben@example.org" }, { email: "cat@example.org" }])
        .returning();
      const base = { campaignId: campaign!.id, kind: "one_off" as const, currency: "USD", paidAt: new Date() };
      const gifts = await db()
        .insert(donations)
        .values([
          { ...base, donorId: ann!.id, amount: 10_000, stripePaymentIntentId: "pi_1" },
          { ...base, donorId: ann!.id, amount: 5_000, refundedAmount: 1_000, stripePaymentIntentId: "pi_2" },
          { ...base, donorId: ben!.id, amount: 2_500, refundedAmount: 2_500, stripePaymentIntentId: "pi_3" },
          // A gift in another currency is never added to a USD campaign's total.
          { ...base, donorId: cat!.id, amount: 9_999, currency: "JPY", stripePaymentIntentId: "pi_4" },
        ])
        .returning();
      // The refunds those refunded amounts stand on (ledger:verify holds the two to each other).
      await db()
        .insert(giftRefunds)
        .values(
          gifts
            .filter((gift) => gift.refundedAmount > 0)
            .map((gift) => ({
              stripeRefundId: `re_${gift.stripePaymentIntentId}`,
              donationId: gift.id,
              amount: gift.refundedAmount,
              currency: gift.currency,
              status: "succeeded",
              refundedAt: gift.paidAt,
            })),
        );
      await rebuildLedger(db());
      await db().insert(campaigns).values({ slug: "draft-one", title: "Draft", summary: "Not public", status: "draft", goalAmount: 100 });
    });

    it("sums gifts net of refunds and counts donors with a gift that stands", async () => {
      const campaign = await findPublicCampaign(db(), "foreign-media-in-north-korea");
      expect(campaign).toMatchObject({ raisedAmount: 14_000, donorCount: 1, currency: "USD", goalAmount: 5_000_000, status: "active" });
    });

    it("lists active campaigns, featured first, without the general fund or drafts", async () => {
      const list = await listActiveCampaigns(db());
      expect(list.map((c) => c.slug)).toEqual(["inside-north-korea-pandemic-era-controls", "foreign-media-in-north-korea"]);
      expect(list[0]).toMatchObject({ raisedAmount: 0, donorCount: 0, featured: true });
    });

    it("finds a campaign page by id too, and any campaign's id by its web address", async () => {
      const id = await findCampaignIdBySlug(db(), "foreign-media-in-north-korea");
      expect(id).toEqual(expect.any(String));
      expect(await findPublicCampaign(db(), { id: id! })).toMatchObject({ slug: "foreign-media-in-north-korea", raisedAmount: 14_000 });
      const draftId = await findCampaignIdBySlug(db(), "draft-one");
      expect(draftId).toEqual(expect.any(String)); // drafts have ids; their pages stay hidden
      expect(await findPublicCampaign(db(), { id: draftId! })).toBeNull();
      expect(await findCampaignIdBySlug(db(), "no-such-slug")).toBeNull();
    });

    it("answers 'not found' for a web address no slug can have (a NUL byte would make PostgreSQL fail)", async () => {
      for (const slug of ["a\u0000b", "../x", "Foreign-Media", ""]) {
        expect(await findCampaignIdBySlug(db(), slug)).toBeNull();
        expect(await findPublicCampaign(db(), slug)).toBeNull();
      }
    });

    it("hides drafts and the general fund from public pages and the sitemap", async () => {
      expect(await findPublicCampaign(db(), "draft-one")).toBeNull();
      expect(await findPublicCampaign(db(), "general-fund")).toBeNull();
      expect(await findPublicCampaign(db(), "no-such-slug")).toBeNull();
      const slugs = (await listPublicCampaignSlugs(db())).map((row) => row.slug).sort();
      expect(slugs).toEqual(["foreign-media-in-north-korea", "inside-north-korea-pandemic-era-controls"]);
    });
  },
  { seed: true },
);
