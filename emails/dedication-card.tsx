import { Button, Section, Text } from "react-email";
import { z } from "zod";
import { EmailLayout, emailButton, emailText } from "./email-layout";
import type { EmailTemplate } from "./email-template";

/**
 * The card a dedication sends to the person the donor chose to tell: who gave (unless the donor
 * gave anonymously), in whose honour or memory, and to what. Never the amount: a gift is the
 * donor's to tell about, its size is not.
 */
export const dedicationCardProps = z.object({
  organisationName: z.string(),
  /** Whom the card greets, as the donor typed it; null for "Hello,". */
  recipientName: z.string().nullable(),
  /** The donor's name; null when they gave anonymously (or Stripe had no name). */
  donorName: z.string().nullable(),
  dedicationKind: z.enum(["in_honour", "in_memory"]),
  /** The person honoured or remembered. */
  dedicationName: z.string(),
  campaignTitle: z.string(),
  campaignUrl: z.url(),
});
export type DedicationCardProps = z.infer<typeof dedicationCardProps>;

const card = {
  border: "1px solid #e7e5e4",
  borderRadius: "8px",
  padding: "24px",
  margin: "0 0 24px",
  textAlign: "center" as const,
  backgroundColor: "#fffbeb",
};
const cardLine = { fontFamily: "Georgia, 'Times New Roman', serif", fontSize: "22px", lineHeight: "30px", margin: "0" };

function giver(props: DedicationCardProps): string {
  return props.donorName ?? "Someone who chose to give anonymously";
}

function DedicationCardEmail(props: DedicationCardProps) {
  const memory = props.dedicationKind === "in_memory";
  const greeting = props.recipientName ? `Dear ${props.recipientName},` : "Hello,";
  return (
    <EmailLayout organisationName={props.organisationName} preview={`A gift ${memory ? "in memory" : "in honour"} of ${props.dedicationName}`}>
      <Section style={card}>
        <Text style={{ ...emailText, fontSize: "14px", textTransform: "uppercase", letterSpacing: "0.08em", color: "#57534e" }}>
          {memory ? "In loving memory of" : "In honour of"}
        </Text>
        <Text style={cardLine}>{props.dedicationName}</Text>
      </Section>
      <Text style={emailText}>{greeting}</Text>
      <Text style={emailText}>
        {`${giver(props)} has made a gift to ${props.organisationName} ${memory ? "in memory" : "in honour"} of ${props.dedicationName}, for ${props.campaignTitle}, and asked us to let you know.`}
      </Text>
      <Button href={props.campaignUrl} style={emailButton}>
        See what the gift supports
      </Button>
      <Text style={{ ...emailText, marginTop: "24px" }}>{`With warm wishes from everyone at ${props.organisationName}.`}</Text>
    </EmailLayout>
  );
}

export const dedicationCardEmail: EmailTemplate<DedicationCardProps> = {
  props: dedicationCardProps,
  subject: (props) => `A gift ${props.dedicationKind === "in_memory" ? "in memory" : "in honour"} of ${props.dedicationName}`,
  component: DedicationCardEmail,
};
