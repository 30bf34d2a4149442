import { contactHref, DEMO_ORGANISATION_NOTE, organisation, publicOrganisationDetails } from "@/lib/organisation/organisation";
import { FooterSubscribe } from "./footer-subscribe";

/** Every page's footer: who runs the site (ORG_* settings), how to reach them, and the sign-up form. Not printed. */
export function SiteFooter() {
  const org = organisation();
  const details = publicOrganisationDetails(org);
  return (
    <footer className="border-t border-stone-200 bg-white print:hidden">
      <FooterSubscribe />
      <div className="mx-auto grid max-w-5xl gap-6 px-4 py-8 text-sm text-muted sm:grid-cols-2">
        <div className="space-y-3">
          <p>{org.mission}</p>
          {details.demo ? (
            <p className="font-semibold text-ink" data-testid="demo-organisation">
              {DEMO_ORGANISATION_NOTE}
            </p>
          ) : null}
          <address className="not-italic">
            <span className="block font-semibold text-ink">{org.legalName}</span>
            {details.registrationNumber ? <span className="block">{details.registrationNumber}</span> : null}
            {details.addressLines.map((line) => (
              <span key={line} className="block">
                {line}
              </span>
            ))}
            <a href={contactHref(org.contactEmail)} className="underline hover:text-brand-700">
              {org.contactEmail}
            </a>
          </address>
        </div>
        <nav aria-label="Footer">
          <ul className="flex flex-wrap gap-4 sm:justify-end">
            <li>
              <a href="/about" className="underline hover:text-brand-700">
                About us
              </a>
            </li>
            <li>
              <a href={contactHref(org.contactEmail)} className="underline hover:text-brand-700">
                Contact
              </a>
            </li>
            <li>
              <a href="/privacy" className="underline hover:text-brand-700">
                Privacy
              </a>
            </li>
            <li>
              <a href="/donate" className="underline hover:text-brand-700">
                Give to the general fund
              </a>
            </li>
            <li>
              <a href="/donate/manage" className="underline hover:text-brand-700">
                Manage your giving
              </a>
            </li>
          </ul>
        </nav>
      </div>
    </footer>
  );
}
