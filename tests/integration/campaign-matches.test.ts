/**
 * Sponsors' matches (lib/donations/gift-match.ts): each gift draws on the running match in its
 * own transaction, never past the cap however many gifts land at once; refunds and lost
 * disputes give back what they no longer hold; gifts outside the window or in another currency
 * draw nothing; and ledger:verify checks used_amount against the gifts.
 */
import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { campaignMatches, donations } from "@/db/schema";
import { addCampaignMatch, endCampaignMatch, findPublicMatch, matchStatement, matchStatus, matchedTotal } from "@/lib/campaigns/campaign-matches";
import { findOrCreateDonor } from "@/lib/donations/donors";
import { findGiftCampaignBySlug, type GiftCampaign } from "@/lib/donations/gift-campaign";
import { recordChargeRefunds } from "@/lib/donations/gift-refunds";
import { recordDisputeStatus } from "@/lib/donations/payment-adjustments";
import { recordGift } from "@/lib/donations/record-gift";
import { verifyLedger } from "@/lib/ledger/verify-ledger";
import { getDashboardTotals } from "@/lib/reports/dashboard-totals";
import { insertCampaign } from "../support/gift-rows";
import { describeEachDatabase } from "../support/test-database";

const PAID_AT = new Date("2026-03-04T12:00:00Z");

describeEachDatabase(
  "campaign matches",
  (db) => {
    let counter = 0;

    async function campaignWithMatch(
      slug: string,
      match: { ratio: "1" | "2"; cap: string; startsAt?: string; endsAt?: string },
    ): Promise<{ campaign: GiftCampaign; matchId: string }> {
      await insertCampaign(db(), { slug });
      const campaign = (await findGiftCampaignBySlug(db(), slug))!;
      const added = await addCampaignMatch(db(), campaign.id, {
        sponsorName: "Acme Co",
        ratio: match.ratio,
        cap: match.cap,
        startsAt: match.startsAt ?? "2026-03-01T00:00",
        endsAt: match.endsAt ?? "2026-03-08T00:00",
      });
      if (!added.ok) throw new Error(JSON.stringify(added.errors));
      return { campaign, matchId: added.id };
    }

    async function give(campaign: GiftCampaign, amount: number, options: { currency?: string; paidAt?: Date; feeCoveredAmount?: number } = {}) {
      const id = `pi_match_${++counter}_${Date.now()}`;
      const recorded = await db().transaction(async (tx) => {
        const donor = await findOrCreateDonor(tx, { email: `match${counter}@example.org`, name: `Donor ${counter}`, stripeCustomerId: null });
        return recordGift(tx, {
          donor,
          campaign,
          kind: "one_off",
          recurringGiftId: null,
          amount,
          feeCoveredAmount: options.feeCoveredAmount ?? 0,
          currency: options.currency ?? "USD",
          anonymous: false,
          dedication: null,
          stripe: { paymentIntentId: id, chargeId: `ch_${id}` },
          paidAt: options.paidAt ?? PAID_AT,
          receipt: { template: "one-off-receipt", idempotencyKey: `receipt:${id}`, manageUrl: null },
        });
      });
      const [row] = await db().select().from(donations).where(eq(donations.id, recorded!.donationId));
      return { paymentIntentId: id, chargeId: `ch_${id}`, row: row! };
    }

    const used = async (matchId: string) => (await db().select().from(campaignMatches).where(eq(campaignMatches.id, matchId)))[0]!.usedAmount;

    it("matches a gift 1:1 or 2:1 from the card-fee-free part, within the window and currency only", async () => {
      const one = await campaignWithMatch("match-ratios-one", { ratio: "1", cap: "1000" });
      expect((await give(one.campaign, 2_500, { feeCoveredAmount: 100 })).row).toMatchObject({ matchId: one.matchId, matchedAmount: 2_400 });
      const two = await campaignWithMatch("match-ratios-two", { ratio: "2", cap: "1000" });
      expect((await give(two.campaign, 2_500)).row.matchedAmount).toBe(5_000);
      // Before the start, at the end, and in another currency: nothing drawn.
      expect((await give(two.campaign, 1_000, { paidAt: new Date("2026-02-28T23:59:59Z") })).row).toMatchObject({ matchId: null, matchedAmount: 0 });
      expect((await give(two.campaign, 1_000, { paidAt: new Date("2026-03-08T00:00:00Z") })).row.matchedAmount).toBe(0);
      expect((await give(two.campaign, 1_000, { currency: "EUR" })).row.matchedAmount).toBe(0);
      expect(await used(two.matchId)).toBe(5_000);
      expect(await matchedTotal(db(), two.campaign.id, "USD")).toBe(5_000);
    });

    it("never passes the cap under 50 concurrent gifts, and the last gift takes only what is left", async () => {
      // Cap $1,000 at 1:1; 50 gifts of $30 want $1,500 of it.
      const { campaign, matchId } = await campaignWithMatch("match-concurrent", { ratio: "1", cap: "1000" });
      const gifts = await Promise.all(Array.from({ length: 50 }, () => give(campaign, 3_000)));
      const matched = gifts.map((gift) => gift.row.matchedAmount);
      expect(matched.reduce((a, b) => a + b, 0)).toBe(100_000);
      expect(await used(matchId)).toBe(100_000);
      // 33 full matches, one of the $10 left, and nothing for the other 16.
      expect(matched.filter((amount) => amount === 3_000)).toHaveLength(33);
      expect(matched.filter((amount) => amount === 1_000)).toHaveLength(1);
      expect(matched.filter((amount) => amount === 0)).toHaveLength(16);
      expect(await verifyLedger(db())).toEqual([]);
      const statement = (await matchStatement(db(), matchId))!;
      expect(statement.owedAmount).toBe(100_000);
      expect(statement.gifts).toHaveLength(34);
      const dashboard = await getDashboardTotals(db());
      expect(dashboard.campaigns.find((row) => row.campaign.id === campaign.id)!.totals[0]!.matchedAmount).toBe(100_000);
    });

    it("gives the match back on a refund (in part, then whole) and a lost dispute, so later gifts can use it", async () => {
      const { campaign, matchId } = await campaignWithMatch("match-refunds", { ratio: "2", cap: "100" });
      const first = await give(campaign, 4_000); // wants 8,000 of the 10,000
      const second = await give(campaign, 2_000); // wants 4,000: gets the 2,000 left
      expect([first.row.matchedAmount, second.row.matchedAmount]).toEqual([8_000, 2_000]);

      const refund = (amount: number, id: string) => ({
        stripeRefundId: id,
        amount,
        currency: "USD",
        status: "succeeded",
        failureReason: null,
        createdAt: new Date(),
      });
      // $15 of the $40 refunded: the gift keeps $25, so at most $50 of match; it held $80.
      await db().transaction((tx) =>
        recordChargeRefunds(tx, { chargeId: first.chargeId, paymentIntentId: first.paymentIntentId }, [refund(1_500, `re_${first.chargeId}_1`)]),
      );
      expect(await used(matchId)).toBe(7_000);
      const third = await give(campaign, 1_000);
      expect(third.row.matchedAmount).toBe(2_000); // drawn from the $30 given back
      expect(await used(matchId)).toBe(9_000);
      await db().transaction((tx) =>
        recordChargeRefunds(tx, { chargeId: first.chargeId, paymentIntentId: first.paymentIntentId }, [
          refund(1_500, `re_${first.chargeId}_1`),
          refund(2_500, `re_${first.chargeId}_2`),
        ]),
      );
      const [firstAfter] = await db().select().from(donations).where(eq(donations.id, first.row.id));
      expect(firstAfter!.matchedAmount).toBe(0);
      expect(await used(matchId)).toBe(4_000);

      await db().transaction((tx) => recordDisputeStatus(tx, { chargeId: second.chargeId, paymentIntentId: second.paymentIntentId }, "lost"));
      expect(await used(matchId)).toBe(2_000);
      // A dispute won on appeal does not take the match back.
      await db().transaction((tx) => recordDisputeStatus(tx, { chargeId: second.chargeId, paymentIntentId: second.paymentIntentId }, "won"));
      expect(await used(matchId)).toBe(2_000);
      expect(await verifyLedger(db())).toEqual([]);
    });

    it("ends a running match now, and one not started yet before it runs", async () => {
      const running = await campaignWithMatch("match-ended", { ratio: "1", cap: "100", startsAt: "2026-03-01T00:00", endsAt: "2099-01-01T00:00" });
      const now = new Date("2026-03-05T10:00:00Z");
      expect(await findPublicMatch(db(), running.campaign.id, "USD", now)).toMatchObject({ sponsorName: "Acme Co", ratio: 1 });
      expect(await endCampaignMatch(db(), running.matchId, now)).toEqual({ campaignId: running.campaign.id });
      expect(await findPublicMatch(db(), running.campaign.id, "USD", now)).toBeNull();
      expect((await give(running.campaign, 1_000, { paidAt: new Date("2026-03-05T10:00:01Z") })).row.matchedAmount).toBe(0);

      const later = await campaignWithMatch("match-ended-early", { ratio: "1", cap: "100", startsAt: "2026-04-01T00:00", endsAt: "2026-04-08T00:00" });
      await endCampaignMatch(db(), later.matchId, now);
      const [row] = await db().select().from(campaignMatches).where(eq(campaignMatches.id, later.matchId));
      expect(matchStatus(row!, new Date("2026-04-02T00:00:00Z"))).toBe("Ended");
      expect((await give(later.campaign, 1_000, { paidAt: new Date("2026-04-02T00:00:00Z") })).row.matchedAmount).toBe(0);
    });

    it("refuses a match without a positive cap or ending before it starts, and writes nothing", async () => {
      await insertCampaign(db(), { slug: "match-refused" });
      const campaign = (await findGiftCampaignBySlug(db(), "match-refused"))!;
      const refused = await addCampaignMatch(db(), campaign.id, {
        sponsorName: "Acme",
        ratio: "1",
        cap: "0",
        startsAt: "2026-03-02T00:00",
        endsAt: "2026-03-01T00:00",
      });
      expect(refused).toEqual({ ok: false, errors: { cap: expect.stringContaining("Enter the most"), endsAt: "The match must end after it starts." } });
      expect(await db().select().from(campaignMatches).where(eq(campaignMatches.campaignId, campaign.id))).toEqual([]);
    });
  },
  // A connection for each of the 50 concurrent gifts: they queue on the match's row lock in
  // PostgreSQL, not for the pool (whose 5 s wait for a connection failed under a loaded machine).
  { poolSize: 55 },
);
