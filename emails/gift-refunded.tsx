import { Button, Text } from "react-email";
import { z } from "zod";
import { EmailLayout, emailButton, emailText } from "./email-layout";
import type { EmailTemplate } from "./email-template";

/** Sent to the donor once per refund, when Stripe's webhook records it (lib/payments/webhooks/charge-refunds.ts). */
export const giftRefundedProps = z.object({
  organisationName: z.string(),
  donorName: z.string().nullable(),
  /** Formatted amount of this refund, e.g. "$20.00". */
  amount: z.string(),
  /** Formatted amount of the gift it refunds. */
  giftAmount: z.string(),
  /** Formatted date the gift was paid, e.g. "November 24, 2026". */
  giftDate: z.string(),
  campaignTitle: z.string(),
  /** Formatted part of the gift still given after this refund; null when refunded in full. */
  keptAmount: z.string().nullable(),
  /** The donor's giving page (asks for a link by email), where their receipts are. */
  manageUrl: z.url(),
  /** Where to write with a question (ORG_CONTACT_EMAIL). */
  contactEmail: z.string(),
});
export type GiftRefundedProps = z.infer<typeof giftRefundedProps>;

function GiftRefundedEmail(props: GiftRefundedProps) {
  const greeting = props.donorName ? `Dear ${props.donorName},` : "Hello,";
  const what = props.keptAmount === null ? `your gift of ${props.giftAmount}` : `${props.amount} of your gift of ${props.giftAmount}`;
  return (
    <EmailLayout organisationName={props.organisationName} preview={`We have refunded ${props.amount}`}>
      <Text style={emailText}>{`${greeting} we have refunded ${what} to ${props.campaignTitle}, made on ${props.giftDate}.`}</Text>
      <Text style={emailText}>{`The ${props.amount} goes back to the card you paid with. Banks usually show it within 5 to 10 business days.`}</Text>
      {props.keptAmount === null ? (
        <Text style={emailText}>
          This gift no longer counts towards your giving, and its receipt is withdrawn: it will not appear on your giving statement.
        </Text>
      ) : (
        <Text
          style={emailText}
        >{`The rest of your gift, ${props.keptAmount}, still supports ${props.campaignTitle}; your giving statement will show that amount.`}</Text>
      )}
      <Text style={emailText}>Your gifts and receipts are on your giving page:</Text>
      <Button href={props.manageUrl} style={emailButton}>
        Manage your giving
      </Button>
      <Text style={{ ...emailText, marginTop: "24px" }}>{`A question about this refund? Write to us at ${props.contactEmail}.`}</Text>
    </EmailLayout>
  );
}

export const giftRefundedEmail: EmailTemplate<GiftRefundedProps> = {
  props: giftRefundedProps,
  subject: (props) => (props.keptAmount === null ? `Your gift of ${props.giftAmount} has been refunded` : `${props.amount} of your gift has been refunded`),
  component: GiftRefundedEmail,
};
