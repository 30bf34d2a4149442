import { compile } from "html-to-text";
import { render } from "react-email";
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

/**
 * react-email's toPlainText, compiled once: it passes these options to html-to-text's
 * convert(), which compiles its selectors into a decision tree on every call, and that was a
 * large share of each receipt's CPU. Kept equal to toPlainText by tests/unit/render-email.test.ts.
 */
export const toPlainText = compile({
  wordwrap: false,
  selectors: [
    { selector: "img", format: "skip" },
    { selector: "[data-skip-in-text=true]", format: "skip" },
    { selector: "a", options: { linkBrackets: false, hideLinkHrefIfSameAsText: true } },
    { selector: '[data-text-format="dataTable"]', format: "dataTable" },
    ...["td", "th"].map((selector) => ({ selector, format: "block", options: { leadingLineBreaks: 1, trailingLineBreaks: 1 } })),
  ],
});

/** Renders a registered template; props are validated again because they come back from JSON. */
export async function renderEmail(template: string, props: unknown): Promise<RenderedEmail> {
  if (!isEmailTemplateName(template)) throw new Error(`Unknown email template "${template}"`);
  const entry = emailTemplates[template] as EmailTemplate<unknown>;
  const parsed = entry.props.parse(props);
  const html = await render(entry.component(parsed));
  return { subject: entry.subject(parsed), html, text: toPlainText(html) };
}

export const REDACTED_PROP = "[removed after delivery]";

/** The props to keep once an email is sent: those its template marks `redactAfterSend` are blanked (an absent link stays absent). */
export function propsAfterDelivery(template: string, props: Record<string, unknown>): Record<string, unknown> {
  if (!isEmailTemplateName(template)) return props;
  const secret = (emailTemplates[template] as EmailTemplate<unknown>).redactAfterSend as readonly string[] | undefined;
  if (!secret?.length) return props;
  return Object.fromEntries(Object.entries(props).map(([key, value]) => [key, secret.includes(key) && value != null ? REDACTED_PROP : value]));
}
