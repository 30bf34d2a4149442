import { beforeAll, describe, expect, it } from "vitest";
import { subscribers } from "@/db/schema";
import { getSubscriberCounts } from "@/lib/reports/subscriber-counts";
import { subscriberExportBatches, subscribersCsv } from "@/lib/reports/subscribers-export";
import { describeEachDatabase } from "../support/test-database";

const consent = "Yes, email me updates.";

describeEachDatabase("subscriber reports", (db) => {
  it("has zero counts before anyone signs up", async () => {
    expect(await getSubscriberCounts(db())).toEqual({ total: { source: "all", pending: 0, confirmed: 0, unsubscribed: 0, total: 0 }, bySource: [] });
  });

  describe("with sign-ups", () => {
    beforeAll(async () => {
      const at = (iso: string) => new Date(iso);
      await db()
        .insert(subscribers)
        .values([
          {
            email: "a@example.org",
            firstName: "A",
            status: "confirmed",
            source: "home",
            consentText: consent,
            consentedAt: at("2026-02-01T10:00:00Z"),
            confirmedAt: at("2026-02-01T10:05:00Z"),
          },
          {
            email: "b@example.org",
            firstName: "=cmd|' /C calc'!A0",
            status: "confirmed",
            source: "campaign:foreign-media",
            consentText: consent,
            consentedAt: at("2026-02-03T10:00:00Z"),
            confirmedAt: at("2026-02-03T23:59:00Z"),
          },
          { email: "c@example.org", status: "pending", source: "home", consentText: consent, consentedAt: at("2026-02-04T10:00:00Z") },
          {
            email: "d@example.org",
            status: "unsubscribed",
            source: "home",
            consentText: consent,
            consentedAt: at("2026-01-04T10:00:00Z"),
            confirmedAt: at("2026-01-04T10:01:00Z"),
            unsubscribedAt: at("2026-02-10T00:00:00Z"),
          },
          {
            email: "e@example.org",
            status: "confirmed",
            source: "footer",
            consentText: consent,
            consentedAt: at("2026-03-01T10:00:00Z"),
            confirmedAt: at("2026-03-01T10:00:30Z"),
          },
        ]);
    });

    it("counts by status overall and per source", async () => {
      expect(await getSubscriberCounts(db())).toEqual({
        total: { source: "all", pending: 1, confirmed: 3, unsubscribed: 1, total: 5 },
        bySource: [
          { source: "home", pending: 1, confirmed: 1, unsubscribed: 1, total: 3 },
          { source: "campaign:foreign-media", pending: 0, confirmed: 1, unsubscribed: 0, total: 1 },
          { source: "footer", pending: 0, confirmed: 1, unsubscribed: 0, total: 1 },
        ],
      });
    });

    it("exports confirmed subscribers only, by the UTC day they confirmed", async () => {
      const emails: string[] = [];
      for await (const batch of subscriberExportBatches(db(), { from: "2026-02-01", to: "2026-02-28" }, 1)) emails.push(...batch.map((row) => row.email));
      expect(emails).toEqual(["a@example.org", "b@example.org"]); // not pending c, not unsubscribed d, not March e
      const all: string[] = [];
      for await (const batch of subscriberExportBatches(db(), undefined)) all.push(...batch.map((row) => row.email));
      expect(all).toEqual(["a@example.org", "b@example.org", "e@example.org"]);
    });

    it("writes safe CSV cells", async () => {
      const csv = await new Response(subscribersCsv(db(), { from: "2026-02-03", to: "2026-02-03" })).text();
      expect(csv).toBe(
        "Email,First name,Source,Consented at (UTC),Confirmed at (UTC),Consent text\r\n" +
          `b@example.org,'=cmd|' /C calc'!A0,campaign:foreign-media,2026-02-03T10:00:00Z,2026-02-03T23:59:00Z,"Yes, email me updates."\r\n`,
      );
    });
  });
});
