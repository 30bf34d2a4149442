import { render, toPlainText } from "react-email";
import { emailTemplates, type EmailTemplateName } from "@/emails/registry";
import type { EmailTemplate } from "@/emails/email-template";

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

export function isEmailTemplateName(name: string): name is EmailTemplateName {
  return Object.hasOwn(emailTemplates, name);
}

/** Renders a registered template; props are validated again because they come back from JSON. */
export async function renderEmail(template: string, props: unknown): Promise<RenderedEmail> {
  if (!isEmailTemplateName(template)) throw new Error(`Unknown email template "${template}"`);
  const entry = emailTemplates[template] as EmailTemplate<unknown>;
  const parsed = entry.props.parse(props);
  const html = await render(entry.component(parsed));
  return { subject: entry.subject(parsed), html, text: toPlainText(html) };
}
