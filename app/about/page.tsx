import type { Metadata } from "next";
import { contactHref, organisation, publicOrganisationDetails } from "@/lib/organisation/organisation";
import { updatesFeedAlternate } from "@/lib/updates/update-links";

export const metadata: Metadata = {
  title: "About us",
  description: "Who runs this site: our mission, legal name, registration, address and how to reach us.",
  alternates: { canonical: "/about", types: updatesFeedAlternate() },
};

/** Static: rendered with the ORG_* settings on the first request after the server starts (lib/env buildTimeSource), then kept. */
export const dynamic = "force-static";

/** Who we are, from the organisation settings (lib/organisation). */
export default function AboutPage() {
  const org = organisation();
  const details = publicOrganisationDetails(org);
  return (
    <article className="mx-auto max-w-3xl space-y-10 px-4 py-12" aria-labelledby="about-heading">
      <header className="space-y-3">
        <h1 id="about-heading" className="font-serif text-4xl font-bold">
          {`About ${org.name}`}
        </h1>
        <p className="text-lg text-muted">{org.mission}</p>
      </header>

      <section aria-labelledby="who-heading" className="space-y-3">
        <h2 id="who-heading" className="font-serif text-2xl font-bold">
          Who runs this site
        </h2>
        {details.demo ? (
          <p className="rounded-md bg-amber-100 p-3 font-semibold text-amber-950">
            This is a demo organisation: its registration number, postal address and tax wording are not set yet, so they are not shown.
          </p>
        ) : null}
        <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-[auto_1fr]">
          <dt className="font-semibold">Legal name</dt>
          <dd>{org.legalName}</dd>
          {details.registrationNumber ? (
            <>
              <dt className="font-semibold">Registration</dt>
              <dd>{details.registrationNumber}</dd>
            </>
          ) : null}
          {details.addressLines.length > 0 ? (
            <>
              <dt className="font-semibold">Postal address</dt>
              <dd>
                <address className="not-italic">
                  {details.addressLines.map((line) => (
                    <span key={line} className="block">
                      {line}
                    </span>
                  ))}
                </address>
              </dd>
            </>
          ) : null}
          <dt className="font-semibold">Email</dt>
          <dd>
            <a href={contactHref(org.contactEmail)} className="font-semibold text-brand-700 underline">
              {org.contactEmail}
            </a>
          </dd>
        </dl>
      </section>

      <section aria-labelledby="gifts-heading" className="space-y-3">
        <h2 id="gifts-heading" className="font-serif text-2xl font-bold">
          Your gifts
        </h2>
        {org.taxStatement.includes("00-0000000") ? null : <p>{org.taxStatement}</p>}
        <p>
          Every gift gets a numbered receipt by email, with a link to a page you can print or save. Every campaign page shows what it has raised, net of
          refunds.
        </p>
      </section>

      <section aria-labelledby="contact-heading" className="space-y-3">
        <h2 id="contact-heading" className="font-serif text-2xl font-bold">
          Contact us
        </h2>
        <p>
          For a question about a gift or a receipt, a larger gift, or what we hold about you, write to{" "}
          <a href={contactHref(org.contactEmail)} className="font-semibold text-brand-700 underline">
            {org.contactEmail}
          </a>
          .
        </p>
      </section>
    </article>
  );
}
