import { describe, expect, it } from "vitest";
import {
  campaignFormValuesFrom,
  campaignToFormValues,
  EMPTY_CAMPAIGN_FORM,
  parseCampaignForm,
  slugify,
  type CampaignFormValues,
} from "@/lib/campaigns/campaign-form";

const valid: CampaignFormValues = {
  ...EMPTY_CAMPAIGN_FORM,
  title: "Winter food aid",
  slug: "",
  summary: "Rice and fuel for families through the winter.",
  bodyMarkdown: "## Why\r\nBecause winters are long.",
  currency: "usd",
  goal: "50,000",
  presetAmounts: "$25, 50, 100.50, 50",
  publishedOn: "2026-01-15",
  startsOn: "2026-01-15",
  endsOn: "2026-03-31",
  status: "active",
  featured: true,
};

function errorsOf(values: Partial<CampaignFormValues>) {
  const result = parseCampaignForm({ ...valid, ...values });
  if (result.ok) throw new Error("expected errors");
  return result.errors;
}

describe("campaign form", () => {
  it("turns valid input into a typed campaign: minor units, sorted unique presets, UTC days", () => {
    const result = parseCampaignForm(valid);
    expect(result).toEqual({
      ok: true,
      input: {
        title: "Winter food aid",
        slug: "winter-food-aid",
        summary: "Rice and fuel for families through the winter.",
        bodyMarkdown: "## Why\nBecause winters are long.",
        currency: "USD",
        goalAmount: 5_000_000,
        presetAmounts: [2_500, 5_000, 10_050],
        presetImpacts: [],
        defaultFrequency: "once",
        frequencies: ["once", "monthly"],
        publishedOn: "2026-01-15",
        sourceName: null,
        sourceUrl: null,
        sourcePublishedOn: null,
        startsAt: new Date("2026-01-15T00:00:00.000Z"),
        endsAt: new Date("2026-03-31T23:59:59.999Z"),
        status: "active",
        featured: true,
      },
    });
  });

  it("reads zero-decimal currencies in whole units and refuses decimals there", () => {
    const result = parseCampaignForm({ ...valid, currency: "JPY", goal: "1000000", presetAmounts: "1000, 3000" });
    expect(result.ok && result.input.goalAmount).toBe(1_000_000);
    expect(result.ok && result.input.presetAmounts).toEqual([1_000, 3_000]);
    expect(errorsOf({ currency: "JPY", goal: "1000.50" }).goal).toBe("Enter an amount in JPY such as 50000 (whole numbers only).");
  });

  it("explains each invalid field", () => {
    expect(errorsOf({ title: "  " }).title).toBe("Enter a title.");
    expect(errorsOf({ summary: "" }).summary).toMatch(/^Enter a summary/);
    expect(errorsOf({ slug: "Hello World" }).slug).toBe("Use lower-case letters, numbers and single hyphens only, e.g. food-aid-2026.");
    expect(errorsOf({ slug: "a--b" }).slug).toMatch(/single hyphens/);
    expect(errorsOf({ slug: "ab" }).slug).toBe("Use between 3 and 80 characters for the web address.");
    expect(errorsOf({ currency: "XYZ" }).currency).toBe("Enter a three-letter currency code such as USD, EUR or JPY.");
    // A real currency that Stripe does not take: every checkout would fail.
    expect(errorsOf({ currency: "ves" }).currency).toBe("Stripe does not take payments in VES: choose another currency.");
    expect(parseCampaignForm({ ...valid, currency: "KES" }).ok).toBe(true);
    expect(errorsOf({ goal: "lots" }).goal).toBe("Enter an amount in USD such as 50000.");
    expect(errorsOf({ goal: "0" }).goal).toMatch(/more than zero/);
    expect(errorsOf({ goal: "99999999999" }).goal).toBe("That goal is too large.");
    expect(errorsOf({ presetAmounts: "25, ten" }).presetAmounts).toMatch(/^"ten" is not an amount/);
    expect(errorsOf({ presetAmounts: "1,2,3,4,5,6,7" }).presetAmounts).toBe("Give at most 6 suggested amounts.");
    expect(errorsOf({ presetAmounts: "" }).presetAmounts).toBe("An active campaign needs at least one suggested amount.");
    expect(errorsOf({ publishedOn: "2026-02-30" }).publishedOn).toBe("Enter a date as YYYY-MM-DD, or leave it empty.");
    expect(errorsOf({ startsOn: "2026-04-01", endsOn: "2026-03-01" }).endsOn).toBe("The end date must be on or after the start date.");
    expect(errorsOf({ status: "published" }).status).toBe("Choose draft, active or closed.");
  });

  it("reports every bad field at once", () => {
    expect(Object.keys(errorsOf({ title: "", summary: "", goal: "x", status: "nope" })).sort()).toEqual(["goal", "slug", "status", "summary", "title"]);
  });

  it("allows no goal, no dates and no presets for a draft", () => {
    const result = parseCampaignForm({ ...valid, goal: "", presetAmounts: "", publishedOn: "", startsOn: "", endsOn: "", status: "draft" });
    expect(result.ok && result.input).toMatchObject({ goalAmount: null, presetAmounts: [], publishedOn: null, startsAt: null, endsAt: null });
  });

  it("round-trips a campaign through the form", () => {
    const parsed = parseCampaignForm(valid);
    if (!parsed.ok) throw new Error("invalid");
    const values = campaignToFormValues({ ...parsed.input, presetAmounts: parsed.input.presetAmounts });
    expect(values).toMatchObject({ goal: "50000.00", presetAmounts: "25.00, 50.00, 100.50", startsOn: "2026-01-15", endsOn: "2026-03-31", currency: "USD" });
    expect(parseCampaignForm(values)).toEqual(parsed);
  });

  it("keeps a “first published” line: a name, an http(s) address and a date; an address or date alone is refused", () => {
    const source = { sourceName: " Liberty in North Korea (LiNK) ", sourceUrl: "https://libertyinnorthkorea.org/blog/x", sourcePublishedOn: "2022-04-22" };
    const result = parseCampaignForm({ ...valid, ...source });
    expect(result.ok && result.input).toMatchObject({
      sourceName: "Liberty in North Korea (LiNK)",
      sourceUrl: "https://libertyinnorthkorea.org/blog/x",
      sourcePublishedOn: "2022-04-22",
    });
    if (result.ok)
      expect(campaignToFormValues(result.input)).toMatchObject({
        sourceName: "Liberty in North Korea (LiNK)",
        sourceUrl: "https://libertyinnorthkorea.org/blog/x",
        sourcePublishedOn: "2022-04-22",
      });
    expect(errorsOf({ ...source, sourceUrl: "javascript:alert(1)" }).sourceUrl).toMatch(/https:\/\//);
    expect(errorsOf({ ...source, sourceUrl: "libertyinnorthkorea.org" }).sourceUrl).toMatch(/https:\/\//);
    expect(errorsOf({ ...source, sourcePublishedOn: "22/04/2022" }).sourcePublishedOn).toMatch(/YYYY-MM-DD/);
    expect(errorsOf({ sourceUrl: "https://example.org/a" }).sourceName).toMatch(/who first published/);
    expect(errorsOf({ sourcePublishedOn: "2022-04-22" }).sourceName).toMatch(/who first published/);
  });

  it("reads a posted form, unchecked box as false", () => {
    const form = new FormData();
    form.set("title", "T");
    form.set("featured", "on");
    expect(campaignFormValuesFrom(form)).toMatchObject({ title: "T", featured: true, summary: "" });
    form.delete("featured");
    expect(campaignFormValuesFrom(form).featured).toBe(false);
  });

  it("reads impact lines for suggested amounts, sorted by amount, and round-trips them", () => {
    const result = parseCampaignForm({
      ...valid,
      presetImpacts: "100.50 = a year of news\r\n\n  $25: a USB drive of films  \n50 · a month of radio broadcasts",
    });
    expect(result.ok && result.input.presetImpacts).toEqual([
      { amount: 2_500, text: "a USB drive of films" },
      { amount: 5_000, text: "a month of radio broadcasts" },
      { amount: 10_050, text: "a year of news" },
    ]);
    if (!result.ok) throw new Error("invalid");
    const values = campaignToFormValues(result.input);
    expect(values.presetImpacts).toBe("25.00: a USB drive of films\n50.00: a month of radio broadcasts\n100.50: a year of news");
    expect(parseCampaignForm(values)).toEqual(result);
  });

  it("refuses an impact line that is not for a suggested amount, has no amount or text, repeats an amount or is too long", () => {
    expect(errorsOf({ presetImpacts: "75: a winter coat" }).presetImpacts).toBe(
      "“75” is not one of the suggested amounts: an impact line belongs to a suggested amount.",
    );
    expect(errorsOf({ presetImpacts: "a month of radio" }).presetImpacts).toMatch(/has no amount/);
    expect(errorsOf({ presetImpacts: "50:" }).presetImpacts).toBe("Say what 50 does after the colon, or remove the line.");
    expect(errorsOf({ presetImpacts: "50: radio\n50.00: more radio" }).presetImpacts).toBe("50.00 has two impact lines: keep one.");
    expect(errorsOf({ presetImpacts: `50: ${"x".repeat(61)}` }).presetImpacts).toBe("Keep each impact line to 60 characters or fewer (the one for 50 has 61).");
    expect(errorsOf({ presetImpacts: "1: ".repeat(1000) }).presetImpacts).toBe("Keep the impact lines to 2,000 characters in all.");
    // In yen, whole units only, as the amounts themselves.
    expect(
      parseCampaignForm({ ...valid, currency: "JPY", goal: "1000000", presetAmounts: "1000, 3000", presetImpacts: "3,000: a month of radio" }),
    ).toMatchObject({ ok: true, input: { presetImpacts: [{ amount: 3_000, text: "a month of radio" }] } });
  });

  it("lets a campaign start the donation form on a frequency it offers, and nothing else", () => {
    expect(parseCampaignForm({ ...valid, defaultFrequency: "monthly" })).toMatchObject({ ok: true, input: { defaultFrequency: "monthly" } });
    expect(errorsOf({ defaultFrequency: "weekly" }).defaultFrequency).toBe("Choose “Give once”, “Monthly” or “Yearly” as where the form starts.");
    expect(errorsOf({ defaultFrequency: "" }).defaultFrequency).toMatch(/Give once/);
    // Yearly only where the campaign offers it.
    expect(errorsOf({ defaultFrequency: "yearly" }).frequencies).toBe("Offer “Yearly”, where the form starts, or start the form on a frequency you offer.");
    expect(parseCampaignForm({ ...valid, defaultFrequency: "yearly", frequencies: "yearly,once" })).toMatchObject({
      ok: true,
      input: { defaultFrequency: "yearly", frequencies: ["once", "yearly"] },
    });
    const form = new FormData();
    form.set("defaultFrequency", "monthly");
    form.set("presetImpacts", "50: radio");
    expect(campaignFormValuesFrom(form)).toMatchObject({ defaultFrequency: "monthly", presetImpacts: "50: radio" });
  });

  it("offers at least one known frequency, in panel order", () => {
    expect(errorsOf({ frequencies: "" }).frequencies).toBe("Tick at least one of “Give once”, “Monthly” and “Yearly”.");
    expect(errorsOf({ frequencies: "once,weekly" }).frequencies).toBe("Tick at least one of “Give once”, “Monthly” and “Yearly”.");
    expect(parseCampaignForm({ ...valid, frequencies: "yearly,monthly,once" })).toMatchObject({
      ok: true,
      input: { frequencies: ["once", "monthly", "yearly"] },
    });
    const form = new FormData();
    form.append("frequencies", "once");
    form.append("frequencies", "yearly");
    expect(campaignFormValuesFrom(form).frequencies).toBe("once,yearly");
  });

  it("makes web addresses from titles", () => {
    expect(slugify("Foreign Media in North Korea - How K-pop is Challenging the Regime!")).toBe(
      "foreign-media-in-north-korea-how-k-pop-is-challenging-the-regime",
    );
    expect(slugify("Crème brûlée & co.")).toBe("creme-brulee-co");
  });
});
