import { z } from "zod";
import type { FormErrors } from "@/lib/http/form-errors";
import type { PresetImpact } from "@/db/schema";
import type { GiftFrequency } from "@/lib/donations/gift-types";
import { isKnownCurrency, minorToDecimalString, parseAmountToMinor } from "@/lib/money/money";
import { isStripeCurrency } from "@/lib/payments/stripe-currencies";

/**
 * The campaign editor's form: what staff type (strings, as a form posts them) and the typed
 * campaign it becomes once valid. Validated here, once, at the edge; every message says what
 * to type instead.
 */
export const CAMPAIGN_STATUSES = ["draft", "active", "closed"] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

export interface CampaignFormValues {
  title: string;
  slug: string;
  summary: string;
  bodyMarkdown: string;
  currency: string;
  /** Major units as typed, e.g. "50000" or "50,000.00"; empty for no goal. */
  goal: string;
  /** Comma-separated major-unit amounts, e.g. "25, 50, 100". */
  presetAmounts: string;
  /** One line per suggested amount: "50: a month of radio broadcasts" (optional, any of the amounts). */
  presetImpacts: string;
  /** "once", "monthly" or "yearly": where the donation panel starts. */
  defaultFrequency: string;
  /** The frequencies the panel offers, comma-separated ("once,monthly"): the editor's ticked boxes. */
  frequencies: string;
  /** YYYY-MM-DD or empty. */
  publishedOn: string;
  /** Where the article first appeared, when it was published elsewhere first: name, https address, YYYY-MM-DD. */
  sourceName: string;
  sourceUrl: string;
  sourcePublishedOn: string;
  startsOn: string;
  endsOn: string;
  status: string;
  featured: boolean;
}

export interface CampaignInput {
  title: string;
  slug: string;
  summary: string;
  bodyMarkdown: string;
  currency: string;
  goalAmount: number | null;
  presetAmounts: number[];
  /** In the order of presetAmounts; only amounts that have a line. */
  presetImpacts: PresetImpact[];
  defaultFrequency: GiftFrequency;
  /** Offered on the donation panel, in panel order (once, monthly, yearly); includes defaultFrequency. */
  frequencies: GiftFrequency[];
  publishedOn: string | null;
  sourceName: string | null;
  sourceUrl: string | null;
  sourcePublishedOn: string | null;
  startsAt: Date | null;
  endsAt: Date | null;
  status: CampaignStatus;
  featured: boolean;
}

export type CampaignFormResult = { ok: true; input: CampaignInput } | { ok: false; errors: FormErrors<CampaignFormValues> };

export const EMPTY_CAMPAIGN_FORM: CampaignFormValues = {
  title: "",
  slug: "",
  summary: "",
  bodyMarkdown: "",
  currency: "USD",
  goal: "",
  presetAmounts: "25, 50, 100, 250",
  presetImpacts: "",
  defaultFrequency: "once",
  frequencies: "once,monthly",
  publishedOn: "",
  sourceName: "",
  sourceUrl: "",
  sourcePublishedOn: "",
  startsOn: "",
  endsOn: "",
  status: "draft",
  featured: false,
};

const MAX_MINOR_AMOUNT = 2_147_483_647; // the columns are PostgreSQL integers
const MAX_PRESETS = 6;
/** An impact line sits under the amount buttons on a narrow panel: one short line. */
export const IMPACT_LINE_MAX = 60;
export const GIFT_FREQUENCIES = ["once", "monthly", "yearly"] as const;
const FREQUENCY_NAMES: Record<GiftFrequency, string> = { once: "Give once", monthly: "Monthly", yearly: "Yearly" };
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** "Food aid: winter 2026!" → "food-aid-winter-2026". */
export function slugify(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80)
    .replace(/-+$/, "");
}

const day = z
  .string()
  .trim()
  .refine(
    (value) => value === "" || (/^\d{4}-\d{2}-\d{2}$/.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value)),
    "Enter a date as YYYY-MM-DD, or leave it empty.",
  );

const formSchema = z.object({
  title: z.string().trim().min(1, "Enter a title.").max(200, "Keep the title to 200 characters or fewer."),
  slug: z.string().trim().toLowerCase(),
  summary: z.string().trim().min(1, "Enter a summary: one or two sentences shown on the home page.").max(500, "Keep the summary to 500 characters or fewer."),
  bodyMarkdown: z.string().max(200_000, "The article is too long (200,000 characters at most)."),
  currency: z
    .string()
    .trim()
    .toUpperCase()
    .refine((value) => isKnownCurrency(value), "Enter a three-letter currency code such as USD, EUR or JPY.")
    // Gifts are paid through Stripe: a currency it does not take would make every checkout fail.
    .refine((value) => !isKnownCurrency(value) || isStripeCurrency(value), {
      error: (issue) => `Stripe does not take payments in ${String(issue.input)}: choose another currency.`,
    }),
  goal: z.string().trim(),
  presetAmounts: z.string().trim(),
  publishedOn: day,
  sourceName: z.string().trim().max(200, "Keep the publisher's name to 200 characters or fewer."),
  sourceUrl: z
    .string()
    .trim()
    .max(2_000, "Keep the address to 2,000 characters or fewer.")
    .refine((value) => value === "" || isWebAddress(value), "Enter the full address of the original, starting with https://, or leave it empty."),
  sourcePublishedOn: day,
  startsOn: day,
  endsOn: day,
  status: z.enum(CAMPAIGN_STATUSES, "Choose draft, active or closed."),
  defaultFrequency: z.enum(GIFT_FREQUENCIES, "Choose “Give once”, “Monthly” or “Yearly” as where the form starts."),
  frequencies: z.string().max(100),
  presetImpacts: z.string().max(2_000, "Keep the impact lines to 2,000 characters in all."),
  featured: z.boolean(),
});

function isWebAddress(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "https:" || url.protocol === "http:") && url.hostname.includes(".");
  } catch {
    return false;
  }
}

function amountMessage(currency: string, example: string): string {
  return `Enter an amount in ${currency} such as ${example}${minorToDecimalString(0, currency).includes(".") ? "" : " (whole numbers only)"}.`;
}

/**
 * "50: a month of radio broadcasts", one line per amount: each amount must be one of the
 * suggested amounts (as typed there: "50" or "50.00"), each at most once, each line short.
 * Blank lines are skipped; a separator may be ":", "=", "·", "-" or "–".
 */
export function parsePresetImpacts(
  text: string,
  currency: string,
  presetAmounts: number[],
): { ok: true; lines: PresetImpact[] } | { ok: false; message: string } {
  const lines: PresetImpact[] = [];
  for (const raw of text.replace(/\r\n?/g, "\n").split("\n")) {
    const line = raw.replace(/\s+/g, " ").trim();
    if (!line) continue;
    const match = /^[^\d]*([\d][\d,.]*)\s*[:=·\-–—]\s*(.*)$/.exec(line);
    if (!match)
      return { ok: false, message: `“${line}” has no amount: write each line as an amount, a colon and what it does, e.g. “50: a month of radio broadcasts”.` };
    const amount = parseAmountToMinor(match[1]!.replace(/[.,]$/, ""), currency);
    const impact = match[2]!.trim();
    if (amount === null || !presetAmounts.includes(amount)) {
      return { ok: false, message: `“${match[1]}” is not one of the suggested amounts: an impact line belongs to a suggested amount.` };
    }
    if (!impact) return { ok: false, message: `Say what ${match[1]} does after the colon, or remove the line.` };
    if (impact.length > IMPACT_LINE_MAX)
      return { ok: false, message: `Keep each impact line to ${IMPACT_LINE_MAX} characters or fewer (the one for ${match[1]} has ${impact.length}).` };
    if (lines.some((existing) => existing.amount === amount)) return { ok: false, message: `${match[1]} has two impact lines: keep one.` };
    lines.push({ amount, text: impact });
  }
  return { ok: true, lines };
}

export function parseCampaignForm(values: CampaignFormValues): CampaignFormResult {
  const parsed = formSchema.safeParse(values);
  const errors: FormErrors<CampaignFormValues> = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as keyof CampaignFormValues | undefined;
      if (field && !errors[field]) errors[field] = issue.message;
    }
  }
  const data = parsed.success ? parsed.data : null;

  // Fields whose meaning depends on another (slug on title, amounts on currency).
  const title = values.title.trim();
  const slug = values.slug.trim().toLowerCase() || slugify(title);
  if (!errors.slug) {
    if (!slug) errors.slug = "Enter a web address for the campaign, e.g. food-aid-2026.";
    else if (slug.length < 3 || slug.length > 80) errors.slug = "Use between 3 and 80 characters for the web address.";
    else if (!SLUG_PATTERN.test(slug)) errors.slug = "Use lower-case letters, numbers and single hyphens only, e.g. food-aid-2026.";
  }

  const currency = values.currency.trim().toUpperCase();
  let goalAmount: number | null = null;
  const presetAmounts: number[] = [];
  const presetImpacts: PresetImpact[] = [];
  if (!errors.currency) {
    const goalText = values.goal.trim();
    if (goalText) {
      const goal = parseAmountToMinor(goalText, currency);
      if (goal === null) errors.goal = amountMessage(currency, "50000");
      else if (goal <= 0) errors.goal = "The goal must be more than zero, or leave it empty for no goal.";
      else if (goal > MAX_MINOR_AMOUNT) errors.goal = "That goal is too large.";
      else goalAmount = goal;
    }
    const presetTexts = values.presetAmounts
      .split(/[,;\s]+/)
      .map((text) => text.trim())
      .filter(Boolean);
    for (const text of presetTexts) {
      const amount = parseAmountToMinor(text.replace(/^[^\d]+/, ""), currency);
      if (amount === null || amount <= 0 || amount > MAX_MINOR_AMOUNT) {
        errors.presetAmounts = `"${text}" is not an amount. ${amountMessage(currency, "25, 50, 100")}`;
        break;
      }
      if (!presetAmounts.includes(amount)) presetAmounts.push(amount);
    }
    if (!errors.presetAmounts && presetAmounts.length > MAX_PRESETS) errors.presetAmounts = `Give at most ${MAX_PRESETS} suggested amounts.`;
    if (!errors.presetAmounts && values.status === "active" && presetAmounts.length === 0) {
      errors.presetAmounts = "An active campaign needs at least one suggested amount.";
    }
    if (!errors.presetAmounts && !errors.presetImpacts) {
      const impacts = parsePresetImpacts(values.presetImpacts, currency, presetAmounts);
      if (impacts.ok) presetImpacts.push(...impacts.lines);
      else errors.presetImpacts = impacts.message;
    }
  }

  if (!errors.startsOn && !errors.endsOn && values.startsOn.trim() && values.endsOn.trim() && values.endsOn.trim() < values.startsOn.trim()) {
    errors.endsOn = "The end date must be on or after the start date.";
  }

  // A "first published" line needs at least who published it; an address or date alone says nothing.
  if (!errors.sourceName && !values.sourceName.trim() && (values.sourceUrl.trim() || values.sourcePublishedOn.trim())) {
    errors.sourceName = "Enter who first published the article, or clear its address and date.";
  }

  // What the panel offers: at least one known frequency, the one it starts on among them.
  const ticked = values.frequencies
    .split(",")
    .map((value) => value.trim())
    .filter(Boolean);
  const frequencies = GIFT_FREQUENCIES.filter((frequency) => ticked.includes(frequency));
  if (!errors.frequencies) {
    if (ticked.some((value) => !(GIFT_FREQUENCIES as readonly string[]).includes(value)) || frequencies.length === 0) {
      errors.frequencies = "Tick at least one of “Give once”, “Monthly” and “Yearly”.";
    } else if (data && !frequencies.includes(data.defaultFrequency)) {
      errors.frequencies = `Offer “${FREQUENCY_NAMES[data.defaultFrequency]}”, where the form starts, or start the form on a frequency you offer.`;
    }
  }

  if (!data || Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    input: {
      title: data.title,
      slug,
      summary: data.summary,
      bodyMarkdown: data.bodyMarkdown.replace(/\r\n/g, "\n"),
      currency: data.currency,
      goalAmount,
      presetAmounts: presetAmounts.sort((a, b) => a - b),
      presetImpacts: presetImpacts.sort((a, b) => a.amount - b.amount),
      defaultFrequency: data.defaultFrequency,
      frequencies,
      publishedOn: data.publishedOn || null,
      sourceName: data.sourceName || null,
      sourceUrl: data.sourceUrl || null,
      sourcePublishedOn: data.sourcePublishedOn || null,
      // A campaign runs from the start of its first day to the end of its last day, UTC.
      startsAt: data.startsOn ? new Date(`${data.startsOn}T00:00:00.000Z`) : null,
      endsAt: data.endsOn ? new Date(`${data.endsOn}T23:59:59.999Z`) : null,
      status: data.status,
      featured: data.featured,
    },
  };
}

/** The form as a campaign row fills it in (for editing). */
export function campaignToFormValues(campaign: Omit<CampaignInput, "status"> & { status: string }): CampaignFormValues {
  return {
    title: campaign.title,
    slug: campaign.slug,
    summary: campaign.summary,
    bodyMarkdown: campaign.bodyMarkdown,
    currency: campaign.currency,
    goal: campaign.goalAmount === null ? "" : minorToDecimalString(campaign.goalAmount, campaign.currency),
    presetAmounts: campaign.presetAmounts.map((amount) => minorToDecimalString(amount, campaign.currency)).join(", "),
    presetImpacts: campaign.presetImpacts.map((impact) => `${minorToDecimalString(impact.amount, campaign.currency)}: ${impact.text}`).join("\n"),
    defaultFrequency: campaign.defaultFrequency,
    frequencies: campaign.frequencies.join(","),
    publishedOn: campaign.publishedOn ?? "",
    sourceName: campaign.sourceName ?? "",
    sourceUrl: campaign.sourceUrl ?? "",
    sourcePublishedOn: campaign.sourcePublishedOn ?? "",
    startsOn: campaign.startsAt ? campaign.startsAt.toISOString().slice(0, 10) : "",
    endsOn: campaign.endsAt ? campaign.endsAt.toISOString().slice(0, 10) : "",
    status: campaign.status,
    featured: campaign.featured,
  };
}

/** Reads the editor's fields from a posted form (missing fields read as empty). */
export function campaignFormValuesFrom(formData: FormData): CampaignFormValues {
  const text = (name: keyof CampaignFormValues) => {
    const value = formData.get(name);
    return typeof value === "string" ? value : "";
  };
  return {
    title: text("title"),
    slug: text("slug"),
    summary: text("summary"),
    bodyMarkdown: text("bodyMarkdown"),
    currency: text("currency"),
    goal: text("goal"),
    presetAmounts: text("presetAmounts"),
    presetImpacts: text("presetImpacts"),
    defaultFrequency: text("defaultFrequency"),
    frequencies: formData
      .getAll("frequencies")
      .filter((value): value is string => typeof value === "string")
      .join(","),
    publishedOn: text("publishedOn"),
    sourceName: text("sourceName"),
    sourceUrl: text("sourceUrl"),
    sourcePublishedOn: text("sourcePublishedOn"),
    startsOn: text("startsOn"),
    endsOn: text("endsOn"),
    status: text("status"),
    featured: formData.get("featured") === "on",
  };
}

/** The same rules as one zod schema (values in, CampaignInput out, a message per field), for the admin form action. */
export const campaignFormSchema = z.custom<CampaignFormValues>().transform((values, context) => {
  const result = parseCampaignForm(values);
  if (result.ok) return result.input;
  for (const [field, message] of Object.entries(result.errors)) context.addIssue({ code: "custom", path: [field], message });
  return z.NEVER;
});
