import { Button, Link, Text } from "react-email";
import { z } from "zod";
import { EmailLayout, emailButton, emailText } from "./email-layout";
import type { EmailTemplate } from "./email-template";

/** An update to confirmed subscribers (lib/subscribers/send-update.ts): plain paragraphs, one optional link. */
export const campaignUpdateProps = z.object({
  organisationName: z.string(),
  subject: z.string().min(1),
  heading: z.string().min(1),
  paragraphs: z.array(z.string().min(1)).min(1),
  link: z.object({ label: z.string().min(1), url: z.url() }).nullable(),
  firstName: z.string().nullable(),
  /** The page with the "Unsubscribe" button; the one-click URL travels in the List-Unsubscribe header. */
  unsubscribeUrl: z.url(),
});
export type CampaignUpdateProps = z.infer<typeof campaignUpdateProps>;

function CampaignUpdateEmail({ organisationName, heading, paragraphs, link, firstName, unsubscribeUrl }: CampaignUpdateProps) {
  return (
    <EmailLayout
      organisationName={organisationName}
      preview={paragraphs[0] ?? heading}
      footer={
        <>
          <Text style={{ margin: "0 0 8px" }}>{`You are receiving this because you subscribed to email updates from ${organisationName}.`}</Text>
          <Text style={{ margin: 0 }}>
            <Link href={unsubscribeUrl}>Unsubscribe from these updates</Link>
          </Text>
        </>
      }
    >
      <Text style={{ ...emailText, fontSize: "22px", lineHeight: "28px", fontWeight: 700 }}>{heading}</Text>
      <Text style={emailText}>{firstName ? `Dear ${firstName},` : "Hello,"}</Text>
      {paragraphs.map((paragraph, index) => (
        <Text key={index} style={emailText}>
          {paragraph}
        </Text>
      ))}
      {link ? (
        <Button href={link.url} style={emailButton}>
          {link.label}
        </Button>
      ) : null}
    </EmailLayout>
  );
}

export const campaignUpdateEmail: EmailTemplate<CampaignUpdateProps> = {
  props: campaignUpdateProps,
  subject: ({ subject }) => subject,
  component: CampaignUpdateEmail,
};
