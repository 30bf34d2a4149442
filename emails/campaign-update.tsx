import { Button, Link, Section, Text } from "react-email";
import { z } from "zod";
import { EmailLayout, emailButton, emailText } from "./email-layout";
import type { EmailTemplate } from "./email-template";

/**
 * An update to confirmed subscribers (lib/updates/update-email.ts). Rendered once per update;
 * the reader's own unsubscribe link is put in per recipient, so 100,000 emails cost one render.
 */
export const campaignUpdateProps = z.object({
  organisationName: z.string(),
  title: z.string().min(1),
  /** The update's Markdown, rendered and sanitised exactly as on the site. */
  bodyHtml: z.string(),
  /** The campaign it is about, or null for news from the whole organisation. */
  campaignTitle: z.string().nullable(),
  /** "Dear Min-ji," or "Hello,". */
  greeting: z.string().min(1),
  /** Where the update is on the site (the campaign page or /updates). */
  pageUrl: z.url(),
  /** The page with the "Unsubscribe" button; the one-click URL travels in the List-Unsubscribe header. */
  unsubscribeUrl: z.url(),
});
export type CampaignUpdateProps = z.infer<typeof campaignUpdateProps>;

function CampaignUpdateEmail({ organisationName, title, bodyHtml, campaignTitle, greeting, pageUrl, unsubscribeUrl }: CampaignUpdateProps) {
  return (
    <EmailLayout
      organisationName={organisationName}
      preview={campaignTitle ? `Update on ${campaignTitle}: ${title}` : title}
      footer={
        <>
          <Text style={{ margin: "0 0 8px" }}>{`You are receiving this because you subscribed to email updates from ${organisationName}.`}</Text>
          <Text style={{ margin: 0 }}>
            <Link href={unsubscribeUrl}>Unsubscribe from these updates</Link>
          </Text>
        </>
      }
    >
      {campaignTitle ? <Text style={{ ...emailText, margin: "0 0 4px", color: "#57534e" }}>{`Update on ${campaignTitle}`}</Text> : null}
      <Text style={{ ...emailText, fontSize: "22px", lineHeight: "28px", fontWeight: 700 }}>{title}</Text>
      <Text style={emailText}>{greeting}</Text>
      <Section style={emailText}>
        <div dangerouslySetInnerHTML={{ __html: bodyHtml }} />
      </Section>
      <Button href={pageUrl} style={emailButton}>
        Read it on our site
      </Button>
    </EmailLayout>
  );
}

export const campaignUpdateEmail: EmailTemplate<CampaignUpdateProps> = {
  props: campaignUpdateProps,
  subject: ({ title }) => title,
  component: CampaignUpdateEmail,
};
