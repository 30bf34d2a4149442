import { env, PLACEHOLDER_ADDRESS } from "@/lib/env";

/**
 * Who runs the site, as donors see it: the footer, /about, receipt pages and emails. Read from
 * the ORG_* settings (lib/env validates them; production with a real Stripe key refuses the
 * placeholders).
 */
export interface Organisation {
  name: string;
  legalName: string;
  registrationNumber: string;
  taxStatement: string;
  addressLines: string[];
  contactEmail: string;
  mission: string;
}

export function organisation(): Organisation {
  const { ORG_NAME, ORG_LEGAL_NAME, ORG_REGISTRATION_NUMBER, ORG_TAX_STATEMENT, ORG_ADDRESS, ORG_CONTACT_EMAIL, ORG_MISSION } = env();
  return {
    name: ORG_NAME,
    legalName: ORG_LEGAL_NAME ?? ORG_NAME,
    registrationNumber: ORG_REGISTRATION_NUMBER,
    taxStatement: ORG_TAX_STATEMENT,
    addressLines: ORG_ADDRESS,
    contactEmail: ORG_CONTACT_EMAIL,
    mission: ORG_MISSION,
  };
}

/**
 * The details a visitor may see: the defaults that stand in until the operator sets ORG_*
 * ("EIN 00-0000000", "1 Example Street") are left out rather than shown as if real, and
 * `demo` says that this installation runs on them (a development or demo site), so pages can
 * say plainly that this is a demo organisation.
 */
export function publicOrganisationDetails(org: Organisation = organisation()): { registrationNumber: string | null; addressLines: string[]; demo: boolean } {
  const placeholderNumber = org.registrationNumber.includes("00-0000000");
  const placeholderAddress = org.addressLines.join("; ") === PLACEHOLDER_ADDRESS;
  return {
    registrationNumber: placeholderNumber ? null : org.registrationNumber,
    addressLines: placeholderAddress ? [] : org.addressLines,
    demo: placeholderNumber || placeholderAddress,
  };
}

/** Said where a demo's placeholder registration number and address would stand (footer, about, receipts). */
export const DEMO_ORGANISATION_NOTE = "This is a demo organisation: its registration number and address are not set yet.";

/** Where every "contact us" points. */
export function contactHref(email = organisation().contactEmail, subject?: string): string {
  return `mailto:${email}${subject ? `?subject=${encodeURIComponent(subject)}` : ""}`;
}

/** Who issues a receipt, as the receipt emails carry it (emails/gift-receipt.tsx). */
export function receiptIssuer(): { organisationName: string; taxStatement: string; organisationDetails: string[] } {
  const org = organisation();
  const details = publicOrganisationDetails(org);
  return {
    organisationName: org.name,
    taxStatement: org.taxStatement,
    // A demo's placeholder number and address are never printed (production refuses them with a real Stripe key).
    organisationDetails: [
      org.legalName,
      details.registrationNumber,
      details.addressLines.join(", "),
      org.contactEmail,
      details.demo ? DEMO_ORGANISATION_NOTE : null,
    ].filter((line): line is string => Boolean(line)),
  };
}
