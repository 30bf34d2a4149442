import { eq, like } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { devMailboxMessages, sentEmails } from "@/db/schema";
import {
  donorGiftYears,
  emailGivingStatementToDonor,
  emailOwnGivingStatement,
  givingStatementFor,
  sendGivingStatements,
  statementYears,
} from "@/lib/donations/giving-statement";
import { renderEmail } from "@/lib/email/render-email";
import { describeEachDatabase } from "../support/test-database";
import { insertCampaign, insertDonor, insertGift } from "../support/gift-rows";

describeEachDatabase("annual giving statements", (db) => {
  let usdCampaign: string;
  let eurCampaign: string;
  let annId: string;
  beforeAll(async () => {
    usdCampaign = await insertCampaign(db(), { slug: "wells", title: "Clean wells" });
    eurCampaign = await insertCampaign(db(), { slug: "radio", title: "Radio Free", currency: "EUR" });
    const ann = await insertDonor(db(), "ann@statements.test", "Ann Lee");
    annId = ann;
    const gift = (donorId: string, amount: number, paidAt: string, extra: { refundedAmount?: number; disputeStatus?: string; currency?: string } = {}) =>
      insertGift(db(), {
        donorId,
        campaignId: extra.currency === "EUR" ? eurCampaign : usdCampaign,
        amount,
        currency: extra.currency ?? "USD",
        paidAt: new Date(paidAt),
        refundedAmount: extra.refundedAmount,
        disputeStatus: extra.disputeStatus,
      });
    await gift(ann, 9_999, "2024-12-31T23:59:59Z"); // the year before
    await gift(ann, 5_000, "2025-01-01T00:00:00Z");
    await gift(ann, 2_000, "2025-03-10T12:00:00Z", { refundedAmount: 500 }); // partly refunded: 15.00 kept
    await gift(ann, 3_000, "2025-06-01T09:00:00Z", { currency: "EUR" });
    await gift(ann, 1_000, "2025-07-01T09:00:00Z", { refundedAmount: 1_000 }); // refunded in full: not listed
    await gift(ann, 4_000, "2025-08-01T09:00:00Z", { disputeStatus: "lost" }); // taken back: not listed
    await gift(ann, 1_500, "2025-09-01T09:00:00Z", { disputeStatus: "won" }); // dispute won: kept
    await gift(ann, 700, "2025-12-31T23:59:59Z");
    await gift(ann, 800, "2026-01-01T00:00:00Z"); // the year after
    const bo = await insertDonor(db(), "bo@statements.test", "Bo");
    await gift(bo, 2_500, "2025-05-05T05:00:00Z", { refundedAmount: 2_500 }); // nothing kept in 2025: no statement
    const cy = await insertDonor(db(), "cy@statements.test", null);
    await gift(cy, 1_200, "2025-02-02T00:00:00Z");
    await gift(cy, 1_200, "2024-02-02T00:00:00Z");
  });

  it("lists each kept gift of the year with totals per currency, leaving out refunded and lost ones", async () => {
    const statement = await givingStatementFor(db(), "  ANN@Statements.test ", 2025);
    expect(statement?.email).toBe("ann@statements.test");
    expect(statement?.gifts.map((g) => [g.paidAt.toISOString().slice(0, 10), g.currency, g.keptAmount, g.refundedAmount])).toEqual([
      ["2025-01-01", "USD", 5_000, 0],
      ["2025-03-10", "USD", 1_500, 500],
      ["2025-06-01", "EUR", 3_000, 0],
      ["2025-09-01", "USD", 1_500, 0],
      ["2025-12-31", "USD", 700, 0],
    ]);
    expect(statement?.totals).toEqual([
      { currency: "EUR", amount: 3_000 },
      { currency: "USD", amount: 8_700 },
    ]);
    expect(await givingStatementFor(db(), "bo@statements.test", 2025)).toBeNull();
    expect(await givingStatementFor(db(), "nobody@statements.test", 2025)).toBeNull();
  });

  it("sends one statement per donor and year, through the outbox at bulk priority, and nothing new when sent again", async () => {
    const first = await sendGivingStatements(db(), 2025, { pageSize: 1 }); // a page per donor: paging is exercised
    expect(first).toEqual({ year: 2025, donors: 2, queued: 2, alreadySent: 0 });
    const rows = await db().select().from(sentEmails).where(like(sentEmails.idempotencyKey, "giving-statement:2025:%"));
    expect(rows.map((row) => [row.toAddress, row.priority, row.template]).sort()).toEqual([
      ["ann@statements.test", "bulk", "giving-statement"],
      ["cy@statements.test", "bulk", "giving-statement"],
    ]);

    const again = await sendGivingStatements(db(), 2025);
    expect(again).toEqual({ year: 2025, donors: 2, queued: 0, alreadySent: 2 });
    // Two admins at once: still one each.
    const [a, b] = await Promise.all([sendGivingStatements(db(), 2024), sendGivingStatements(db(), 2024)]);
    expect(a.queued + b.queued).toBe(2);
    expect(await db().select().from(sentEmails).where(like(sentEmails.idempotencyKey, "giving-statement:2024:%"))).toHaveLength(2);

    const summary = await statementYears(db(), new Date("2026-06-01T00:00:00Z"));
    expect(summary.map((y) => [y.year, y.sent + y.waiting + y.failed])).toEqual([
      [2026, 0],
      [2025, 2],
      [2024, 2],
    ]);
  });

  it("words the email as receipts do: each gift, the totals, the refund note and the tax statement", async () => {
    const [row] = await db().select().from(sentEmails).where(eq(sentEmails.idempotencyKey, "giving-statement:2025:ann@statements.test"));
    const email = await renderEmail("giving-statement", row!.props);
    expect(email.subject).toBe("Your 2025 giving statement from Lantern for Human Rights");
    expect(email.text).toContain("Dear Ann Lee, thank you for supporting Lantern for Human Rights in 2025.");
    for (const text of [
      "January 1, 2025",
      "Clean wells",
      "$50.00",
      "March 10, 2025",
      "$15.00",
      "$5.00 of $20.00 refunded",
      "Radio Free",
      "€30.00",
      "December 31, 2025",
      "$7.00",
    ]) {
      expect(email.text).toContain(text);
    }
    expect(email.text).not.toContain("July 1, 2025");
    expect(email.text).not.toContain("August 1, 2025");
    expect(email.text).toContain("Total given in 2025 in EUR: €30.00");
    expect(email.text).toContain("Total given in 2025 in USD: $87.00");
    expect(email.text).toContain("tax-deductible to the extent allowed by law");
    expect(email.html).toContain("<caption");
  });

  it("sends a donor their own statement at once, at most once a day per year", async () => {
    const day = new Date("2026-02-01T10:00:00Z");
    expect(await emailOwnGivingStatement(db(), "cy@statements.test", 2025, day)).toBe("sent");
    expect(await emailOwnGivingStatement(db(), "cy@statements.test", 2025, day)).toBe("already-sent-today");
    expect(await emailOwnGivingStatement(db(), "bo@statements.test", 2025, day)).toBe("no-gifts");
    const delivered = await db().select().from(devMailboxMessages).where(eq(devMailboxMessages.toAddress, "cy@statements.test"));
    expect(delivered.map((m) => m.subject)).toEqual(["Your 2025 giving statement from Lantern for Human Rights"]);
    expect(delivered[0]!.text).toContain("Hello, thank you for supporting");
  });

  it("sends a donor known by their giving page's session their statement, and lists the years they gave", async () => {
    expect(await donorGiftYears(db(), annId)).toEqual([2026, 2025, 2024]);
    const day = new Date("2026-02-02T10:00:00Z");
    expect(await emailGivingStatementToDonor(db(), annId, 2024, day)).toBe("sent");
    expect(await emailGivingStatementToDonor(db(), annId, 2027, day)).toBe("no-gifts"); // not a year yet
    expect(await emailGivingStatementToDonor(db(), "00000000-0000-4000-8000-000000000000", 2024, day)).toBe("no-gifts");
    const delivered = await db().select().from(devMailboxMessages).where(eq(devMailboxMessages.toAddress, "ann@statements.test"));
    expect(delivered.map((m) => m.subject)).toEqual(["Your 2024 giving statement from Lantern for Human Rights"]);
    expect(delivered[0]!.text).toContain("Total given in 2024 in USD: $99.99");
  });
});
