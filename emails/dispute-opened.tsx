import { Text } from "react-email";
import { z } from "zod";
import { EmailLayout, emailText } from "./email-layout";
import type { EmailTemplate } from "./email-template";

/** Sent once per dispute to every admin when a cardholder's bank disputes a payment. */
export const disputeOpenedProps = z.object({
  organisationName: z.string(),
  /** Formatted disputed amount, e.g. "$25.00". */
  amount: z.string(),
  /** The bank's reason in words, e.g. "Fraudulent". */
  reason: z.string(),
  /** Formatted last moment to respond (UTC), or null when Stripe gave none. */
  evidenceDueBy: z.string().nullable(),
  /** "$25.00 to Free the Press from ana@example.org on November 24, 2026", or null when no recorded gift matches yet. */
  gift: z.string().nullable(),
  stripeDisputeId: z.string(),
  stripeChargeId: z.string(),
});
export type DisputeOpenedProps = z.infer<typeof disputeOpenedProps>;

function DisputeOpenedEmail(props: DisputeOpenedProps) {
  return (
    <EmailLayout organisationName={props.organisationName} preview={`A gift of ${props.amount} was disputed`}>
      <Text style={emailText}>{`A cardholder's bank has disputed a payment of ${props.amount}. Reason given: ${props.reason}.`}</Text>
      <Text style={emailText}>
        {props.gift ? `The gift: ${props.gift}.` : `No gift recorded in Lantern matches this payment yet (charge ${props.stripeChargeId}).`}
      </Text>
      <Text style={emailText}>
        {props.evidenceDueBy
          ? `Respond with evidence in the Stripe Dashboard by ${props.evidenceDueBy}, or the dispute is lost.`
          : "Respond in the Stripe Dashboard as soon as you can."}
      </Text>
      <Text style={emailText}>{`If the dispute is lost, the gift comes off every "raised" total. Stripe's dispute: ${props.stripeDisputeId}.`}</Text>
    </EmailLayout>
  );
}

export const disputeOpenedEmail: EmailTemplate<DisputeOpenedProps> = {
  props: disputeOpenedProps,
  subject: ({ amount, evidenceDueBy }) => `Dispute: a gift of ${amount} was disputed${evidenceDueBy ? `, respond by ${evidenceDueBy}` : ""}`,
  component: DisputeOpenedEmail,
};
