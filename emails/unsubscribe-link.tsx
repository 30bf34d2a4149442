import { Button, Link, Text } from "react-email";
import { z } from "zod";
import { EmailLayout, emailButton, emailText } from "./email-layout";
import type { EmailTemplate } from "./email-template";

/** Sent when someone asks for an unsubscribe link on /unsubscribe, only to an address on the list. */
export const unsubscribeLinkProps = z.object({
  organisationName: z.string(),
  /** The unsubscribe page for this address (one button; opening it changes nothing). */
  unsubscribeUrl: z.url(),
});
export type UnsubscribeLinkProps = z.infer<typeof unsubscribeLinkProps>;

function UnsubscribeLinkEmail({ organisationName, unsubscribeUrl }: UnsubscribeLinkProps) {
  return (
    <EmailLayout
      organisationName={organisationName}
      preview="Your link to stop our email updates"
      footer={<Text style={{ margin: 0 }}>{`You received this because someone asked on the ${organisationName} website to unsubscribe this address.`}</Text>}
    >
      <Text style={emailText}>{`To stop receiving email updates from ${organisationName}, open this page and press "Unsubscribe":`}</Text>
      <Button href={unsubscribeUrl} style={emailButton}>
        Unsubscribe
      </Button>
      <Text style={emailText}>If the button does not work, copy this address into your browser:</Text>
      <Text style={{ ...emailText, wordBreak: "break-all" }}>
        <Link href={unsubscribeUrl}>{unsubscribeUrl}</Link>
      </Text>
      <Text style={emailText}>If you did not ask for this, ignore this email: nothing changes.</Text>
    </EmailLayout>
  );
}

export const unsubscribeLinkEmail: EmailTemplate<UnsubscribeLinkProps> = {
  props: unsubscribeLinkProps,
  subject: ({ organisationName }) => `Unsubscribe from ${organisationName} updates`,
  component: UnsubscribeLinkEmail,
};
