import { Button, Text } from "react-email";
import { z } from "zod";
import { EmailLayout, emailButton, emailText } from "./email-layout";
import type { EmailTemplate } from "./email-template";

/** Sent once per monthly invoice whose payment failed: the donor can update their card. */
export const monthlyPaymentFailedProps = z.object({
  organisationName: z.string(),
  donorName: z.string().nullable(),
  /** Formatted monthly amount, e.g. "$10.00". */
  amount: z.string(),
  campaignTitle: z.string(),
  /** Formatted date of Stripe's next attempt, when it will try again. */
  nextAttempt: z.string().nullable(),
  manageUrl: z.url(),
  /** A bank debit the bank did not complete ("US bank account"); absent or null for a card. */
  methodLabel: z.string().nullish(),
});
export type MonthlyPaymentFailedProps = z.infer<typeof monthlyPaymentFailedProps>;

function MonthlyPaymentFailedEmail(props: MonthlyPaymentFailedProps) {
  const greeting = props.donorName ? `Dear ${props.donorName},` : "Hello,";
  return (
    <EmailLayout organisationName={props.organisationName} preview={`Your monthly gift of ${props.amount} did not go through`}>
      {props.methodLabel ? (
        <>
          <Text style={emailText}>
            {`${greeting} thank you for your monthly gift of ${props.amount} to ${props.campaignTitle}. Your bank did not complete this month's payment by ${props.methodLabel}, so nothing was taken from your account.`}
          </Text>
          <Text style={emailText}>
            {props.nextAttempt
              ? `This happens sometimes, for example when an account has changed. We will try again on ${props.nextAttempt}; if you would like to give another way, you can update how you give:`
              : "This happens sometimes, for example when an account has changed. If you would like to keep your monthly gift going, you can update how you give:"}
          </Text>
        </>
      ) : (
        <>
          <Text
            style={emailText}
          >{`${greeting} we could not collect your monthly gift of ${props.amount} to ${props.campaignTitle}. Nothing was charged.`}</Text>
          <Text style={emailText}>
            {props.nextAttempt
              ? `We will try again on ${props.nextAttempt}. If your card has changed or expired, please update it before then:`
              : "If your card has changed or expired, please update it to keep your monthly gift going:"}
          </Text>
        </>
      )}
      <Button href={props.manageUrl} style={emailButton}>
        {props.methodLabel ? "Update how you give" : "Update your card"}
      </Button>
      <Text style={{ ...emailText, marginTop: "24px" }}>{`Thank you for standing with ${props.organisationName}.`}</Text>
    </EmailLayout>
  );
}

export const monthlyPaymentFailedEmail: EmailTemplate<MonthlyPaymentFailedProps> = {
  props: monthlyPaymentFailedProps,
  subject: ({ amount }) => `Your monthly gift of ${amount} did not go through`,
  component: MonthlyPaymentFailedEmail,
  // A signed link to the giving page that never expires.
  redactAfterSend: ["manageUrl"],
};
