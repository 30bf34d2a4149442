import { Button, Text } from "react-email";
import { z } from "zod";
import { EmailLayout, emailButton, emailText } from "./email-layout";
import type { EmailTemplate } from "./email-template";

export const signInLinkProps = z.object({
  organisationName: z.string(),
  url: z.url(),
});
export type SignInLinkProps = z.infer<typeof signInLinkProps>;

function SignInLinkEmail({ organisationName, url }: SignInLinkProps) {
  return (
    <EmailLayout organisationName={organisationName} preview="Your sign-in link">
      <Text style={emailText}>{`Use this link to sign in to ${organisationName}. It works once and expires in 24 hours.`}</Text>
      <Button href={url} style={emailButton}>
        Sign in
      </Button>
      <Text style={emailText}>If you did not ask to sign in, you can ignore this email.</Text>
    </EmailLayout>
  );
}

export const signInLinkEmail: EmailTemplate<SignInLinkProps> = {
  props: signInLinkProps,
  subject: ({ organisationName }) => `Sign in to ${organisationName}`,
  component: SignInLinkEmail,
};
