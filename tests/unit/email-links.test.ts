import { describe, expect, it } from "vitest";
import type { EmailPropsOf, EmailTemplateName } from "@/emails/registry";
import { emailTemplates } from "@/emails/registry";
import { renderEmail } from "@/lib/email/render-email";
import { updateEmailBodyHtml } from "@/lib/updates/update-email";

const APP_URL = "https://give.example.org";
const organisationName = "Lantern for Human Rights";

/** An update whose Markdown links the ways staff write them: relative, root-relative, an anchor, absolute, mail. */
const UPDATE_MARKDOWN = [
  "Read [our report](/about), [the campaign](campaigns/foreign-media-in-north-korea), [the numbers](#numbers),",
  "[a partner](https://partner.example.net/x) and [write to us](mailto:hello@example.org).",
  "",
  '<a href="/privacy">privacy</a> <a href="../donate">give</a>',
].join("\n");

const receipt: EmailPropsOf<"one-off-receipt"> = {
  organisationName,
  taxStatement: "No goods or services were provided.",
  donorName: "Min-ji Park",
  amount: "$26.06",
  feeCovered: "$1.06",
  date: "November 24, 2025",
  campaignTitle: "Foreign Media in North Korea",
  dedication: "In memory of Grandma Kim",
  receiptNumber: "2025-000042",
  receiptUrl: `${APP_URL}/receipts/0b6a4f4e-2a7c-4c53-9a57-3b2d2f8f3f0e.c2ln`,
  organisationDetails: ["Lantern for Human Rights, Inc."],
  manageUrl: null,
};
const monthly = { ...receipt, manageUrl: `${APP_URL}/donate/manage?token=cus_1.abc` };

/**
 * Props for every template, each kind of each (a new template without samples fails to
 * typecheck here). Every link an email carries must work from an inbox: absolute http(s) or mailto.
 */
const SAMPLES: { [Name in EmailTemplateName]: EmailPropsOf<Name>[] } = {
  "sign-in-link": [{ organisationName, url: `${APP_URL}/api/auth/callback/email?token=abc` }],
  "subscription-confirmation": [
    { organisationName, confirmUrl: `${APP_URL}/subscribe/confirm?token=abc`, expiresIn: "2 days", unsubscribeUrl: `${APP_URL}/unsubscribe?token=x.y` },
    { organisationName, confirmUrl: `${APP_URL}/subscribe/confirm?token=abc`, expiresIn: "2 days" },
  ],
  "campaign-update": [
    {
      organisationName,
      title: "Radios reached 200 homes",
      bodyHtml: updateEmailBodyHtml(UPDATE_MARKDOWN, new Map(), APP_URL),
      campaignTitle: "Foreign Media in North Korea",
      greeting: "Hello,",
      pageUrl: `${APP_URL}/campaigns/foreign-media-in-north-korea#update-1`,
      unsubscribeUrl: `${APP_URL}/unsubscribe?token=x.y`,
    },
  ],
  "one-off-receipt": [receipt, { ...receipt, receiptUrl: undefined, organisationDetails: undefined }],
  "monthly-welcome-receipt": [monthly],
  "monthly-receipt": [monthly],
  "offline-gift-receipt": [
    { ...receipt, method: "Cheque", status: "issued" },
    { ...receipt, method: "Bank transfer", status: "corrected" },
    { ...receipt, method: "Cheque", status: "void" },
  ],
  "monthly-payment-failed": [
    { organisationName, donorName: null, amount: "$10.00", campaignTitle: "Foreign Media", nextAttempt: "December 1, 2025", manageUrl: monthly.manageUrl },
  ],
  "giving-statement": [
    {
      organisationName,
      taxStatement: "No goods or services were provided.",
      organisationDetails: ["Lantern for Human Rights, Inc."],
      donorName: "Ana",
      year: 2025,
      gifts: [{ date: "March 3, 2025", campaignTitle: "Foreign Media", amount: "$40.50", currency: "USD", note: null }],
      totals: [{ currency: "USD", amount: "$40.50" }],
    },
  ],
  "donor-manage-link": [{ organisationName, donorName: null, url: `${APP_URL}/donate/manage?link=abc`, expiresIn: "1 hour" }],
  "monthly-gift-changed": [
    {
      change: "amount",
      organisationName,
      donorName: null,
      campaignTitle: "Foreign Media",
      previousAmount: "$10.00",
      amount: "$15.00",
      nextPayment: null,
      manageUrl: monthly.manageUrl,
    },
    {
      change: "cancelled",
      organisationName,
      donorName: "Ana",
      campaignTitle: "Foreign Media",
      amount: "$10.00",
      endsOn: "January 1, 2026",
      manageUrl: monthly.manageUrl,
    },
    { change: "kept", organisationName, donorName: "Ana", campaignTitle: "Foreign Media", amount: "$10.00", nextPayment: null, manageUrl: monthly.manageUrl },
  ],
  "dedication-card": [
    {
      organisationName,
      recipientName: "Jin",
      donorName: null,
      dedicationKind: "in_memory",
      dedicationName: "Grandma Kim",
      campaignTitle: "Foreign Media",
      campaignUrl: `${APP_URL}/campaigns/foreign-media`,
    },
  ],
  "dispute-opened": [
    { organisationName, amount: "$50.00", reason: "Fraudulent", evidenceDueBy: null, gift: null, stripeDisputeId: "dp_1", stripeChargeId: "ch_1" },
  ],
  "refund-failed": [
    {
      organisationName,
      amount: "$20.00",
      gift: "$50.00 to Foreign Media",
      campaignTitle: "Foreign Media",
      reason: null,
      stillRefunded: "$0.00",
      giftUrl: `${APP_URL}/admin/gifts/1`,
      stripeRefundId: "re_1",
    },
  ],
  "gift-refunded": [
    {
      organisationName,
      donorName: "Ana",
      amount: "$50.00",
      giftAmount: "$50.00",
      giftDate: "November 24, 2026",
      campaignTitle: "Foreign Media",
      keptAmount: null,
      manageUrl: `${APP_URL}/donate/manage`,
      contactEmail: "hello@example.org",
    },
    {
      organisationName,
      donorName: null,
      amount: "$20.00",
      giftAmount: "$50.00",
      giftDate: "November 24, 2026",
      campaignTitle: "Foreign Media",
      keptAmount: "$30.00",
      manageUrl: `${APP_URL}/donate/manage`,
      contactEmail: "hello@example.org",
    },
  ],
  "unsubscribe-link": [{ organisationName, unsubscribeUrl: `${APP_URL}/unsubscribe?token=x.y` }],
  "gift-on-its-way": [
    { organisationName, donorName: "Min-ji Park", amount: "$25.00", campaignTitle: "Foreign Media in North Korea", methodLabel: "US bank account" },
  ],
  "bank-debit-failed": [
    {
      organisationName,
      donorName: null,
      amount: "€50.00",
      campaignTitle: "Foreign Media in North Korea",
      methodLabel: "SEPA Direct Debit",
      tryAgainUrl: `${APP_URL}/campaigns/foreign-media-in-north-korea`,
    },
  ],
};

const hrefsOf = (html: string) => [...html.matchAll(/\b(?:href|src)="([^"]*)"/g)].map((match) => match[1]!.replaceAll("&amp;", "&"));

describe("links in emails", () => {
  it("has samples for every template", () => {
    expect(Object.keys(SAMPLES).sort()).toEqual(Object.keys(emailTemplates).sort());
  });

  for (const [name, samples] of Object.entries(SAMPLES)) {
    it(`${name}: every link is absolute`, async () => {
      for (const props of samples) {
        const { html } = await renderEmail(name, props);
        for (const href of hrefsOf(html)) expect(href, `${name}: ${href}`).toMatch(/^(https?:\/\/[^/]|mailto:)/);
      }
    });
  }

  it("makes an update's relative links absolute on APP_URL and leaves absolute ones alone", () => {
    const hrefs = hrefsOf(updateEmailBodyHtml(UPDATE_MARKDOWN, new Map(), APP_URL));
    expect(hrefs).toEqual([
      `${APP_URL}/about`,
      `${APP_URL}/campaigns/foreign-media-in-north-korea`,
      `${APP_URL}/#numbers`,
      "https://partner.example.net/x",
      "mailto:hello@example.org",
      `${APP_URL}/privacy`,
      `${APP_URL}/donate`,
    ]);
  });

  it("links every receipt and the refund email to Manage your giving", async () => {
    for (const name of ["one-off-receipt", "monthly-receipt", "gift-refunded"] as const) {
      const { html, text } = await renderEmail(name, SAMPLES[name][0]!);
      expect(text).toMatch(/Manage (your|monthly) giving/);
      expect(html).toContain(`${APP_URL}/donate/manage`);
    }
  });

  it("gives the confirmation email a way out", async () => {
    const { html, text } = await renderEmail("subscription-confirmation", SAMPLES["subscription-confirmation"][0]!);
    expect(text).toContain("Unsubscribe");
    expect(html).toContain(`href="${APP_URL}/unsubscribe?token=x.y"`);
  });
});
