import { Button, Text } from "react-email";
import { z } from "zod";
import { EmailLayout, emailButton, emailText } from "./email-layout";
import type { EmailTemplate } from "./email-template";

/** Sent when a donor asks on /donate/manage (or staff send it): a single-use link to their giving page. */
export const donorManageLinkProps = z.object({
  organisationName: z.string(),
  donorName: z.string().nullable(),
  url: z.url(),
  /** e.g. "1 hour". */
  expiresIn: z.string(),
});
export type DonorManageLinkProps = z.infer<typeof donorManageLinkProps>;

function DonorManageLinkEmail(props: DonorManageLinkProps) {
  const greeting = props.donorName ? `Dear ${props.donorName},` : "Hello,";
  return (
    <EmailLayout organisationName={props.organisationName} preview="Your link to manage your giving">
      <Text style={emailText}>
        {`${greeting} here is your link to see your gifts to ${props.organisationName}, get their receipts, and change or cancel a monthly gift. It works once and expires in ${props.expiresIn}.`}
      </Text>
      <Button href={props.url} style={emailButton}>
        Manage my giving
      </Button>
      <Text style={{ ...emailText, marginTop: "24px" }}>If you did not ask for this link, you can ignore this email; nothing has changed.</Text>
    </EmailLayout>
  );
}

export const donorManageLinkEmail: EmailTemplate<DonorManageLinkProps> = {
  props: donorManageLinkProps,
  subject: ({ organisationName }) => `Your link to manage your giving to ${organisationName}`,
  component: DonorManageLinkEmail,
  redactAfterSend: ["url"],
};
