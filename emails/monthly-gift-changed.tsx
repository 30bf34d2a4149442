import { Button, Text } from "react-email";
import { z } from "zod";
import { EmailLayout, emailButton, emailText } from "./email-layout";
import type { EmailTemplate } from "./email-template";

/**
 * Confirms a change the donor (or staff for them) made to a monthly gift: a new amount from
 * the next payment on, a cancellation at the end of the paid period, or keeping a gift that was
 * set to end, pausing its payments for a while, or restarting them early. Amounts and dates
 * arrive formatted.
 */
export const monthlyGiftChangedProps = z.discriminatedUnion("change", [
  z.object({
    change: z.literal("amount"),
    organisationName: z.string(),
    donorName: z.string().nullable(),
    campaignTitle: z.string(),
    /** Formatted, e.g. "$10.00". */
    previousAmount: z.string(),
    amount: z.string(),
    /** Formatted date of the first payment at the new amount, when known. */
    nextPayment: z.string().nullable(),
    manageUrl: z.url(),
  }),
  z.object({
    change: z.literal("cancelled"),
    organisationName: z.string(),
    donorName: z.string().nullable(),
    campaignTitle: z.string(),
    amount: z.string(),
    /** Formatted last day of the period already paid for, when known. */
    endsOn: z.string().nullable(),
    manageUrl: z.url(),
  }),
  z.object({
    change: z.literal("kept"),
    organisationName: z.string(),
    donorName: z.string().nullable(),
    campaignTitle: z.string(),
    amount: z.string(),
    nextPayment: z.string().nullable(),
    manageUrl: z.url(),
  }),
  z.object({
    change: z.literal("paused"),
    organisationName: z.string(),
    donorName: z.string().nullable(),
    campaignTitle: z.string(),
    amount: z.string(),
    /** Formatted date payments restart by themselves. */
    resumesOn: z.string(),
    manageUrl: z.url(),
  }),
  z.object({
    change: z.literal("resumed"),
    organisationName: z.string(),
    donorName: z.string().nullable(),
    campaignTitle: z.string(),
    amount: z.string(),
    nextPayment: z.string().nullable(),
    manageUrl: z.url(),
  }),
]);
export type MonthlyGiftChangedProps = z.infer<typeof monthlyGiftChangedProps>;

function body(props: MonthlyGiftChangedProps): string[] {
  switch (props.change) {
    case "amount":
      return [
        `your monthly gift to ${props.campaignTitle} is now ${props.amount} (it was ${props.previousAmount}).`,
        props.nextPayment
          ? `The new amount is charged from your next payment, on ${props.nextPayment}; nothing is charged today. You will get a receipt for each payment.`
          : "The new amount is charged from your next payment; nothing is charged today. You will get a receipt for each payment.",
      ];
    case "cancelled":
      return [
        `your monthly gift of ${props.amount} to ${props.campaignTitle} is cancelled.`,
        props.endsOn
          ? `It ends on ${props.endsOn}. You will not be charged again and there will be no further receipts. Until then you can keep your gift from your giving page.`
          : "You will not be charged again and there will be no further receipts. Until the end of the current month you can keep your gift from your giving page.",
      ];
    case "kept":
      return [
        `your monthly gift of ${props.amount} to ${props.campaignTitle} will continue.`,
        props.nextPayment
          ? `Your next payment is on ${props.nextPayment}, and you will get a receipt for each payment.`
          : "You will get a receipt for each payment.",
      ];
    case "paused":
      return [
        `your monthly gift of ${props.amount} to ${props.campaignTitle} is paused until ${props.resumesOn}.`,
        `Nothing is charged until then. It restarts by itself on ${props.resumesOn}; you can restart it sooner, or change it, from your giving page.`,
      ];
    case "resumed":
      return [
        `your monthly gift of ${props.amount} to ${props.campaignTitle} has restarted.`,
        props.nextPayment
          ? `Your next payment is on ${props.nextPayment}, and you will get a receipt for each payment.`
          : "You will get a receipt for each payment.",
      ];
  }
}

function MonthlyGiftChangedEmail(props: MonthlyGiftChangedProps) {
  const greeting = props.donorName ? `Dear ${props.donorName},` : "Hello,";
  const [first, second] = body(props);
  return (
    <EmailLayout organisationName={props.organisationName} preview={monthlyGiftChangedEmail.subject(props)}>
      <Text style={emailText}>{`${greeting} ${first}`}</Text>
      <Text style={emailText}>{second}</Text>
      <Button href={props.manageUrl} style={emailButton}>
        Manage monthly giving
      </Button>
      <Text style={{ ...emailText, marginTop: "24px" }}>{`Thank you for standing with ${props.organisationName}.`}</Text>
    </EmailLayout>
  );
}

export const monthlyGiftChangedEmail: EmailTemplate<MonthlyGiftChangedProps> = {
  props: monthlyGiftChangedProps,
  subject: (props) =>
    props.change === "amount"
      ? `Your monthly gift is now ${props.amount}`
      : props.change === "cancelled"
        ? "Your monthly gift is cancelled"
        : props.change === "paused"
          ? `Your monthly gift is paused until ${props.resumesOn}`
          : props.change === "resumed"
            ? "Your monthly gift has restarted"
            : "Your monthly gift will continue",
  component: MonthlyGiftChangedEmail,
  // A signed link to the giving page that never expires.
  redactAfterSend: ["manageUrl"],
};
