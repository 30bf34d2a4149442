import { formatMoney } from "@/lib/money/money";
import { givenWhen, SUPPORTERS_SHOWN, type PublicSupporter } from "@/lib/donations/supporters";
import { SURFACE } from "./ui";

/**
 * The latest gifts to a campaign: a first name and initial or "Anonymous", the amount only for
 * gifts not made anonymously, and when. Dedications are not shown: the donation form never asked
 * donors whether theirs may be public. Nothing when there are no gifts yet (the panel then says
 * "Be the first to give").
 */
export function SupportersList({ supporters, now }: { supporters: PublicSupporter[]; now: Date }) {
  if (supporters.length === 0) return null;
  return (
    <section aria-labelledby="supporters-heading" className="space-y-4">
      <h2 id="supporters-heading" className="font-serif text-2xl font-bold">
        Recent supporters
      </h2>
      <ul className={`divide-y divide-stone-200 ${SURFACE}`}>
        {supporters.map((supporter, index) => (
          <li key={`${supporter.paidAt}-${index}`} className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 px-4 py-3">
            <span className="font-semibold">{supporter.anonymous ? "Anonymous" : (supporter.displayName ?? "A supporter")}</span>
            <span className="text-sm text-muted">
              {supporter.amount !== null ? (
                <>
                  <span className="font-semibold text-ink">
                    {formatMoney(supporter.amount, supporter.currency, { showCents: supporter.amount % 100 !== 0 })}
                  </span>
                  {supporter.monthly ? " monthly" : null}
                  {" · "}
                </>
              ) : supporter.monthly ? (
                "Monthly · "
              ) : null}
              <time dateTime={supporter.paidAt}>{givenWhen(supporter.paidAt, now)}</time>
            </span>
          </li>
        ))}
      </ul>
      {supporters.length >= SUPPORTERS_SHOWN ? <p className="text-sm text-muted">The latest {SUPPORTERS_SHOWN} gifts.</p> : null}
    </section>
  );
}
