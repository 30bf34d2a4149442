import { Button, Link, Text } from "react-email";
import { z } from "zod";
import { EmailLayout, emailButton, emailText } from "./email-layout";
import type { EmailTemplate } from "./email-template";

/**
 * Gift receipts: one per successful payment. Three kinds share one layout: a one-off gift,
 * the first payment of monthly giving (a welcome), and each later monthly payment. Amounts
 * and dates arrive formatted, as they were when the payment was recorded.
 */
export const giftReceiptProps = z.object({
  organisationName: z.string(),
  taxStatement: z.string(),
  donorName: z.string().nullable(),
  /** Formatted total charged, e.g. "$26.06". */
  amount: z.string(),
  /** Formatted part of the amount that covered the card fee, when the donor chose to. */
  feeCovered: z.string().nullable(),
  /** Formatted payment date, e.g. "November 24, 2025". */
  date: z.string(),
  campaignTitle: z.string(),
  /** e.g. "In memory of Grandma Kim". */
  dedication: z.string().nullable(),
  /** The donor's postal address, when the campaign asked for it (tax receipts that need one). */
  postalAddress: z.string().nullish(),
  /** `2026-000042` (a gift id on receipts queued before receipt numbers). */
  receiptNumber: z.string(),
  /** The printable receipt page (lib/receipts/receipt-link.ts); absent on receipts queued before it existed. */
  receiptUrl: z.url().nullish(),
  /** Who we are, under the tax statement; absent on receipts queued before these settings. */
  organisationDetails: z.array(z.string()).nullish(),
  /** Monthly and yearly gifts: where to update the card, change the amount or cancel. */
  manageUrl: z.url().nullable(),
  /** Gifts received offline: how it was paid ("Cheque"); absent for card payments. */
  method: z.string().nullish(),
  /** Gifts received offline: a receipt re-sent after a correction, or voided (the number stays, marked void). */
  status: z.enum(["issued", "corrected", "void"]).nullish(),
  /** A recurring gift's interval: "year" for yearly giving; absent (monthly) on receipts queued before yearly gifts. */
  interval: z.enum(["month", "year"]).nullish(),
});
export type GiftReceiptProps = z.infer<typeof giftReceiptProps>;

type ReceiptKind = "one-off" | "monthly-first" | "monthly";

const detailLabel = { fontSize: "14px", color: "#57534e", margin: "0" } as const;
const detailValue = { fontSize: "16px", fontWeight: 700, margin: "0 0 12px" } as const;

function Detail({ label, value }: { label: string; value: string }) {
  return (
    <>
      <Text style={detailLabel}>{label}</Text>
      <Text style={detailValue}>{value}</Text>
    </>
  );
}

/** "monthly" or "yearly": the word for a recurring gift's interval. */
const adjective = (props: GiftReceiptProps) => (props.interval === "year" ? "yearly" : "monthly");

function opening(kind: ReceiptKind, props: GiftReceiptProps): string {
  const greeting = props.donorName ? `Dear ${props.donorName},` : "Hello,";
  if (props.status === "void")
    return `${greeting} receipt ${props.receiptNumber} for a gift of ${props.amount} has been voided: the gift was recorded in error or did not reach us, and this receipt can no longer be used. Please contact us if you think this is a mistake.`;
  const every = props.interval === "year" ? "year" : "month";
  const body =
    props.status === "corrected"
      ? `we corrected the record of your gift to ${props.organisationName}. This receipt replaces the one we sent before, under the same number.`
      : kind === "one-off"
        ? `thank you for your gift of ${props.amount} to ${props.organisationName}.`
        : kind === "monthly-first"
          ? `welcome to ${adjective(props)} giving, and thank you. Your first ${adjective(props)} gift of ${props.amount} to ${props.organisationName} has been received; we will charge the same amount each ${every} until you change or cancel it.`
          : `thank you for your ${adjective(props)} gift of ${props.amount} to ${props.organisationName}.`;
  return `${greeting} ${body}`;
}

function GiftReceiptEmail({ kind, ...props }: GiftReceiptProps & { kind: ReceiptKind }) {
  const frequency = kind === "one-off" ? "One-off gift" : props.interval === "year" ? "Yearly gift" : "Monthly gift";
  return (
    <EmailLayout
      organisationName={props.organisationName}
      preview={`Receipt for your ${kind === "one-off" ? "gift" : `${adjective(props)} gift`} of ${props.amount}`}
      footer={
        <>
          <Text style={{ margin: 0 }}>{props.taxStatement}</Text>
          {props.organisationDetails?.length ? <Text style={{ margin: "8px 0 0" }}>{props.organisationDetails.join(" · ")}</Text> : null}
        </>
      }
    >
      {props.status === "void" ? <Text style={{ ...emailText, fontSize: "22px", fontWeight: 700 }}>VOID</Text> : null}
      <Text style={emailText}>{opening(kind, props)}</Text>
      <Detail label="Amount" value={props.feeCovered ? `${props.amount} (including ${props.feeCovered} to cover card fees)` : props.amount} />
      <Detail label="Date" value={props.date} />
      <Detail label="Frequency" value={frequency} />
      {props.method ? <Detail label="Paid by" value={props.method} /> : null}
      <Detail label="Campaign" value={props.campaignTitle} />
      {props.dedication ? <Detail label="Dedication" value={props.dedication} /> : null}
      {props.postalAddress ? <Detail label="Donor's address" value={props.postalAddress.split("\n").join(", ")} /> : null}
      <Detail label="Receipt number" value={props.status === "void" ? `${props.receiptNumber} (VOID)` : props.receiptNumber} />
      {props.receiptUrl ? (
        <>
          <Text style={emailText}>Your receipt is also online, ready to print or save as a PDF for your records:</Text>
          <Button href={props.receiptUrl} style={emailButton}>
            View or print your receipt
          </Button>
        </>
      ) : null}
      {props.manageUrl ? (
        <>
          <Text
            style={emailText}
          >{`You can update your card, change the amount or cancel your ${adjective(props)} gift at any time from your giving page:`}</Text>
          <Button href={props.manageUrl} style={emailButton}>
            {`Manage ${adjective(props)} giving`}
          </Button>
        </>
      ) : props.receiptUrl ? (
        <Text style={emailText}>
          {"All your gifts and receipts are on your giving page: "}
          <Link href={new URL("/donate/manage", props.receiptUrl).toString()}>Manage your giving</Link>
          {"."}
        </Text>
      ) : null}
      <Text style={{ ...emailText, marginTop: "24px" }}>{props.status === "void" ? "This receipt is void." : "Please keep this email as your receipt."}</Text>
    </EmailLayout>
  );
}

/** Both open the donor's pages and never expire (signed, not stored): no copy outlives delivery. */
const RECEIPT_LINKS = ["receiptUrl", "manageUrl"] as const;

export const oneOffReceiptEmail: EmailTemplate<GiftReceiptProps> = {
  props: giftReceiptProps,
  subject: ({ amount }) => `Receipt for your gift of ${amount}`,
  component: (props) => <GiftReceiptEmail kind="one-off" {...props} />,
  redactAfterSend: RECEIPT_LINKS,
};

export const monthlyWelcomeReceiptEmail: EmailTemplate<GiftReceiptProps> = {
  props: giftReceiptProps,
  subject: (props) => `Welcome to ${adjective(props)} giving: receipt for ${props.amount}`,
  component: (props) => <GiftReceiptEmail kind="monthly-first" {...props} />,
  redactAfterSend: RECEIPT_LINKS,
};

export const monthlyReceiptEmail: EmailTemplate<GiftReceiptProps> = {
  props: giftReceiptProps,
  subject: (props) => `Receipt for your ${adjective(props)} gift of ${props.amount}`,
  component: (props) => <GiftReceiptEmail kind="monthly" {...props} />,
  redactAfterSend: RECEIPT_LINKS,
};

/** A gift received offline (cheque, bank transfer…), recorded by staff: issued, corrected or voided. */
export const offlineGiftReceiptEmail: EmailTemplate<GiftReceiptProps> = {
  props: giftReceiptProps,
  subject: ({ amount, receiptNumber, status }) =>
    status === "void"
      ? `VOID: receipt ${receiptNumber} for ${amount}`
      : status === "corrected"
        ? `Corrected receipt for your gift of ${amount}`
        : `Receipt for your gift of ${amount}`,
  component: (props) => <GiftReceiptEmail kind="one-off" {...props} />,
  redactAfterSend: RECEIPT_LINKS,
};
