import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { campaignSlugRedirects, campaigns } from "@/db/schema";
import { parseCampaignForm, EMPTY_CAMPAIGN_FORM, type CampaignFormValues, type CampaignInput } from "@/lib/campaigns/campaign-form";
import { findCampaignIdBySlug, findPublicCampaign } from "@/lib/campaigns/campaign-queries";
import { listSlugRedirects, removeSlugRedirect } from "@/lib/campaigns/campaign-slugs";
import { saveCampaign } from "@/lib/campaigns/save-campaign";
import type { Database } from "@/db/database";
import { describeEachDatabase } from "../support/test-database";

function input(values: Partial<CampaignFormValues>): CampaignInput {
  const parsed = parseCampaignForm({
    ...EMPTY_CAMPAIGN_FORM,
    title: "Night school",
    summary: "Lessons after dark.",
    goal: "1000",
    status: "active",
    ...values,
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.input;
}

async function create(db: Database, title: string, slug: string): Promise<string> {
  const saved = await saveCampaign(db, input({ title, slug }));
  if (!saved.ok) throw new Error(JSON.stringify(saved.errors));
  return saved.id;
}

/** What /campaigns/<slug> shows: the current address of the campaign the address names (the page redirects when it differs). */
async function addressLeadsTo(db: Database, slug: string): Promise<string | null> {
  const id = await findCampaignIdBySlug(db, slug);
  if (!id) return null;
  return (await findPublicCampaign(db, { id }))?.slug ?? null;
}

describeEachDatabase("old web addresses of renamed campaigns", (db) => {
  it("keeps every previous address and sends a chain A → B → C straight to C", async () => {
    const id = await create(db(), "Chain", "chain-a");
    expect(await saveCampaign(db(), input({ title: "Chain", slug: "chain-b" }), id)).toMatchObject({ ok: true, slug: "chain-b", previousSlug: "chain-a" });
    expect(await saveCampaign(db(), input({ title: "Chain", slug: "chain-c" }), id)).toMatchObject({ ok: true, slug: "chain-c", previousSlug: "chain-b" });
    expect(await addressLeadsTo(db(), "chain-a")).toBe("chain-c");
    expect(await addressLeadsTo(db(), "chain-b")).toBe("chain-c");
    expect(await addressLeadsTo(db(), "chain-c")).toBe("chain-c");
    expect((await listSlugRedirects(db(), id)).map((r) => r.slug).sort()).toEqual(["chain-a", "chain-b"]);
    // Saving without a rename adds nothing.
    expect(await saveCampaign(db(), input({ title: "Chain, edited", slug: "chain-c" }), id)).toMatchObject({ ok: true });
    expect(await listSlugRedirects(db(), id)).toHaveLength(2);
  });

  it("lets the campaign take an old address back, which then is its address again", async () => {
    const id = await create(db(), "Back", "back-one");
    await saveCampaign(db(), input({ title: "Back", slug: "back-two" }), id);
    expect(await saveCampaign(db(), input({ title: "Back", slug: "back-one" }), id)).toMatchObject({ ok: true, slug: "back-one" });
    expect((await listSlugRedirects(db(), id)).map((r) => r.slug)).toEqual(["back-two"]);
    expect(await addressLeadsTo(db(), "back-one")).toBe("back-one");
    expect(await addressLeadsTo(db(), "back-two")).toBe("back-one");
  });

  it("refuses an old address to another campaign until its redirect is removed", async () => {
    const first = await create(db(), "First owner", "shared-name");
    await saveCampaign(db(), input({ title: "First owner", slug: "first-owner" }), first);
    const refused = await saveCampaign(db(), input({ title: "Newcomer", slug: "shared-name" }));
    expect(refused).toEqual({
      ok: false,
      errors: {
        slug: "This is an old web address of “First owner” and still sends visitors there. Remove it from that campaign’s old addresses first, or choose another.",
      },
    });
    expect(await db().select().from(campaigns).where(eq(campaigns.title, "Newcomer"))).toHaveLength(0);
    const other = await create(db(), "Other", "other-campaign");
    expect(await saveCampaign(db(), input({ title: "Other", slug: "shared-name" }), other)).toMatchObject({
      ok: false,
      errors: { slug: expect.stringMatching(/old web address of “First owner”/) },
    });

    expect(await removeSlugRedirect(db(), other, "shared-name")).toBe(false); // not that campaign's
    expect(await removeSlugRedirect(db(), first, "shared-name")).toBe(true);
    expect(await addressLeadsTo(db(), "shared-name")).toBeNull();
    expect(await saveCampaign(db(), input({ title: "Other", slug: "shared-name" }), other)).toMatchObject({ ok: true, previousSlug: "other-campaign" });
    expect(await addressLeadsTo(db(), "shared-name")).toBe("shared-name");
    expect(await findCampaignIdBySlug(db(), "shared-name")).toBe(other);
  });

  it("never gives one address to two campaigns when a rename and a taking race", async () => {
    for (let round = 0; round < 5; round++) {
      const mover = await create(db(), `Mover ${round}`, `contested-${round}`);
      const taker = await create(db(), `Taker ${round}`, `taker-${round}`);
      await Promise.all([
        saveCampaign(db(), input({ title: `Mover ${round}`, slug: `moved-${round}` }), mover),
        saveCampaign(db(), input({ title: `Taker ${round}`, slug: `contested-${round}` }), taker),
      ]);
      const owners = await db()
        .select({ id: campaigns.id })
        .from(campaigns)
        .where(eq(campaigns.slug, `contested-${round}`));
      const redirects = await db()
        .select()
        .from(campaignSlugRedirects)
        .where(eq(campaignSlugRedirects.slug, `contested-${round}`));
      expect(owners.length + redirects.length).toBe(1);
    }
  });

  it("drops a campaign's old addresses with the campaign, and a draft's old address leads nowhere", async () => {
    const id = await create(db(), "Drafted", "drafted-old");
    await saveCampaign(db(), input({ title: "Drafted", slug: "drafted-new", status: "draft" }), id);
    expect(await findCampaignIdBySlug(db(), "drafted-old")).toBe(id);
    expect(await addressLeadsTo(db(), "drafted-old")).toBeNull(); // drafts are not public: 404, not a redirect
    await db().delete(campaigns).where(eq(campaigns.id, id));
    expect(await db().select().from(campaignSlugRedirects).where(eq(campaignSlugRedirects.campaignId, id))).toHaveLength(0);
  });
});
