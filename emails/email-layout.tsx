import type { ReactNode } from "react";
import { Body, Container, Head, Hr, Html, Preview, Section, Text } from "react-email";

export interface EmailLayoutProps {
  organisationName: string;
  preview: string;
  children: ReactNode;
  /** Small print under the message (tax statement, unsubscribe line…). */
  footer?: ReactNode;
}

const styles = {
  body: { backgroundColor: "#f6f5f2", fontFamily: "Helvetica, Arial, sans-serif", color: "#1c1917", margin: 0, padding: "24px 0" },
  container: { backgroundColor: "#ffffff", borderRadius: "8px", maxWidth: "560px", margin: "0 auto", padding: "32px" },
  brand: { fontSize: "14px", fontWeight: 700, letterSpacing: "0.04em", textTransform: "uppercase" as const, color: "#9a3412", margin: "0 0 16px" },
  footer: { fontSize: "12px", lineHeight: "18px", color: "#57534e" },
};

/** Shared frame for every Lantern email: organisation name on top, small print below. */
export function EmailLayout({ organisationName, preview, children, footer }: EmailLayoutProps) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{preview}</Preview>
      <Body style={styles.body}>
        <Container style={styles.container}>
          <Text style={styles.brand}>{organisationName}</Text>
          <Section>{children}</Section>
          {footer ? (
            <>
              <Hr />
              <Section style={styles.footer}>{footer}</Section>
            </>
          ) : null}
        </Container>
      </Body>
    </Html>
  );
}

export const emailText = { fontSize: "16px", lineHeight: "24px", margin: "0 0 16px" } as const;
export const emailButton = {
  backgroundColor: "#9a3412",
  borderRadius: "6px",
  color: "#ffffff",
  display: "inline-block",
  fontSize: "16px",
  fontWeight: 700,
  padding: "12px 20px",
  textDecoration: "none",
} as const;
