import { env } from "@/lib/env";

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

/** Where every "contact us" points. */
export function contactHref(email = organisation().contactEmail, subject?: string): string {
  return `mailto:${email}${subject ? `?subject=${encodeURIComponent(subject)}` : ""}`;
}

/** Who issues a receipt, as the receipt emails carry it (emails/gift-receipt.tsx). */
export function receiptIssuer(): { organisationName: string; taxStatement: string; organisationDetails: string[] } {
  const org = organisation();
  return {
    organisationName: org.name,
    taxStatement: org.taxStatement,
    organisationDetails: [org.legalName, org.registrationNumber, org.addressLines.join(", "), org.contactEmail],
  };
}
