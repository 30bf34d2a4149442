import { Button, Text } from "react-email";
import { z } from "zod";
import { EmailLayout, emailButton, emailText } from "./email-layout";
import type { EmailTemplate } from "./email-template";

/** Sent once when a one-off gift by bank debit did not go through: nothing was taken; a link to try again. */
export const bankDebitFailedProps = z.object({
  organisationName: z.string(),
  donorName: z.string().nullable(),
  amount: z.string(),
  campaignTitle: z.string(),
  methodLabel: z.string(),
  /** The campaign's page (or /donate), where the donor can give again. */
  tryAgainUrl: z.url(),
});
export type BankDebitFailedProps = z.infer<typeof bankDebitFailedProps>;

function BankDebitFailedEmail(props: BankDebitFailedProps) {
  const greeting = props.donorName ? `Dear ${props.donorName},` : "Hello,";
  return (
    <EmailLayout organisationName={props.organisationName} preview={`Your gift of ${props.amount} did not go through`}>
      <Text style={emailText}>
        {`${greeting} thank you for wanting to give ${props.amount} to ${props.campaignTitle}. Your bank did not complete the payment by ${props.methodLabel}, so nothing was taken from your account.`}
      </Text>
      <Text style={emailText}>
        This happens sometimes, for example when an account has changed. If you would still like to give, you can try again with a card or another account:
      </Text>
      <Button href={props.tryAgainUrl} style={emailButton}>
        Try again
      </Button>
      <Text style={{ ...emailText, marginTop: "24px" }}>{`Thank you for thinking of ${props.organisationName}.`}</Text>
    </EmailLayout>
  );
}

export const bankDebitFailedEmail: EmailTemplate<BankDebitFailedProps> = {
  props: bankDebitFailedProps,
  subject: ({ amount }) => `Your gift of ${amount} did not go through`,
  component: BankDebitFailedEmail,
};
