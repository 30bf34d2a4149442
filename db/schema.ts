/**
 * The whole data model in one file. Money is always an integer amount in the currency's
 * minor unit (cents; yen for JPY) beside an ISO 4217 currency code. Every Stripe id is unique.
 * Migrations in db/migrations are generated from this file by drizzle-kit (`npm run db:generate`).
 */
import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  bigint,
  boolean,
  check,
  customType,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
const updatedAt = () =>
  timestamp("updated_at", { withTimezone: true })
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date());

// ─── Campaigns ──────────────────────────────────────────────────────────────

export const campaignStatus = pgEnum("campaign_status", ["draft", "active", "closed"]);
export const campaignKind = pgEnum("campaign_kind", ["campaign", "general_fund"]);
/** How often a gift repeats, as the donation panel offers it. */
export const giftFrequency = pgEnum("gift_frequency", ["once", "monthly", "yearly"]);
/** One suggested amount's impact line (campaigns.preset_impacts). */
export interface PresetImpact {
  amount: number;
  text: string;
}
/** One extra question on a campaign's donation form (campaigns.questions; at most three). */
export interface CampaignQuestion {
  /** Stable within the campaign (`q1`…`q3`): the key its answer travels under in Stripe metadata. */
  key: string;
  label: string;
  kind: "text" | "choice";
  /** The list to choose from, for `choice`. */
  options: string[];
  required: boolean;
}
/** A donor's answer to one question, as recorded with the gift (the label as it was asked). */
export interface GiftAnswer {
  key: string;
  label: string;
  answer: string;
}

export const campaigns = pgTable(
  "campaigns",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    slug: text("slug").notNull().unique(),
    /** `general_fund` is the one row that takes gifts not tied to a campaign (/donate). */
    kind: campaignKind("kind").notNull().default("campaign"),
    title: text("title").notNull(),
    summary: text("summary").notNull(),
    bodyMarkdown: text("body_markdown").notNull().default(""),
    /** Null for the general fund, which has no target. */
    goalAmount: integer("goal_amount"),
    currency: text("currency").notNull().default("USD"),
    status: campaignStatus("status").notNull().default("draft"),
    featured: boolean("featured").notNull().default(false),
    /** Suggested amounts in minor units, shown as buttons on the donation panel. */
    presetAmounts: integer("preset_amounts")
      .array()
      .notNull()
      .default(sql`'{}'::integer[]`),
    /** A short line of what a suggested amount does ("a month of radio broadcasts"), per amount in minor units; shown under the amounts. */
    presetImpacts: jsonb("preset_impacts").$type<PresetImpact[]>().notNull().default([]),
    /** Which frequency the donation panel starts on: a campaign built on monthly support can start on "Monthly". */
    defaultFrequency: giftFrequency("default_frequency").notNull().default("once"),
    /** Which frequencies the donation panel offers (an admin setting); always includes the default. */
    frequencies: giftFrequency("frequencies")
      .array()
      .notNull()
      .default(sql`'{once,monthly}'::gift_frequency[]`),
    publishedOn: date("published_on", { mode: "string" }),
    /** Where and when the article first appeared, when it was published elsewhere first (shown on the page). */
    sourceName: text("source_name"),
    sourceUrl: text("source_url"),
    sourcePublishedOn: date("source_published_on", { mode: "string" }),
    startsAt: timestamp("starts_at", { withTimezone: true }),
    endsAt: timestamp("ends_at", { withTimezone: true }),
    /** An uploaded image (lib/images) shown at the top of the page, on cards and in link previews. */
    coverImageId: uuid("cover_image_id").references((): AnyPgColumn => images.id, { onDelete: "set null" }),
    /** Up to three extra questions on the donation form; answers are kept on each gift. */
    questions: jsonb("questions").$type<CampaignQuestion[]>().notNull().default([]),
    /** Ask the donor for a postal address (for tax receipts that need one); printed on the receipt. */
    askPostalAddress: boolean("ask_postal_address").notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("campaigns_status_idx").on(t.status),
    check("campaigns_goal_positive", sql`${t.goalAmount} is null or ${t.goalAmount} > 0`),
    check("campaigns_currency_iso", sql`${t.currency} ~ '^[A-Z]{3}$'`),
    check("campaigns_frequencies_offer_default", sql`${t.defaultFrequency} = any(${t.frequencies})`),
  ],
);

/**
 * Web addresses a campaign had before it was renamed: /campaigns/<slug> answers a permanent
 * redirect to the campaign's current address (lib/campaigns/campaign-slugs.ts). A slug is in
 * at most one place, here or in campaigns.slug: another campaign can take an old address only
 * after an admin removes its redirect; the campaign itself takes it back by renaming to it.
 * Pointing at the campaign, not at the next slug, makes a chain A → B → C answer C at once.
 */
export const campaignSlugRedirects = pgTable(
  "campaign_slug_redirects",
  {
    slug: text("slug").primaryKey(),
    campaignId: uuid("campaign_id")
      .notNull()
      .references(() => campaigns.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [index("campaign_slug_redirects_campaign_idx").on(t.campaignId)],
);

/**
 * Web origins allowed to embed Lantern's giving widgets (lib/embed): `https://example.org`,
 * scheme, host and port only. A row without a campaign allows every campaign; a campaign's own
 * rows add to those. Embed routes send them as CSP `frame-ancestors` (proxy.ts).
 */
export const embedOrigins = pgTable(
  "embed_origins",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Null: every campaign of the installation. */
    campaignId: uuid("campaign_id").references(() => campaigns.id, { onDelete: "cascade" }),
    origin: text("origin").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    // Two partial indexes rather than NULLS NOT DISTINCT, which PostgreSQL 14 lacks.
    uniqueIndex("embed_origins_installation_idx")
      .on(t.origin)
      .where(sql`${t.campaignId} is null`),
    uniqueIndex("embed_origins_campaign_idx")
      .on(t.campaignId, t.origin)
      .where(sql`${t.campaignId} is not null`),
  ],
);

/** Which embedded widget a gift came through (lib/embed/embed-kinds.ts). */
export const embedKind = pgEnum("embed_kind", ["button", "form", "progress"]);

// ─── Donors and gifts ───────────────────────────────────────────────────────

export const donors = pgTable(
  "donors",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /**
     * Stored lower-cased so one person is one donor. Null only for a donor of a gift received
     * offline whose address staff did not have (lib/donations/offline-gifts.ts): each such gift
     * gets a donor of its own, who is never emailed.
     */
    email: text("email").unique(),
    name: text("name"),
    stripeCustomerId: text("stripe_customer_id").unique(),
    /**
     * The donor's part of the ledger (lib/ledger/apply-ledger-change.ts, in the gift's own
     * transaction; checked by `npm run ledger:verify`): how many of their gifts count (not voided,
     * not fully refunded, no dispute lost) and when the first and last of those were paid. Null
     * dates: no gift counts. The admin's donor list sorts and filters on them.
     */
    keptGifts: integer("kept_gifts").notNull().default(0),
    firstGiftAt: timestamp("first_gift_at", { withTimezone: true }),
    lastGiftAt: timestamp("last_gift_at", { withTimezone: true }),
    /**
     * When the donor's personal data was erased (lib/privacy/erase-donor.ts): email is then a
     * tombstone (`erased-<id>@erased.invalid`), name null; the gifts keep their financial facts.
     */
    erasedAt: timestamp("erased_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // The admin's search for part of an email or name (ILIKE '%…%'): trigrams, so it reads the
    // index instead of lower-casing every donor (pg_trgm, created by the migration).
    index("donors_search_trgm_idx").using("gin", sql`${t.email} gin_trgm_ops`, sql`${t.name} gin_trgm_ops`),
    // The donor list's two date orders, keyset-paged (lib/reports/donor-list.ts): donors with no
    // counted gift sort after everyone else, so the keys are never null.
    index("donors_last_gift_idx").on(sql`coalesce(${t.lastGiftAt}, '-infinity'::timestamptz)`, t.id),
    index("donors_first_gift_idx").on(sql`coalesce(${t.firstGiftAt}, 'infinity'::timestamptz)`, t.id),
  ],
);

/**
 * Internal notes staff write about a donor (the admin's donor page): never shown to the donor,
 * never edited; each says who wrote it and when.
 */
export const donorNotes = pgTable(
  "donor_notes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    donorId: uuid("donor_id")
      .notNull()
      .references(() => donors.id, { onDelete: "cascade" }),
    /** users.id of the staff member; null once that account is gone. */
    authorId: text("author_id").references((): AnyPgColumn => users.id, { onDelete: "set null" }),
    /** The author's address as it was when they wrote it, so the note still says who wrote it. */
    authorEmail: text("author_email").notNull(),
    body: text("body").notNull(),
    /** The form's own key (a uuid made when it rendered), so a form sent twice adds one note. */
    entryKey: uuid("entry_key").notNull().unique(),
    createdAt: createdAt(),
  },
  (t) => [index("donor_notes_donor_idx").on(t.donorId, t.createdAt), check("donor_notes_body_present", sql`length(trim(${t.body})) > 0`)],
);

/**
 * Every Stripe customer of an erased donor (one-off gifts each make a customer). A webhook about
 * one of them arriving after the erasure (a redelivery, a bank debit settling late) carries the
 * email Stripe kept on the checkout session or invoice: found here, it is recorded against the
 * erased donor without it (lib/privacy/erased-payers.ts). `detached_at`: when Stripe accepted the
 * customer's personal fields being unset; null until then, and erasing again retries it.
 */
export const erasedStripeCustomers = pgTable(
  "erased_stripe_customers",
  {
    stripeCustomerId: text("stripe_customer_id").primaryKey(),
    donorId: uuid("donor_id")
      .notNull()
      .references(() => donors.id),
    erasedAt: timestamp("erased_at", { withTimezone: true }).notNull().defaultNow(),
    detachedAt: timestamp("detached_at", { withTimezone: true }),
  },
  (t) => [index("erased_stripe_customers_donor_idx").on(t.donorId)],
);

/**
 * "Email me a link" on /donate/manage: single-use links to a donor's giving page. Only the
 * SHA-256 of each random token is stored; the token itself exists only in the email.
 */
export const donorManageLinks = pgTable(
  "donor_manage_links",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    donorId: uuid("donor_id")
      .notNull()
      .references(() => donors.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull().unique(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    /** Set when the link was opened; it never opens again. */
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index("donor_manage_links_donor_idx").on(t.donorId)],
);

/**
 * A sponsor's matching offer on a campaign: while it runs (starts_at ≤ paid < ends_at), each gift
 * in the campaign's currency draws `ratio` × its amount from what is left of the cap. `used_amount`
 * is the sum of the gifts' matched_amount, kept in the gifts' transactions (row-locked).
 */
export const campaignMatches = pgTable(
  "campaign_matches",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    campaignId: uuid("campaign_id")
      .notNull()
      .references(() => campaigns.id, { onDelete: "cascade" }),
    sponsorName: text("sponsor_name").notNull(),
    /** 1 for 1:1 (a gift of 10 adds 10), 2 for 2:1. */
    ratio: smallint("ratio").notNull(),
    capAmount: integer("cap_amount").notNull(),
    currency: text("currency").notNull(),
    usedAmount: integer("used_amount").notNull().default(0),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index("campaign_matches_campaign_idx").on(t.campaignId, t.startsAt),
    check("campaign_matches_ratio", sql`${t.ratio} in (1, 2)`),
    check("campaign_matches_cap_positive", sql`${t.capAmount} > 0`),
    check("campaign_matches_used_within_cap", sql`${t.usedAmount} >= 0 and ${t.usedAmount} <= ${t.capAmount}`),
    check("campaign_matches_window", sql`${t.endsAt} > ${t.startsAt}`),
  ],
);

export const donationKind = pgEnum("donation_kind", ["one_off", "recurring"]);
export const dedicationKind = pgEnum("dedication_kind", ["in_honour", "in_memory"]);
/**
 * How a gift was paid: through Stripe by `card` (cards, Apple Pay, Google Pay) or by bank debit
 * (`us_bank_account`: ACH; `sepa_debit`), the rest for gifts staff record by hand
 * (lib/donations/offline-gifts.ts). The checks below name the offline methods, not Stripe's: a
 * value added to an enum cannot be used in the transaction that adds it.
 */
export const giftMethod = pgEnum("gift_method", ["card", "cheque", "bank_transfer", "cash", "daf", "other", "us_bank_account", "sepa_debit"]);

/** The methods staff record by hand, as SQL for the checks. */
const OFFLINE_METHODS_SQL = sql.raw(`'cheque', 'bank_transfer', 'cash', 'daf', 'other'`);

export const recurringGifts = pgTable(
  "recurring_gifts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    donorId: uuid("donor_id")
      .notNull()
      .references(() => donors.id),
    campaignId: uuid("campaign_id")
      .notNull()
      .references(() => campaigns.id),
    stripeSubscriptionId: text("stripe_subscription_id").notNull().unique(),
    /** Amount charged each interval (month or year), fee cover included. */
    amount: integer("amount").notNull(),
    /** Stripe's price `recurring.interval`: "month" or "year" (Lantern offers no other). */
    interval: text("interval").notNull().default("month"),
    /** Stripe's `pause_collection.resumes_at` while payments are paused (behavior void); null when not paused. */
    pausedUntil: timestamp("paused_until", { withTimezone: true }),
    feeCoveredAmount: integer("fee_covered_amount").notNull().default(0),
    currency: text("currency").notNull(),
    /** Stripe's subscription status: active, past_due, canceled, incomplete, … */
    status: text("status").notNull(),
    cancelAtPeriodEnd: boolean("cancel_at_period_end").notNull().default(false),
    /** Stripe's `cancel_at`: when a scheduled end takes effect (set for period-end cancellations too). */
    cancelAt: timestamp("cancel_at", { withTimezone: true }),
    currentPeriodEnd: timestamp("current_period_end", { withTimezone: true }),
    /** Stripe's `canceled_at`: when the cancellation was asked for (before the end, for a period-end cancellation). */
    canceledAt: timestamp("canceled_at", { withTimezone: true }),
    /** Stripe's `ended_at`: when the gift actually stopped; churn is counted by this date. */
    endedAt: timestamp("ended_at", { withTimezone: true }),
    anonymous: boolean("anonymous").notNull().default(false),
    dedicationKind: dedicationKind("dedication_kind"),
    dedicationName: text("dedication_name"),
    /** Unix time of the Stripe object the row was last updated from; older payloads are ignored. */
    stripeUpdatedAt: integer("stripe_updated_at").notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("recurring_gifts_campaign_status_idx").on(t.campaignId, t.status),
    index("recurring_gifts_donor_idx").on(t.donorId),
    // The dashboard's churn: gifts that ended in a date range, with what they charged a month.
    index("recurring_gifts_churn_idx").on(t.currency, t.endedAt, t.amount, t.campaignId),
    // The dashboard's ending gifts: the few with a scheduled end, not yet ended.
    index("recurring_gifts_ending_idx")
      .on(t.currency, t.campaignId, t.amount)
      .where(sql`${t.status} not in ('canceled', 'incomplete_expired') and (${t.cancelAtPeriodEnd} or ${t.cancelAt} is not null)`),
    check("recurring_gifts_amount_positive", sql`${t.amount} > 0`),
    check("recurring_gifts_interval_known", sql`${t.interval} in ('month', 'year')`),
  ],
);

/**
 * One row per successful payment. Payments through Stripe are written only by the Stripe webhook
 * handlers; gifts received offline (cheque, bank transfer…) only by an admin through
 * lib/donations/offline-gifts.ts, which keeps the same ledger and receipt sequence.
 */
export const donations = pgTable(
  "donations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    donorId: uuid("donor_id")
      .notNull()
      .references(() => donors.id),
    campaignId: uuid("campaign_id")
      .notNull()
      .references(() => campaigns.id),
    kind: donationKind("kind").notNull(),
    recurringGiftId: uuid("recurring_gift_id").references(() => recurringGifts.id),
    /** Total charged, fee cover included, in minor units. */
    amount: integer("amount").notNull(),
    /** The part of `amount` the donor added to cover card fees. */
    feeCoveredAmount: integer("fee_covered_amount").notNull().default(0),
    currency: text("currency").notNull(),
    refundedAmount: integer("refunded_amount").notNull().default(0),
    /**
     * Stripe's fee for the payment itself, from its balance transaction (read in the webhook that
     * records the gift), in the gift's minor units. Null: not known (offline gifts, gifts recorded
     * before fees were, a payment whose balance transaction Stripe had not made yet).
     */
    processingFeeAmount: integer("processing_fee_amount"),
    /** The payment's balance transaction at Stripe (txn_…), what `npm run ledger:verify` checks the fee against. */
    stripeBalanceTransactionId: text("stripe_balance_transaction_id"),
    /**
     * The payment as it reached the Stripe balance, exactly as its balance transaction reports it:
     * the account's settlement currency (upper case), the amount and Stripe's fee in its minor
     * units (net = amount − fee), and `exchange_rate` when Stripe converted the gift's currency
     * (null: no conversion). Null currency: not recorded (see processingFeeAmount).
     */
    settlementCurrency: text("settlement_currency"),
    settlementAmount: integer("settlement_amount"),
    settlementFeeAmount: integer("settlement_fee_amount"),
    exchangeRate: doublePrecision("exchange_rate"),
    /**
     * Every Stripe fee this gift has cost: the payment's, its refunds' and its disputes' (the
     * dispute fee), kept in the same transactions as they are (lib/donations/gift-fees.ts). The
     * organisation received amount − refunded − lost to disputes − fee_amount ("net after fees").
     */
    feeAmount: integer("fee_amount").notNull().default(0),
    /** Stripe dispute status when the payment was disputed (needs_response, won, lost, …). */
    disputeStatus: text("dispute_status"),
    anonymous: boolean("anonymous").notNull().default(false),
    dedicationKind: dedicationKind("dedication_kind"),
    dedicationName: text("dedication_name"),
    stripeCheckoutSessionId: text("stripe_checkout_session_id").unique(),
    stripePaymentIntentId: text("stripe_payment_intent_id").unique(),
    stripeChargeId: text("stripe_charge_id").unique(),
    stripeInvoiceId: text("stripe_invoice_id").unique(),
    /** When the payment succeeded at Stripe. */
    paidAt: timestamp("paid_at", { withTimezone: true }).notNull(),
    /**
     * The receipt number, shown as `2026-000042`: the UTC year of `paidAt` and the gift's place in
     * that year's sequence (receipt_counters), set by lib/donations/record-gift.ts in the gift's
     * own transaction. Null only on rows written outside the webhooks (test fixtures).
     */
    receiptYear: smallint("receipt_year"),
    receiptSequence: integer("receipt_sequence"),
    /** Given through a widget on another site: that site's origin and the widget (null: on Lantern itself). */
    embedOrigin: text("embed_origin"),
    embedKind: embedKind("embed_kind"),
    /**
     * The sponsor's match this gift drew on, and how much of it the gift holds now: taken in the
     * gift's own transaction, lowered (and given back to the match) by refunds and lost disputes.
     */
    matchId: uuid("match_id").references((): AnyPgColumn => campaignMatches.id),
    matchedAmount: integer("matched_amount").notNull().default(0),
    /** Answers to the campaign's extra questions, and the postal address when it was asked for. */
    answers: jsonb("answers").$type<GiftAnswer[]>().notNull().default([]),
    postalAddress: text("postal_address"),
    method: giftMethod("method").notNull().default("card"),
    /** Offline gifts: the admin who entered it (users.id); null for Stripe payments. */
    recordedBy: text("recorded_by").references((): AnyPgColumn => users.id),
    /** Offline gifts: the cheque number, transfer reference… as staff typed it. */
    offlineReference: text("offline_reference"),
    /** Offline gifts: the entry form's own key (a uuid made when the form rendered), so a form sent twice records one gift. */
    offlineEntryKey: uuid("offline_entry_key").unique(),
    /** Offline gifts: the last correction, and who made it. */
    correctedAt: timestamp("corrected_at", { withTimezone: true }),
    correctedBy: text("corrected_by").references((): AnyPgColumn => users.id),
    /** Offline gifts: voided (entered by mistake, cheque bounced). A void gift counts in no total and keeps its receipt number, marked void. */
    voidedAt: timestamp("voided_at", { withTimezone: true }),
    voidedBy: text("voided_by").references((): AnyPgColumn => users.id),
    voidReason: text("void_reason"),
    createdAt: createdAt(),
  },
  (t) => [
    check(
      "donations_offline_recorded",
      sql`(${t.method} in (${OFFLINE_METHODS_SQL})) = (${t.recordedBy} is not null) and (${t.method} in (${OFFLINE_METHODS_SQL})) = (${t.offlineEntryKey} is not null)`,
    ),
    check(
      "donations_void_offline_only",
      sql`(${t.voidedAt} is null) = (${t.voidedBy} is null) and (${t.voidedAt} is null or ${t.method} in (${OFFLINE_METHODS_SQL}))`,
    ),
    uniqueIndex("donations_receipt_number_idx").on(t.receiptYear, t.receiptSequence),
    check(
      "donations_receipt_number_whole",
      sql`(${t.receiptYear} is null) = (${t.receiptSequence} is null) and (${t.receiptSequence} is null or ${t.receiptSequence} > 0)`,
    ),
    index("donations_campaign_paid_at_idx").on(t.campaignId, t.paidAt),
    index("donations_paid_at_idx").on(t.paidAt),
    index("donations_donor_idx").on(t.donorId),
    index("donations_recurring_gift_idx").on(t.recurringGiftId),
    // The admin dashboard's figures read only these columns: with them all in the index,
    // PostgreSQL answers from the index alone, already ordered for the grouping and the
    // distinct-donor counts (bench/dashboard.ts: 1.2 s → 0.65 s over 1,000,000 gifts).
    index("donations_totals_idx").on(t.currency, t.campaignId, t.donorId, t.amount, t.refundedAmount, t.kind),
    // The dashboard's chart: one currency's gifts over a date range, from the index alone (91 → 14 ms).
    index("donations_trend_idx").on(t.currency, t.paidAt, t.amount, t.refundedAmount, t.campaignId),
    check("donations_amount_positive", sql`${t.amount} > 0`),
    check("donations_fee_within_amount", sql`${t.feeCoveredAmount} >= 0 and ${t.feeCoveredAmount} < ${t.amount}`),
    check("donations_fees_not_negative", sql`${t.feeAmount} >= 0 and (${t.processingFeeAmount} is null or ${t.processingFeeAmount} >= 0)`),
    check("donations_refund_within_amount", sql`${t.refundedAmount} >= 0 and ${t.refundedAmount} <= ${t.amount}`),
    check("donations_embed_whole", sql`(${t.embedOrigin} is null) = (${t.embedKind} is null)`),
    check("donations_matched_with_match", sql`${t.matchedAmount} >= 0 and (${t.matchedAmount} = 0 or ${t.matchId} is not null)`),
    // The dashboard's "fee not recorded" counts: only the Stripe gifts whose fee was never read.
    index("donations_fee_not_recorded_idx")
      .on(t.campaignId, t.currency)
      .where(sql`${t.processingFeeAmount} is null and ${t.method} not in (${OFFLINE_METHODS_SQL}) and ${t.voidedAt} is null`),
    index("donations_match_idx")
      .on(t.matchId)
      .where(sql`${t.matchId} is not null`),
    index("donations_embed_origin_idx")
      .on(t.embedOrigin)
      .where(sql`${t.embedOrigin} is not null`),
  ],
);

/**
 * The last receipt number given out in each year. Incremented, row-locked, in the transaction
 * that records the gift, so numbers run 1, 2, 3… with no gaps (a rolled-back gift rolls its
 * number back too) and no duplicates.
 */
export const receiptCounters = pgTable(
  "receipt_counters",
  {
    year: smallint("year").primaryKey(),
    lastNumber: integer("last_number").notNull(),
  },
  (t) => [check("receipt_counters_last_number_positive", sql`${t.lastNumber} > 0`)],
);

/**
 * Refunds of a gift, one row per Stripe refund, as Stripe last described them. The gift's
 * refunded_amount is the sum of the rows still standing (not failed or canceled), capped at
 * the gift (lib/donations/gift-refunds.ts): a refund the bank could not pay out stops counting.
 * Rows with no Stripe id stand for refunds recorded before this table (migration 0011) and are
 * replaced by the real ones the next time Stripe's list of the charge's refunds is read.
 */
export const giftRefunds = pgTable(
  "gift_refunds",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    stripeRefundId: text("stripe_refund_id").unique(),
    donationId: uuid("donation_id")
      .notNull()
      .references(() => donations.id),
    /** In the gift's minor units. */
    amount: integer("amount").notNull(),
    currency: text("currency").notNull(),
    /** Stripe's status: pending, requires_action, succeeded, failed, canceled. Failed and canceled are final. */
    status: text("status").notNull(),
    /** Stripe's failure_reason when the refund failed (lost_or_stolen_card, expired_or_canceled_card, …). */
    failureReason: text("failure_reason"),
    /** Stripe's fees on the refund's balance transactions (the refund's and, once failed, its failure's); Stripe charges none today. */
    feeAmount: integer("fee_amount").notNull().default(0),
    /** Those balance transactions as Stripe reports them: settlement currency, summed amount (negative: money out) and fee. Null: none yet. */
    settlementCurrency: text("settlement_currency"),
    settlementAmount: integer("settlement_amount"),
    settlementFeeAmount: integer("settlement_fee_amount"),
    /** When Stripe created the refund. */
    refundedAt: timestamp("refunded_at", { withTimezone: true }).notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("gift_refunds_donation_idx").on(t.donationId), check("gift_refunds_amount_positive", sql`${t.amount} > 0`)],
);

/**
 * Disputes (chargebacks) as Stripe last described them, one row per Stripe dispute. Written only
 * by the dispute webhook handler. Kept apart from the gift so a dispute that arrives before its
 * gift's own event still applies when the gift is recorded (lib/donations/payment-disputes.ts).
 */
export const paymentDisputes = pgTable(
  "payment_disputes",
  {
    stripeDisputeId: text("stripe_dispute_id").primaryKey(),
    stripeChargeId: text("stripe_charge_id").notNull(),
    stripePaymentIntentId: text("stripe_payment_intent_id"),
    /** Disputed amount in minor units (may be the whole charge even after a partial refund). */
    amount: integer("amount").notNull(),
    currency: text("currency").notNull(),
    /** Stripe's reason: fraudulent, product_not_received, … */
    reason: text("reason").notNull(),
    /** needs_response, under_review, won, lost, warning_* … */
    status: text("status").notNull(),
    /**
     * Stripe's fees on the dispute's balance transactions, in the gift's currency: the dispute fee
     * withdrawn with the amount (not returned when won) and, when evidence was submitted, the
     * dispute countered fee (returned when won).
     */
    feeAmount: integer("fee_amount").notNull().default(0),
    /** Those balance transactions as Stripe reports them: settlement currency, summed amount (withdrawn − reinstated) and summed fee. */
    settlementCurrency: text("settlement_currency"),
    settlementAmount: integer("settlement_amount"),
    settlementFeeAmount: integer("settlement_fee_amount"),
    /** evidence_details.due_by: the last moment to respond. */
    evidenceDueBy: timestamp("evidence_due_by", { withTimezone: true }),
    /** When Stripe opened the dispute. */
    openedAt: timestamp("opened_at", { withTimezone: true }).notNull(),
    /** Unix time of the Stripe read the row was last updated from; older reads are ignored. */
    stripeUpdatedAt: integer("stripe_updated_at").notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("payment_disputes_charge_idx").on(t.stripeChargeId), index("payment_disputes_payment_intent_idx").on(t.stripePaymentIntentId)],
);

/**
 * Gifts in flight: gifts paid by bank debit (ACH, SEPA) that Stripe has not settled yet, one-off
 * (keyed by the Checkout Session) or a monthly gift's instalment (keyed by its invoice, the first
 * and every renewal). Not a donation: nothing here counts in any total, the ledger or a
 * campaign's progress. The row is written when the debit starts processing (or when the outcome
 * arrives first), and settled by the webhook that records the gift (`succeeded`, in the gift's
 * own transaction) or by the failure's webhook (`failed`, never counted). lib/donations/gifts-in-flight.ts.
 */
export const giftsInFlight = pgTable(
  "gifts_in_flight",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    stripeCheckoutSessionId: text("stripe_checkout_session_id").unique("gifts_in_flight_checkout_session_unique"),
    stripeInvoiceId: text("stripe_invoice_id").unique("gifts_in_flight_invoice_unique"),
    stripePaymentIntentId: text("stripe_payment_intent_id"),
    campaignId: uuid("campaign_id")
      .notNull()
      .references(() => campaigns.id),
    email: text("email").notNull(),
    name: text("name"),
    /** Total debited, fee cover included, in minor units. */
    amount: integer("amount").notNull(),
    currency: text("currency").notNull(),
    /** Stripe's payment method type: us_bank_account or sepa_debit. */
    paymentMethod: text("payment_method").notNull(),
    /** processing → succeeded | failed; the last two are final. */
    status: text("status").notNull(),
    createdAt: createdAt(),
    settledAt: timestamp("settled_at", { withTimezone: true }),
  },
  (t) => [
    check("gifts_in_flight_status", sql`${t.status} in ('processing', 'succeeded', 'failed') and (${t.status} = 'processing') = (${t.settledAt} is null)`),
    check("gifts_in_flight_amount_positive", sql`${t.amount} > 0`),
    check("gifts_in_flight_one_key", sql`(${t.stripeCheckoutSessionId} is null) <> (${t.stripeInvoiceId} is null)`),
    index("gifts_in_flight_processing_idx")
      .on(t.currency)
      .where(sql`${t.status} = 'processing'`),
  ],
);

/** Stripe event ids already handled; written in the same transaction as the work they caused. */
export const processedStripeEvents = pgTable("processed_stripe_events", {
  eventId: text("event_id").primaryKey(),
  type: text("type").notNull(),
  processedAt: timestamp("processed_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Signed events about an object Stripe says does not exist (deleted, or from another account or
 * mode): acknowledged so Stripe stops retrying, and listed here for the reconcile report.
 */
export const unresolvableStripeEvents = pgTable("unresolvable_stripe_events", {
  eventId: text("event_id").primaryKey(),
  type: text("type").notNull(),
  objectId: text("object_id"),
  reason: text("reason").notNull(),
  recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
});

// ─── Ledger: gift totals kept in the gift's own transaction (lib/ledger) ───
//
// Written only beside the gift rows they summarise (lib/ledger/apply-ledger-change.ts), read by
// every public figure and the dashboard, checked against the gift rows by `npm run ledger:verify`.
// Counter rows are striped: each PostgreSQL connection adds into its own stripe
// (pg_backend_pid() % LEDGER_STRIPES), so concurrent webhooks for one campaign do not queue on
// one row; readers sum the stripes.

const counter = (name: string) => bigint(name, { mode: "number" }).notNull().default(0);

/** Per campaign and currency: money and gift counts (net = gross − refunded − lost to disputes). */
export const ledgerCampaignTotals = pgTable(
  "ledger_campaign_totals",
  {
    campaignId: uuid("campaign_id")
      .notNull()
      .references(() => campaigns.id),
    currency: text("currency").notNull(),
    stripe: smallint("stripe").notNull(),
    grossAmount: counter("gross_amount"),
    refundedAmount: counter("refunded_amount"),
    disputeLostAmount: counter("dispute_lost_amount"),
    netAmount: counter("net_amount"),
    /** Stripe's fees on these gifts (payments, refunds, disputes): net after fees = net_amount − fee_amount. */
    feeAmount: counter("fee_amount"),
    /** Gifts with something left after refunds and lost disputes. */
    giftCount: counter("gift_count"),
    oneOffAmount: counter("one_off_amount"),
    oneOffCount: counter("one_off_count"),
    monthlyAmount: counter("monthly_amount"),
    monthlyCount: counter("monthly_count"),
    /** Transitions of ledger_campaign_donors.kept_gifts between 0 and more. */
    donorCount: counter("donor_count"),
    /** Transitions of ledger_campaign_donors.active_monthly_gifts between 0 and more. */
    activeMonthlyDonors: counter("active_monthly_donors"),
    /** Sum of the monthly amounts of active monthly gifts. */
    monthlyRecurringRevenue: counter("monthly_recurring_revenue"),
    /** Active yearly gifts and the sum of their yearly amounts ("recurring per month" adds a twelfth of it). */
    activeYearlyGifts: counter("active_yearly_gifts"),
    yearlyRecurringAmount: counter("yearly_recurring_amount"),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.currency, t.stripe] })],
);

/** Per currency, all campaigns together: the figures that cannot be summed from campaigns (distinct donors). */
export const ledgerCurrencyTotals = pgTable(
  "ledger_currency_totals",
  {
    currency: text("currency").notNull(),
    stripe: smallint("stripe").notNull(),
    donorCount: counter("donor_count"),
    activeMonthlyDonors: counter("active_monthly_donors"),
  },
  (t) => [primaryKey({ columns: [t.currency, t.stripe] })],
);

/** One row per campaign × currency × donor: how many of the donor's gifts count, how many monthly gifts are active. */
export const ledgerCampaignDonors = pgTable(
  "ledger_campaign_donors",
  {
    campaignId: uuid("campaign_id")
      .notNull()
      .references(() => campaigns.id),
    currency: text("currency").notNull(),
    donorId: uuid("donor_id")
      .notNull()
      .references(() => donors.id),
    keptGifts: integer("kept_gifts").notNull().default(0),
    activeMonthlyGifts: integer("active_monthly_gifts").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.currency, t.donorId] })],
);

/** One row per currency × donor, across campaigns (a donor to two campaigns is one donor overall). */
export const ledgerCurrencyDonors = pgTable(
  "ledger_currency_donors",
  {
    currency: text("currency").notNull(),
    donorId: uuid("donor_id")
      .notNull()
      .references(() => donors.id),
    keptGifts: integer("kept_gifts").notNull().default(0),
    activeMonthlyGifts: integer("active_monthly_gifts").notNull().default(0),
    /** The donor's lifetime giving in this currency, net of refunds and lost disputes (never summed across currencies). */
    netAmount: counter("net_amount"),
  },
  (t) => [
    primaryKey({ columns: [t.currency, t.donorId] }),
    // The donor list sorted by lifetime giving in one currency, keyset-paged (lib/reports/donor-list.ts).
    index("ledger_currency_donors_net_idx").on(t.currency, t.netAmount, t.donorId),
    // One donor's giving in every currency (the donor page, each row of the donor list).
    index("ledger_currency_donors_donor_idx").on(t.donorId),
  ],
);

/** Per campaign, currency and UTC day the gift was paid: the dashboard's trend chart. */
export const ledgerDailyTotals = pgTable(
  "ledger_daily_totals",
  {
    campaignId: uuid("campaign_id")
      .notNull()
      .references(() => campaigns.id),
    currency: text("currency").notNull(),
    day: date("day", { mode: "string" }).notNull(),
    stripe: smallint("stripe").notNull(),
    giftCount: counter("gift_count"),
    netAmount: counter("net_amount"),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.currency, t.day, t.stripe] }), index("ledger_daily_totals_currency_day_idx").on(t.currency, t.day)],
);

// ─── Newsletter subscribers ─────────────────────────────────────────────────

export const subscriberStatus = pgEnum("subscriber_status", ["pending", "confirmed", "unsubscribed"]);

/**
 * One row per email address that ever asked for updates (double opt-in). The address is stored
 * trimmed with its domain lower-cased; uniqueness ignores case entirely, so nobody is subscribed
 * twice. Sign-up → pending; the emailed link → confirmed; unsubscribing → unsubscribed; signing up
 * again → pending again (and a new confirmation). See lib/subscribers/.
 */
export const subscribers = pgTable(
  "subscribers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Normalised: trimmed, domain lower-cased (lib/subscribers/email-address.ts). */
    email: text("email").notNull(),
    firstName: text("first_name"),
    status: subscriberStatus("status").notNull().default("pending"),
    /** Where the latest sign-up happened: "home", "footer", "campaign:<slug>", … */
    source: text("source").notNull(),
    /** The consent statement shown beside the form at the latest sign-up, word for word. */
    consentText: text("consent_text").notNull(),
    consentedAt: timestamp("consented_at", { withTimezone: true }).notNull(),
    /** When the latest confirmation email was queued; throttles re-sends. */
    confirmationSentAt: timestamp("confirmation_sent_at", { withTimezone: true }),
    /** When the address was last confirmed (kept as history after unsubscribing). */
    confirmedAt: timestamp("confirmed_at", { withTimezone: true }),
    /** When the address last unsubscribed (kept as history after signing up again). */
    unsubscribedAt: timestamp("unsubscribed_at", { withTimezone: true }),
    /**
     * The state last pushed to the Resend audience ("confirmed" or "unsubscribed"); null when
     * never pushed. Rows whose status differs are synced again (lib/subscribers/audience-sync.ts).
     */
    audienceSyncedStatus: subscriberStatus("audience_synced_status"),
    /** When a push to the audience was last tried, successful or not (failures go to the back of the queue). */
    audienceSyncAttemptedAt: timestamp("audience_sync_attempted_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("subscribers_email_lower_key").on(sql`lower(${t.email})`),
    index("subscribers_status_idx").on(t.status),
    index("subscribers_source_idx").on(t.source),
  ],
);

/**
 * Confirmation links sent to a subscriber. Only the SHA-256 of each random token is stored; the
 * token itself exists only in the email. Every link stays valid until it expires or one of them
 * is used, so an older email still works after a re-send.
 */
export const subscriberConfirmations = pgTable(
  "subscriber_confirmations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    subscriberId: uuid("subscriber_id")
      .notNull()
      .references(() => subscribers.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull().unique(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    /** Set when this link, or a sibling link, confirmed the subscription, or when it was withdrawn. */
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index("subscriber_confirmations_subscriber_idx").on(t.subscriberId)],
);

// ─── Email ──────────────────────────────────────────────────────────────────

/**
 * pending → sending (claimed by a worker) → sent; a failure goes back to pending with a later
 * `next_attempt_at` until `attempts` reaches the limit, then `failed` (shown in the admin with a
 * retry button). `skipped`: not sent because the reader unsubscribed after it was queued.
 */
export const emailStatus = pgEnum("email_status", ["pending", "sending", "sent", "failed", "skipped"]);

/** Transactional emails (receipts, sign-in, confirmations) leave before bulk ones (updates). */
export const emailPriority = pgEnum("email_priority", ["transactional", "bulk"]);

/**
 * The email outbox and sent log: one row per idempotency key (e.g. `receipt:<invoice id>`),
 * queued in the same transaction as the work that caused it and delivered after commit, so
 * an email is neither lost when delivery fails nor sent twice when a webhook is redelivered.
 */
export const sentEmails = pgTable(
  "sent_emails",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    idempotencyKey: text("idempotency_key").notNull().unique(),
    /** A key of the template registry in emails/registry.ts. */
    template: text("template").notNull(),
    toAddress: text("to_address").notNull(),
    props: jsonb("props").$type<Record<string, unknown>>().notNull(),
    /** Extra headers, e.g. List-Unsubscribe for update emails. */
    headers: jsonb("headers").$type<Record<string, string>>().notNull().default({}),
    status: emailStatus("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    claimedAt: timestamp("claimed_at", { withTimezone: true }),
    subject: text("subject"),
    /** "resend" or "dev_mailbox". */
    transport: text("transport"),
    providerMessageId: text("provider_message_id"),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    createdAt: createdAt(),
    priority: emailPriority("priority").notNull().default("transactional"),
    /** A worker claims the row only from this time on (exponential backoff after a failure). */
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    /** For update emails: which update and which reader (status is re-checked at delivery). */
    updateId: uuid("update_id").references(() => updates.id, { onDelete: "set null" }),
    subscriberId: uuid("subscriber_id").references(() => subscribers.id, { onDelete: "set null" }),
    /**
     * Bulk emails leave in provider batches; the batch a row was first sent in is kept, so a retry
     * re-sends the same batch under the same idempotency key (the provider drops the repeat).
     */
    batchKey: text("batch_key"),
  },
  (t) => [
    index("sent_emails_to_idx").on(t.toAddress),
    index("sent_emails_status_idx").on(t.status),
    index("sent_emails_due_idx")
      .on(t.priority, t.nextAttemptAt)
      .where(sql`${t.status} = 'pending'`),
    index("sent_emails_update_idx").on(t.updateId, t.status),
    index("sent_emails_batch_idx")
      .on(t.batchKey)
      .where(sql`${t.batchKey} is not null`),
    index("sent_emails_retry_idx")
      .on(t.nextAttemptAt)
      .where(sql`${t.status} = 'pending' and ${t.batchKey} is not null`),
  ],
);

/** Test-mode stand-in for an inbox: what would have gone out through Resend. */
export const devMailboxMessages = pgTable(
  "dev_mailbox_messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    fromAddress: text("from_address").notNull(),
    toAddress: text("to_address").notNull(),
    subject: text("subject").notNull(),
    html: text("html").notNull(),
    text: text("text").notNull(),
    headers: jsonb("headers").$type<Record<string, string>>().notNull().default({}),
    /** The outbox key it was sent under: a second send with the same key is dropped, as Resend does. */
    idempotencyKey: text("idempotency_key").unique(),
    createdAt: createdAt(),
  },
  (t) => [index("dev_mailbox_to_idx").on(t.toAddress, t.createdAt)],
);

// ─── Updates (written by admins, shown on the site, emailed once) ────────────

export const updateStatus = pgEnum("update_status", ["draft", "published"]);
/** Who a published update was emailed to: readers who signed up on its campaign, or everyone confirmed. */
export const updateAudience = pgEnum("update_audience", ["campaign", "all"]);

/**
 * News for readers: about one campaign (`campaign_id`) or the organisation as a whole (null).
 * Drafts are private; publishing shows it on the site and queues one email per recipient in the
 * same transaction (lib/updates/publish-update.ts). Edits after publishing change the site only.
 */
export const updates = pgTable(
  "updates",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    campaignId: uuid("campaign_id").references(() => campaigns.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    bodyMarkdown: text("body_markdown").notNull(),
    status: updateStatus("status").notNull().default("draft"),
    /** Set once, when published; null means it was never emailed. */
    audience: updateAudience("audience"),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    /** How many emails publishing queued. */
    recipientCount: integer("recipient_count").notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("updates_published_idx").on(t.status, t.publishedAt), index("updates_campaign_idx").on(t.campaignId, t.publishedAt)],
);

// ─── Images ─────────────────────────────────────────────────────────────────

/** Raw bytes: PGlite hands back a Uint8Array, node-postgres a Buffer; both become a Buffer. */
const bytea = customType<{ data: Buffer; driverData: Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => Buffer.from(value),
});

/**
 * Images staff uploaded for a campaign (its cover, pictures in its article) or an update. The
 * upload is checked and resized once (lib/images/process-image.ts); the variants it made never
 * change, so their addresses (/images/<id>/<width>.<format>) are cached for good. Their bytes sit
 * in the image store (image_variants below for the embedded default).
 */
export const images = pgTable(
  "images",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    campaignId: uuid("campaign_id").references((): AnyPgColumn => campaigns.id, { onDelete: "cascade" }),
    updateId: uuid("update_id").references(() => updates.id, { onDelete: "cascade" }),
    altText: text("alt_text").notNull(),
    /** Of the widest variant, after turning it upright. */
    width: integer("width").notNull(),
    height: integer("height").notNull(),
    /** Widths made, ascending; each in every format of `formats`. */
    widths: integer("widths").array().notNull(),
    /** e.g. {webp,jpeg}: the modern format first, the fallback (jpeg, or png for transparency) last. */
    formats: text("formats").array().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index("images_campaign_idx").on(t.campaignId, t.createdAt),
    index("images_update_idx").on(t.updateId, t.createdAt),
    check("images_alt_text_present", sql`length(trim(${t.altText})) > 0`),
  ],
);

/** The database image store's bytes: one row per width and format. */
export const imageVariants = pgTable(
  "image_variants",
  {
    imageId: uuid("image_id")
      .notNull()
      .references(() => images.id, { onDelete: "cascade" }),
    width: integer("width").notNull(),
    format: text("format").notNull(),
    bytes: bytea("bytes").notNull(),
  },
  (t) => [primaryKey({ columns: [t.imageId, t.width, t.format] })],
);

// ─── Rate limiting (shared across app instances) ────────────────────────────

/** Rate-limit counters, shaped as rate-limiter-flexible's RateLimiterDrizzle expects. */
export const rateLimits = pgTable("rate_limits", {
  key: text("key").primaryKey(),
  points: integer("points").notNull(),
  expire: timestamp("expire", { withTimezone: true }),
});

// ─── Auth.js (next-auth) tables, shaped as @auth/drizzle-adapter expects ────

/** What a member of staff may do in the admin (lib/auth/admin-roles.ts says what each allows). */
export const STAFF_ROLES = ["owner", "finance", "editor", "viewer"] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const users = pgTable(
  "users",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    name: text("name"),
    email: text("email").unique(),
    emailVerified: timestamp("emailVerified", { mode: "date", withTimezone: true }),
    image: text("image"),
    /** Given by an owner; null: no admin access. Addresses in ADMIN_EMAILS are owners regardless. */
    role: text("role", { enum: STAFF_ROLES }),
  },
  (t) => [check("users_role_known", sql`${t.role} is null or ${t.role} in ('owner', 'finance', 'editor', 'viewer')`)],
);

export const accounts = pgTable(
  "accounts",
  {
    userId: text("userId")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    type: text("type").notNull(),
    provider: text("provider").notNull(),
    providerAccountId: text("providerAccountId").notNull(),
    refresh_token: text("refresh_token"),
    access_token: text("access_token"),
    expires_at: integer("expires_at"),
    token_type: text("token_type"),
    scope: text("scope"),
    id_token: text("id_token"),
    session_state: text("session_state"),
  },
  (t) => [primaryKey({ columns: [t.provider, t.providerAccountId] })],
);

export const sessions = pgTable("sessions", {
  sessionToken: text("sessionToken").primaryKey(),
  userId: text("userId")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  expires: timestamp("expires", { mode: "date", withTimezone: true }).notNull(),
});

export const verificationTokens = pgTable(
  "verificationTokens",
  {
    identifier: text("identifier").notNull(),
    token: text("token").notNull(),
    expires: timestamp("expires", { mode: "date", withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.identifier, t.token] })],
);

// ─── Audit log ───────────────────────────────────────────────────────────────

/** What changed, as stored: only fields that say nothing about a donor and hold no secret. */
export type AuditChanges = { before?: Record<string, unknown>; after?: Record<string, unknown> };

/**
 * One row per admin change (lib/audit). Append-only: a trigger refuses UPDATE and DELETE, so
 * rows hold no donor's personal data (erasure never needs to touch them). The acting staff
 * member's id and address are copied as they were, not referenced, so no cascade rewrites a row.
 */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull().defaultNow(),
    /** "staff" (signed in to the admin), "donor" (from their own giving page: no address kept) or "system". */
    actorType: text("actor_type", { enum: ["staff", "donor", "system"] }).notNull(),
    actorUserId: text("actor_user_id"),
    actorEmail: text("actor_email"),
    /** A key of AUDIT_KINDS (lib/audit/audit-kinds.ts), e.g. "campaign.update". */
    kind: text("kind").notNull(),
    objectType: text("object_type").notNull(),
    objectId: text("object_id"),
    /** How the Activity page names the object (a campaign's title, a receipt number, a staff address); never a donor's data. */
    objectLabel: text("object_label"),
    changes: jsonb("changes").$type<AuditChanges>().notNull().default({}),
  },
  (t) => [
    // Newest first is id order (the Activity page's cursor); each filter has its own index.
    index("audit_events_occurred_idx").on(t.occurredAt),
    index("audit_events_actor_idx").on(t.actorEmail, t.id.desc()),
    index("audit_events_kind_idx").on(t.kind, t.id.desc()),
    index("audit_events_object_idx").on(t.objectType, t.objectId, t.id.desc()),
    check("audit_events_actor_known", sql`${t.actorType} in ('staff', 'donor', 'system')`),
  ],
);

// ─── Inferred row types ─────────────────────────────────────────────────────

export type Campaign = typeof campaigns.$inferSelect;
export type NewCampaign = typeof campaigns.$inferInsert;
export type CampaignSlugRedirect = typeof campaignSlugRedirects.$inferSelect;
export type Donor = typeof donors.$inferSelect;
export type DonorNote = typeof donorNotes.$inferSelect;
export type Donation = typeof donations.$inferSelect;
export type NewDonation = typeof donations.$inferInsert;
export type RecurringGift = typeof recurringGifts.$inferSelect;
export type Subscriber = typeof subscribers.$inferSelect;
export type SubscriberConfirmation = typeof subscriberConfirmations.$inferSelect;
export type SentEmail = typeof sentEmails.$inferSelect;
export type Update = typeof updates.$inferSelect;
export type DevMailboxMessage = typeof devMailboxMessages.$inferSelect;
export type User = typeof users.$inferSelect;
export type AuditEvent = typeof auditEvents.$inferSelect;
export type Image = typeof images.$inferSelect;
