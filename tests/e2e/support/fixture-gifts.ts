/**
 * Gifts written straight into the database before the e2e server starts, on a campaign of
 * their own so flows that add real gifts elsewhere never change these figures.
 */
export const FIXTURE_CAMPAIGN = {
  slug: "e2e-fixture-figures",
  title: "Fixture campaign for figure checks",
  summary: "A campaign the end-to-end tests create to check that pages show what the database holds.",
  goalAmount: 100_000, // $1,000
  currency: "USD",
};

export const FIXTURE_DONORS = [
  { email: "ann@example.org", name: "Ann" },
  { email: "ben@example.org", name: "Ben" },
  { email: "cat@example.org", name: "Cat" },
] as const;

/** amount and refundedAmount in cents; donor is an index into FIXTURE_DONORS. */
export const FIXTURE_GIFTS = [
  { donor: 0, amount: 10_000, refundedAmount: 0 },
  { donor: 1, amount: 2_500, refundedAmount: 0 },
  { donor: 1, amount: 4_000, refundedAmount: 4_000 },
  { donor: 2, amount: 6_000, refundedAmount: 6_000 },
  { donor: 0, amount: 5_050, refundedAmount: 1_000 },
] as const;

// What the pages must show: net of refunds, and only donors with a gift not fully refunded.
export const FIXTURE_EXPECTED = { raised: "$165.50", goal: "$1,000", donors: "2 donors", percent: 16 };

/** A campaign nobody has given to: it invites the first gift instead of showing "0 donors". Its form starts on Monthly. */
export const FIXTURE_NO_GIFTS_CAMPAIGN = {
  slug: "e2e-no-gifts-yet",
  title: "Fixture campaign with no gifts yet",
  summary: "A campaign the end-to-end tests create with no gifts.",
  goalAmount: 100_000,
  currency: "USD",
  defaultFrequency: "monthly" as const,
};

/** A campaign past its goal, with one named and one anonymous gift (donor: index into FIXTURE_DONORS). */
export const FIXTURE_GOAL_REACHED_CAMPAIGN = {
  slug: "e2e-goal-reached",
  title: "Fixture campaign past its goal",
  summary: "A campaign the end-to-end tests create with more raised than its goal.",
  goalAmount: 10_000, // $100
  currency: "USD",
};
export const FIXTURE_GOAL_REACHED_GIFTS = [
  { donor: 0, amount: 12_000, anonymous: false, paidAt: "2024-02-01T12:00:00Z" },
  { donor: 1, amount: 3_000, anonymous: true, paidAt: "2024-02-03T12:00:00Z" },
] as const;
