import type { Metadata } from "next";
import type { ReactNode } from "react";
import { contactHref, organisation } from "@/lib/organisation/organisation";
import { UNCONFIRMED_RETENTION_DAYS } from "@/lib/subscribers/subscription-settings";
import { updatesFeedAlternate } from "@/lib/updates/update-links";

export const metadata: Metadata = {
  title: "Privacy",
  description: "What we store about you, why, for how long, and how to have it removed.",
  alternates: { canonical: "/privacy", types: updatesFeedAlternate() },
};

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="space-y-3">
      <h2 id={id} className="font-serif text-2xl font-bold">
        {title}
      </h2>
      {children}
    </section>
  );
}

/** The privacy page, in plain words. Keep it true: it describes what lib/subscribers and lib/payments do. */
export default function PrivacyPage() {
  const { name: ORG_NAME, contactEmail: contact } = organisation();
  return (
    <article className="mx-auto max-w-3xl space-y-10 px-4 py-12" aria-labelledby="privacy-heading">
      <header className="space-y-3">
        <h1 id="privacy-heading" className="font-serif text-4xl font-bold">
          Privacy
        </h1>
        <p className="text-lg text-muted">
          {`${ORG_NAME} keeps as little about you as it can, only for the reasons below, and never sells or shares it for anyone else's marketing.`}
        </p>
      </header>

      <Section id="updates-heading" title="If you sign up for email updates">
        <p>We store:</p>
        <ul className="list-disc space-y-1 pl-6">
          <li>your email address, and your first name if you give it (so we can greet you);</li>
          <li>which page you signed up on (for example the home page or a campaign), so we know which stories move people;</li>
          <li>the sentence you agreed to beside the form, word for word, and when you agreed;</li>
          <li>when you confirmed your address, and when you unsubscribed, if you do;</li>
          <li>a record of each email we sent you: the address, the subject and the time.</li>
        </ul>
        <p>
          We use your address only to send the updates you asked for. Nobody is added without clicking the link in our confirmation email (“double opt-in”), so
          nobody can sign you up against your will.
        </p>
        <p>{`If you never click that link, we delete your sign-up after ${UNCONFIRMED_RETENTION_DAYS} days.`}</p>
      </Section>

      <Section id="unsubscribe-heading" title="Unsubscribing">
        <p>
          Every update has an unsubscribe link, and most email apps show an “Unsubscribe” button that works in one click. After that we send no more updates. We
          keep your address marked as unsubscribed, with the time, so we never email you updates by mistake. If you would rather we delete it completely,{" "}
          <a href={contactHref(contact)} className="font-semibold text-brand-700 underline">
            write to us
          </a>{" "}
          and we will.
        </p>
      </Section>

      <Section id="giving-heading" title="If you give">
        <p>
          Your card or wallet details go straight to our payment processor, Stripe, and never reach our servers. We keep your name, email address, each gift
          (amount, date, campaign, monthly or one-off, any dedication you wrote, and whether you asked to stay anonymous) and the Stripe references that link
          them, so we can send receipts, let you manage monthly giving, and keep the records charity and tax law require.
        </p>
        <p>
          Giving does not sign you up for updates. The donation form has a box, “Email me updates about this campaign”, which starts unticked. Only if you tick
          it do we treat your gift&rsquo;s email address as a sign-up: we send the same confirmation email as the sign-up forms, and you get updates only after
          you click its link. We record that you ticked the box, the sentence beside it and when.
        </p>
      </Section>

      <Section id="services-heading" title="Who helps us">
        <ul className="list-disc space-y-1 pl-6">
          <li>Stripe processes payments.</li>
          <li>
            Resend delivers our emails. If you confirm a subscription to updates, your address and first name may also be kept in our contact list there, and
            are marked unsubscribed there when you unsubscribe.
          </li>
        </ul>
        <p>Both act on our instructions only.</p>
      </Section>

      <Section id="protection-heading" title="Protecting the forms from abuse">
        <p>
          To stop people from flooding someone&rsquo;s inbox or our lists, we count sign-up attempts per email address and per network (IP) address for up to an
          hour. The counters hold scrambled codes, not the addresses themselves. The site sets no advertising or tracking cookies.
        </p>
      </Section>

      <Section id="rights-heading" title="Your rights">
        <p>
          You can ask what we hold about you, ask us to correct it, or ask us to delete it. Write to{" "}
          <a href={contactHref(contact)} className="font-semibold text-brand-700 underline">
            {contact}
          </a>{" "}
          or reply to any of our emails.
        </p>
      </Section>
    </article>
  );
}
