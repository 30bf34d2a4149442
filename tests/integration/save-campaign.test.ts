import { eq } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { campaigns } from "@/db/schema";
import { seedDatabase } from "@/db/seed/seed-database";
import { GENERAL_FUND_SLUG } from "@/lib/campaigns/general-fund";
import { campaignToFormValues, parseCampaignForm, EMPTY_CAMPAIGN_FORM, type CampaignFormValues, type CampaignInput } from "@/lib/campaigns/campaign-form";
import { saveCampaign } from "@/lib/campaigns/save-campaign";
import { findPublicCampaign, listActiveCampaigns } from "@/lib/campaigns/campaign-queries";
import { describeEachDatabase } from "../support/test-database";
import { insertDonor, insertGift } from "../support/gift-rows";

function input(values: Partial<CampaignFormValues>): CampaignInput {
  const parsed = parseCampaignForm({ ...EMPTY_CAMPAIGN_FORM, title: "Emergency shelter", summary: "Beds and blankets.", goal: "1000", ...values });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.input;
}

describeEachDatabase("saving campaigns", (db) => {
  beforeAll(async () => {
    await seedDatabase(db());
  });

  it("creates a campaign that public pages list once it is active", async () => {
    const created = await saveCampaign(db(), input({ status: "draft" }));
    expect(created).toMatchObject({ ok: true, slug: "emergency-shelter" });
    if (!created.ok) return;
    expect(await findPublicCampaign(db(), "emergency-shelter")).toBeNull();
    expect(await saveCampaign(db(), input({ status: "active" }), created.id)).toMatchObject({ ok: true, id: created.id });
    expect((await listActiveCampaigns(db())).map((c) => c.slug)).toContain("emergency-shelter");
  });

  it("keeps a campaign's impact lines and default frequency, and public pages and the admin read them back", async () => {
    const created = await saveCampaign(
      db(),
      input({
        title: "Radio nights",
        status: "active",
        presetAmounts: "25, 50",
        presetImpacts: "50: a month of radio broadcasts",
        defaultFrequency: "monthly",
      }),
    );
    if (!created.ok) throw new Error("not saved");
    expect(await findPublicCampaign(db(), "radio-nights")).toMatchObject({
      presetImpacts: [{ amount: 5_000, text: "a month of radio broadcasts" }],
      defaultFrequency: "monthly",
    });
    const [row] = await db().select().from(campaigns).where(eq(campaigns.id, created.id));
    expect(campaignToFormValues(row!)).toMatchObject({ presetImpacts: "50.00: a month of radio broadcasts", defaultFrequency: "monthly" });
    // Cleared again: no lines, back to one-off.
    await saveCampaign(
      db(),
      input({ title: "Radio nights", status: "active", presetAmounts: "25, 50", presetImpacts: "", defaultFrequency: "once" }),
      created.id,
    );
    expect(await findPublicCampaign(db(), "radio-nights")).toMatchObject({ presetImpacts: [], defaultFrequency: "once" });
  });

  it("starts seeded campaigns one-off, with the founding radio campaign's impact lines", async () => {
    expect(await findPublicCampaign(db(), "foreign-media-in-north-korea")).toMatchObject({
      defaultFrequency: "once",
      presetImpacts: expect.arrayContaining([{ amount: 5_000, text: "a month of radio broadcasts" }]),
    });
  });

  it("refuses a web address another campaign uses, naming it", async () => {
    const result = await saveCampaign(db(), input({ title: "Another", slug: "foreign-media-in-north-korea" }));
    expect(result).toEqual({
      ok: false,
      errors: { slug: "Another campaign (“Foreign Media in North Korea - How Kpop is Challenging the Regime”) already uses this web address. Choose another." },
    });
    expect((await db().select().from(campaigns).where(eq(campaigns.title, "Another"))).length).toBe(0);
  });

  it("keeps exactly one featured campaign", async () => {
    const created = await saveCampaign(db(), input({ title: "Featured now", featured: true }));
    if (!created.ok) throw new Error("not saved");
    const featured = await db().select({ slug: campaigns.slug }).from(campaigns).where(eq(campaigns.featured, true));
    expect(featured).toEqual([{ slug: "featured-now" }]);
  });

  it("refuses to change the currency once the campaign has gifts", async () => {
    const created = await saveCampaign(db(), input({ title: "Currency test" }));
    if (!created.ok) throw new Error("not saved");
    expect(await saveCampaign(db(), input({ title: "Currency test", currency: "EUR" }), created.id)).toMatchObject({ ok: true });
    const donor = await insertDonor(db(), "giver@example.org");
    await insertGift(db(), { donorId: donor, campaignId: created.id, amount: 1_000, currency: "EUR", paidAt: new Date() });
    expect(await saveCampaign(db(), input({ title: "Currency test", currency: "USD" }), created.id)).toEqual({
      ok: false,
      errors: { currency: "This campaign already has gifts in EUR, so its currency cannot change." },
    });
  });

  it("closes a campaign: still public, totals kept, no longer listed as active", async () => {
    const created = await saveCampaign(db(), input({ title: "Closing soon", status: "active" }));
    if (!created.ok) throw new Error("not saved");
    const donor = await insertDonor(db(), "closer@example.org");
    await insertGift(db(), { donorId: donor, campaignId: created.id, amount: 4_200, currency: "USD", paidAt: new Date() });
    expect(await saveCampaign(db(), input({ title: "Closing soon", status: "closed" }), created.id)).toMatchObject({ ok: true });
    const page = await findPublicCampaign(db(), "closing-soon");
    expect(page).toMatchObject({ status: "closed", raisedAmount: 4_200, donorCount: 1 });
    expect((await listActiveCampaigns(db())).map((c) => c.slug)).not.toContain("closing-soon");
  });

  it("keeps the general fund's address and status", async () => {
    const [fund] = await db().select().from(campaigns).where(eq(campaigns.slug, GENERAL_FUND_SLUG));
    const base = { title: fund!.title, summary: fund!.summary, goal: "", status: "active" };
    expect(await saveCampaign(db(), input({ ...base, slug: "elsewhere" }), fund!.id)).toMatchObject({
      ok: false,
      errors: { slug: expect.stringMatching(/cannot change/) },
    });
    expect(await saveCampaign(db(), input({ ...base, slug: GENERAL_FUND_SLUG, status: "closed" }), fund!.id)).toMatchObject({
      ok: false,
      errors: { status: expect.any(String) },
    });
    expect(await saveCampaign(db(), input({ ...base, slug: GENERAL_FUND_SLUG, presetAmounts: "10, 20" }), fund!.id)).toMatchObject({ ok: true });
  });

  it("answers a missing campaign with a message, not an insert", async () => {
    expect(await saveCampaign(db(), input({ title: "Ghost" }), "00000000-0000-4000-8000-000000000000")).toEqual({
      ok: false,
      errors: { form: "This campaign no longer exists." },
    });
  });

  it("lets the unique index settle a race between two creators", async () => {
    const results = await Promise.all([saveCampaign(db(), input({ title: "Race" })), saveCampaign(db(), input({ title: "Race" }))]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ errors: { slug: expect.stringMatching(/already uses this web address/) } });
  });
});
