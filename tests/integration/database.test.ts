import { eq, sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { campaigns } from "@/db/schema";
import { seedDatabase } from "@/db/seed/seed-database";
import { GENERAL_FUND_SLUG } from "@/lib/campaigns/general-fund";
import { describeEachDatabase } from "../support/test-database";

describeEachDatabase("database setup", (db) => {
  it("migrates to the full schema", async () => {
    // Both drivers answer raw SQL with `{ rows }`.
    const result = (await db().execute(sql`select table_name from information_schema.tables where table_schema = 'public' order by table_name`)) as unknown as {
      rows: { table_name: string }[];
    };
    const tables = result.rows.map((row) => row.table_name);
    for (const table of ["campaigns", "donors", "donations", "recurring_gifts", "subscribers", "processed_stripe_events", "sent_emails", "users", "sessions"]) {
      expect(tables).toContain(table);
    }
  });

  it("seeds the two founding articles and the general fund once", async () => {
    await seedDatabase(db());
    await seedDatabase(db());
    const rows = await db().select().from(campaigns).orderBy(campaigns.slug);
    expect(rows.map((row) => row.slug)).toEqual(["foreign-media-in-north-korea", GENERAL_FUND_SLUG, "inside-north-korea-pandemic-era-controls"]);
    expect(rows.find((row) => row.slug === GENERAL_FUND_SLUG)?.kind, "the seed's general fund has the address lib/campaigns looks it up by").toBe(
      "general_fund",
    );
    const article = rows.find((row) => row.slug === "foreign-media-in-north-korea");
    expect(article?.status).toBe("active");
    expect(article?.goalAmount).toBe(5_000_000);
    expect(article?.bodyMarkdown).toContain("## Forced Isolation and the Regime’s Information Monopoly");
    expect(article?.bodyMarkdown).not.toMatch(/Give Today|Donate Now/);
  });

  it("enforces money constraints in the database", async () => {
    const [fund] = await db().select().from(campaigns).where(eq(campaigns.slug, GENERAL_FUND_SLUG));
    expect(fund).toBeDefined();
    await expect(db().insert(campaigns).values({ slug: "bad-goal", title: "x", summary: "x", goalAmount: -1 })).rejects.toThrow();
    await expect(db().insert(campaigns).values({ slug: "bad-currency", title: "x", summary: "x", currency: "usd" })).rejects.toThrow();
  });
});
