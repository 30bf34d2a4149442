import { Text } from "react-email";
import { z } from "zod";
import { EmailLayout, emailText } from "./email-layout";
import type { EmailTemplate } from "./email-template";

/** Sent once per failed refund to every admin: the donor was not repaid, and the gift counts again. */
export const refundFailedProps = z.object({
  organisationName: z.string(),
  /** Formatted refund amount, e.g. "$25.00". */
  amount: z.string(),
  /** "$50.00 to Free the Press from Ana <ana@example.org> on November 24, 2026". */
  gift: z.string(),
  campaignTitle: z.string(),
  /** Stripe's failure reason in words, or null when Stripe gave none. */
  reason: z.string().nullable(),
  /** Formatted amount of the gift still refunded after this failure, e.g. "$0.00". */
  stillRefunded: z.string(),
  /** The gift's page in the admin. */
  giftUrl: z.string(),
  stripeRefundId: z.string(),
});
export type RefundFailedProps = z.infer<typeof refundFailedProps>;

function RefundFailedEmail(props: RefundFailedProps) {
  return (
    <EmailLayout organisationName={props.organisationName} preview={`A refund of ${props.amount} failed: the donor was not repaid`}>
      <Text
        style={emailText}
      >{`A refund of ${props.amount} failed${props.reason ? ` (${props.reason})` : ""}: the donor's bank could not take the money back, so the donor was not repaid and Stripe has returned the ${props.amount} to your balance.`}</Text>
      <Text style={emailText}>{`The gift: ${props.gift}.`}</Text>
      <Text
        style={emailText}
      >{`The ${props.amount} counts again in ${props.campaignTitle}'s raised total. Still refunded on this gift: ${props.stillRefunded}.`}</Text>
      <Text
        style={emailText}
      >{`If the donor should still get the money back, contact them and refund another way. The gift: ${props.giftUrl}. Stripe's refund: ${props.stripeRefundId}.`}</Text>
    </EmailLayout>
  );
}

export const refundFailedEmail: EmailTemplate<RefundFailedProps> = {
  props: refundFailedProps,
  subject: ({ amount }) => `Refund failed: ${amount} was not returned to the donor`,
  component: RefundFailedEmail,
};
