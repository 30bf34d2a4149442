import { Text } from "react-email";
import { z } from "zod";
import { EmailLayout, emailText } from "./email-layout";
import type { EmailTemplate } from "./email-template";

/**
 * Sent when a one-off gift by bank debit (ACH, SEPA), or a monthly gift's first payment by bank
 * debit, has been made but the bank has not settled it: not a receipt. The receipt follows when
 * Stripe says the payment succeeded (a few business days).
 */
export const giftOnItsWayProps = z.object({
  organisationName: z.string(),
  donorName: z.string().nullable(),
  /** Formatted amount, e.g. "$25.00". */
  amount: z.string(),
  campaignTitle: z.string(),
  /** How the gift is paid, e.g. "US bank account" or "SEPA Direct Debit". */
  methodLabel: z.string(),
  /** A monthly gift's first payment (absent: a one-off gift). */
  monthly: z.boolean().nullish(),
});
export type GiftOnItsWayProps = z.infer<typeof giftOnItsWayProps>;

function subjectOf({ amount, monthly }: Pick<GiftOnItsWayProps, "amount" | "monthly">): string {
  return monthly ? `Your monthly gift of ${amount} is on its way` : `Your gift of ${amount} is on its way`;
}

function GiftOnItsWayEmail(props: GiftOnItsWayProps) {
  const greeting = props.donorName ? `Dear ${props.donorName},` : "Hello,";
  return (
    <EmailLayout organisationName={props.organisationName} preview={subjectOf(props)}>
      <Text style={emailText}>
        {props.monthly
          ? `${greeting} thank you for your monthly gift of ${props.amount} to ${props.campaignTitle}. Its first payment is on its way.`
          : `${greeting} thank you for your gift of ${props.amount} to ${props.campaignTitle}. It is on its way.`}
      </Text>
      <Text style={emailText}>
        {`Payments by ${props.methodLabel} take a few business days to reach us. We will send your receipt as soon as your bank has completed the payment.`}
      </Text>
      <Text style={{ ...emailText, marginTop: "24px" }}>{`Thank you for standing with ${props.organisationName}.`}</Text>
    </EmailLayout>
  );
}

export const giftOnItsWayEmail: EmailTemplate<GiftOnItsWayProps> = {
  props: giftOnItsWayProps,
  subject: subjectOf,
  component: GiftOnItsWayEmail,
};
