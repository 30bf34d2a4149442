import { Button, Link, Text } from "react-email";
import { z } from "zod";
import { EmailLayout, emailButton, emailText } from "./email-layout";
import type { EmailTemplate } from "./email-template";

/*
 * Sent to an address nobody has verified yet, so it carries nothing the sign-up form let a
 * stranger type (no first name): the form cannot be used to send messages to third parties.
 */
export const subscriptionConfirmationProps = z.object({
  organisationName: z.string(),
  confirmUrl: z.url(),
  /** "2 days", "48 hours": how long the link works. */
  expiresIn: z.string(),
  /** The unsubscribe page for this address: a way out before (or instead of) confirming. Absent on emails queued before it. */
  unsubscribeUrl: z.url().nullish(),
});
export type SubscriptionConfirmationProps = z.infer<typeof subscriptionConfirmationProps>;

function SubscriptionConfirmationEmail({ organisationName, confirmUrl, expiresIn, unsubscribeUrl }: SubscriptionConfirmationProps) {
  return (
    <EmailLayout
      organisationName={organisationName}
      preview="Confirm your email to start receiving updates"
      footer={
        <>
          <Text style={{ margin: 0 }}>{`You received this because this address was entered in the sign-up form on the ${organisationName} website.`}</Text>
          {unsubscribeUrl ? (
            <Text style={{ margin: "8px 0 0" }}>
              <Link href={unsubscribeUrl}>Unsubscribe: never email this address again</Link>
            </Text>
          ) : null}
        </>
      }
    >
      <Text style={emailText}>{`Please confirm that you want email updates from ${organisationName}.`}</Text>
      <Button href={confirmUrl} style={emailButton}>
        Confirm my subscription
      </Button>
      <Text style={emailText}>{`The link works once and expires in ${expiresIn}. If the button does not work, copy this address into your browser:`}</Text>
      <Text style={{ ...emailText, wordBreak: "break-all" }}>
        <Link href={confirmUrl}>{confirmUrl}</Link>
      </Text>
      <Text style={emailText}>If you did not sign up, ignore this email: you will not be subscribed and we will not write again.</Text>
    </EmailLayout>
  );
}

export const subscriptionConfirmationEmail: EmailTemplate<SubscriptionConfirmationProps> = {
  props: subscriptionConfirmationProps,
  subject: ({ organisationName }) => `Confirm your subscription to ${organisationName}`,
  component: SubscriptionConfirmationEmail,
  // The link confirms a subscription until it expires: once delivered, the outbox keeps no copy.
  redactAfterSend: ["confirmUrl"],
};
