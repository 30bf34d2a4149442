import "server-only";
import { eq, or, sql } from "drizzle-orm";
import Stripe from "stripe";
import { campaigns, donations, subscribers } from "@/db/schema";
import type { Database } from "@/db/database";
import { formatMoney } from "@/lib/money/money";
import { decodeGiftMetadata } from "./gift-metadata";
import { idOf } from "./webhooks/stripe-objects";
import { invoicePaymentIntentId } from "./webhooks/instalment-in-flight";
import { dedicationText } from "@/lib/donations/gift-wording";
import { findPublicCampaign, type CampaignFigures } from "@/lib/campaigns/campaign-queries";
import { emailIdentity } from "@/lib/identity/email-identity";
import { isOriginAllowed } from "@/lib/embed/allowed-origins";
import { allowedOriginsForCampaign } from "@/lib/embed/embed-origins";

/** What the thank-you page shows; read from Stripe and the database, never written. */
export interface ThankYou {
  /**
   * confirmed: the webhook recorded the gift; confirming: paid at Stripe, not recorded yet;
   * on-its-way: a bank debit Stripe has not settled (days); failed: that bank debit did not go
   * through; incomplete: checkout not finished.
   */
  status: "confirmed" | "confirming" | "on-its-way" | "failed" | "incomplete";
  frequency: "once" | "monthly" | "yearly";
  /** Formatted amount charged, e.g. "$26.06". */
  amount: string;
  donorName: string | null;
  email: string | null;
  campaign: {
    title: string;
    href: string;
    /** The campaign's slug (the general fund's too): where a monthly gift would go. */
    slug: string | null;
    /** Its figures now, for a campaign page's campaign (not the general fund). */
    figures: Pick<CampaignFigures, "raisedAmount" | "goalAmount" | "currency" | "donorCount" | "status"> | null;
  };
  dedication: string | null;
  /** The gift as the form took it, so "give this monthly" can offer the same. */
  gift: { amount: number; coverFee: boolean; anonymous: boolean; currency: string };
  /**
   * Whether the donor's address gets updates: confirmed, pending (asked, not confirmed yet; this
   * gift's tick included) or none (never asked, or unsubscribed).
   */
  updates: "confirmed" | "pending" | "none";
  /** Given through a widget on another site still allowed to embed the campaign: the way back to its page. */
  returnTo: { url: string; host: string } | null;
}

export const CHECKOUT_SESSION_ID = /^cs_(test|live)_[A-Za-z0-9]{1,250}$/;

/** The gift behind a Checkout Session, or null when the session is unknown or not a Lantern gift. */
export async function loadThankYou(db: Database, stripe: Stripe, sessionId: string): Promise<ThankYou | null> {
  if (!CHECKOUT_SESSION_ID.test(sessionId)) return null;
  let session: Stripe.Checkout.Session;
  try {
    session = await stripe.checkout.sessions.retrieve(sessionId, { expand: ["payment_intent"] });
  } catch (error) {
    if (error instanceof Stripe.errors.StripeInvalidRequestError && error.statusCode === 404) return null;
    throw error;
  }
  const gift = decodeGiftMetadata(session.metadata);
  if (!gift || session.amount_total === null || !session.currency) return null;

  const [campaign] = await db
    .select({ title: campaigns.title, slug: campaigns.slug, kind: campaigns.kind, status: campaigns.status, frequencies: campaigns.frequencies })
    .from(campaigns)
    .where(eq(campaigns.id, gift.campaignId));
  const publicCampaign = campaign?.kind === "campaign" ? await findPublicCampaign(db, { id: gift.campaignId }) : null;
  const invoiceId = idOf(session.invoice);
  const [recorded] = await db
    .select({ id: donations.id })
    .from(donations)
    .where(
      invoiceId
        ? or(eq(donations.stripeCheckoutSessionId, session.id), eq(donations.stripeInvoiceId, invoiceId))
        : eq(donations.stripeCheckoutSessionId, session.id),
    )
    .limit(1);

  const paid = session.status === "complete" && session.payment_status === "paid";
  // A bank debit completes Checkout unpaid: its PaymentIntent (a monthly gift's: its first invoice's) says whether it is still on its way or failed.
  const intentStatus =
    session.mode === "subscription"
      ? await firstInstalmentStatus(stripe, session)
      : typeof session.payment_intent === "object"
        ? session.payment_intent?.status
        : undefined;
  const debit = session.status === "complete" && session.payment_status === "unpaid" ? intentStatus : undefined;
  const email = session.customer_details?.email ?? null;
  const subscriber = email
    ? (
        await db
          .select({ status: subscribers.status })
          .from(subscribers)
          .where(sql`lower(${subscribers.email}) = ${emailIdentity(email)}`)
          .limit(1)
      )[0]
    : undefined;
  const updates = subscriber?.status === "confirmed" ? "confirmed" : subscriber?.status === "pending" || gift.wantsUpdates ? "pending" : "none";
  return {
    status: recorded
      ? "confirmed"
      : paid
        ? "confirming"
        : debit === "processing"
          ? "on-its-way"
          : debit === "requires_payment_method"
            ? "failed"
            : "incomplete",
    frequency: gift.frequency,
    amount: formatMoney(session.amount_total, session.currency.toUpperCase(), { showCents: true }),
    donorName: session.customer_details?.name ?? null,
    email,
    campaign: campaign
      ? {
          title: campaign.kind === "general_fund" ? "the general fund" : campaign.title,
          href: campaign.kind === "general_fund" ? "/donate" : `/campaigns/${campaign.slug}`,
          // "Make it monthly?" only where the campaign still offers monthly giving.
          slug: campaign.status === "active" && campaign.frequencies.includes("monthly") ? campaign.slug : null,
          figures: publicCampaign,
        }
      : { title: "the general fund", href: "/donate", slug: null, figures: null },
    dedication: dedicationText(gift.dedication),
    gift: { amount: gift.giftAmount, coverFee: gift.feeCoveredAmount > 0, anonymous: gift.anonymous, currency: session.currency.toUpperCase() },
    updates,
    returnTo: gift.embed ? await embeddingPage(db, gift.campaignId, gift.embed.origin, gift.embedPage ?? null) : null,
  };
}

/** The status of the PaymentIntent paying a monthly gift's first invoice, while Checkout says it is unpaid. */
async function firstInstalmentStatus(stripe: Stripe, session: Stripe.Checkout.Session): Promise<Stripe.PaymentIntent.Status | undefined> {
  const invoiceId = idOf(session.invoice);
  if (session.status !== "complete" || session.payment_status !== "unpaid" || !invoiceId) return undefined;
  const invoice = await stripe.invoices.retrieve(invoiceId, { expand: ["payments"] });
  const paymentIntentId = invoicePaymentIntentId(invoice);
  return paymentIntentId ? (await stripe.paymentIntents.retrieve(paymentIntentId)).status : undefined;
}

/** The page a gift was given on (or its site's home), when that site may still embed the campaign. */
async function embeddingPage(db: Database, campaignId: string, origin: string, page: string | null): Promise<{ url: string; host: string } | null> {
  if (!isOriginAllowed(origin, await allowedOriginsForCampaign(db, campaignId))) return null;
  let url: URL;
  try {
    url = new URL(page ?? `${origin}/`);
  } catch {
    return null;
  }
  if (url.origin !== origin) return null;
  return { url: url.toString(), host: url.host };
}
