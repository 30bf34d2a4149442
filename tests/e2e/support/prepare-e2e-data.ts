/**
 * Gives the e2e server a fresh data folder: migrated, seeded, plus the fixture gifts. Runs
 * before `next start`, because PGlite allows one process per folder.
 */
import fs from "node:fs";
import path from "node:path";
import { campaigns, donations, donors, giftRefunds } from "../../../db/schema";
import { openPglite, prepareDatabase } from "../../../db/open";
import {
  FIXTURE_CAMPAIGN,
  FIXTURE_DONORS,
  FIXTURE_GIFTS,
  FIXTURE_GOAL_REACHED_CAMPAIGN,
  FIXTURE_GOAL_REACHED_GIFTS,
  FIXTURE_NO_GIFTS_CAMPAIGN,
} from "./fixture-gifts";
import { prepareSubscriberFixtures } from "./prepare-subscriber-fixtures";
import { rebuildLedger } from "../../../lib/ledger/rebuild-ledger";

async function main(): Promise<void> {
  const dataDir = process.env.LANTERN_DATA_DIR;
  if (!dataDir || !dataDir.includes("e2e")) throw new Error(`Refusing to wipe data folder "${dataDir}": not an e2e folder.`);
  fs.rmSync(dataDir, { recursive: true, force: true });
  // Next keeps cached data (unstable_cache) in the build folder across builds; figures cached
  // from the previous run's database would be served to this run until a gift expires them.
  const distDir = process.env.NEXT_DIST_DIR;
  // Pages generated at request time (ISR) are kept in server/route-cache: the same applies.
  if (distDir)
    for (const dir of [
      ["cache", "fetch-cache"],
      ["server", "route-cache"],
    ])
      fs.rmSync(path.resolve(distDir, ...dir), { recursive: true, force: true });
  const open = await openPglite(path.resolve(dataDir, "pglite"));
  await prepareDatabase(open);
  const { db } = open;
  const [campaign] = await db
    .insert(campaigns)
    .values({
      ...FIXTURE_CAMPAIGN,
      kind: "campaign",
      status: "active",
      bodyMarkdown: "## Why these figures\n\nEvery figure on this page comes from gifts the tests wrote.",
      presetAmounts: [1_000, 2_500],
      publishedOn: "2020-01-01",
    })
    .returning();
  if (!campaign) throw new Error("fixture campaign not created");
  const donorRows = await db
    .insert(donors)
    .values([...FIXTURE_DONORS])
    .returning();
  const fixtureGifts = await db
    .insert(donations)
    .values(
      FIXTURE_GIFTS.map((gift, index) => ({
        donorId: donorRows[gift.donor]!.id,
        campaignId: campaign.id,
        kind: "one_off" as const,
        amount: gift.amount,
        refundedAmount: gift.refundedAmount,
        currency: "USD",
        stripePaymentIntentId: `pi_e2e_fixture_${index}`,
        paidAt: new Date(Date.UTC(2024, 0, 1 + index)),
      })),
    )
    .returning();
  // Each refunded fixture gift stands on one succeeded refund, as the webhooks would store it (ledger:verify checks this).
  const refundedFixtures = fixtureGifts.filter((gift) => gift.refundedAmount > 0);
  if (refundedFixtures.length > 0) {
    await db.insert(giftRefunds).values(
      refundedFixtures.map((gift, index) => ({
        stripeRefundId: `re_e2e_fixture_${index}`,
        donationId: gift.id,
        amount: gift.refundedAmount,
        currency: gift.currency,
        status: "succeeded",
        refundedAt: gift.paidAt,
      })),
    );
  }
  const fixtureArticle = {
    kind: "campaign" as const,
    status: "active" as const,
    bodyMarkdown: "## Why this campaign\n\nIt exists for the end-to-end tests.",
    presetAmounts: [1_000, 2_500],
    publishedOn: "2020-01-01",
  };
  await db.insert(campaigns).values({ ...FIXTURE_NO_GIFTS_CAMPAIGN, ...fixtureArticle });
  const [goalReached] = await db
    .insert(campaigns)
    .values({ ...FIXTURE_GOAL_REACHED_CAMPAIGN, ...fixtureArticle })
    .returning();
  await db.insert(donations).values(
    FIXTURE_GOAL_REACHED_GIFTS.map((gift, index) => ({
      donorId: donorRows[gift.donor]!.id,
      campaignId: goalReached!.id,
      kind: "one_off" as const,
      amount: gift.amount,
      anonymous: gift.anonymous,
      currency: "USD",
      stripePaymentIntentId: `pi_e2e_goal_reached_${index}`,
      paidAt: new Date(gift.paidAt),
    })),
  );
  await rebuildLedger(db); // the gifts above were written directly, not through the webhooks
  await prepareSubscriberFixtures(db);
  await open.close();
  console.info(`[e2e] prepared ${dataDir}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
