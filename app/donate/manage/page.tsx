import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import { cookies } from "next/headers";
import { connection } from "next/server";
import { getDb } from "@/db/client";
import { formatGiftDate } from "@/lib/donations/gift-wording";
import { donorGiftYears, isStatementYear } from "@/lib/donations/giving-statement";
import { donorGiving, withLiveStripeState, type DonorGiving, type MonthlyGiftSummary, type PastGift } from "@/lib/donors/donor-giving";
import { donorWithManageAccess } from "@/lib/donors/manage-access";
import { amountFieldValue } from "@/lib/donors/manage-page";
import { MANAGE_SESSION_COOKIE } from "@/lib/donors/manage-session";
import { describeMonthlyGiftStatus, isLiveMonthlyGift } from "@/lib/donors/monthly-gift-wording";
import { formatMoney } from "@/lib/money/money";
import { contactHref, organisation } from "@/lib/organisation/organisation";
import { stripe } from "@/lib/payments/stripe-client";
import { receiptPath } from "@/lib/receipts/receipt-link";
import { forgetMeAction, leaveManagePageAction } from "./actions";
import { GivingStatementForm, MonthlyGiftControls, OpenLinkForm, RequestLinkForm, ResendReceiptForm } from "./giving-forms";

export const metadata: Metadata = { title: "Manage your giving", robots: { index: false, follow: false } };

interface ManagePageProps {
  searchParams: Promise<{ token?: string | string[]; link?: string | string[]; forget?: string | string[] }>;
}

const single = (value: string | string[] | undefined) => (typeof value === "string" ? value : undefined);

/**
 * A donor's giving page. Opened from a receipt's signed link (`?token=`), from an emailed
 * single-use link (`?link=`, used by pressing a button: mail scanners that follow links use up
 * nothing), or with the session such a link started. Anyone else can ask for a link by email.
 */
export default async function ManageGivingPage({ searchParams }: ManagePageProps) {
  await connection();
  const params = await searchParams;
  const link = single(params.link);
  const token = single(params.token) ?? null;
  const contact = organisation().contactEmail;

  if (link) {
    return (
      <Shell contact={contact}>
        <p>Press the button to open your giving page. The link in your email works once, for 1 hour.</p>
        <OpenLinkForm link={link} />
        <RequestLink />
      </Shell>
    );
  }

  const db = await getDb();
  const donorId = await donorWithManageAccess(db, stripe(), { receiptToken: token, session: (await cookies()).get(MANAGE_SESSION_COOKIE)?.value });
  const giving = donorId ? await donorGiving(db, donorId) : null;
  if (!giving) {
    return (
      <Shell contact={contact}>
        {token ? <p role="alert">This link is not valid. You can ask for a new one below.</p> : null}
        <p>See your gifts, get their receipts, and change or cancel a monthly gift. We will email you a link to your giving page.</p>
        <RequestLink />
      </Shell>
    );
  }
  if (giving.donor.erasedAt) {
    return (
      <Shell contact={contact}>
        <p role="status">{`We erased your personal data on ${formatGiftDate(giving.donor.erasedAt)}, as you asked.`}</p>
        <p>
          We keep only what the law on financial records requires of each gift: its amount, date, campaign and receipt number, with nothing that says who gave
          it.
        </p>
      </Shell>
    );
  }
  const monthlyGifts = await withLiveStripeState(stripe(), giving.monthlyGifts);
  return (
    <Shell contact={contact}>
      <p className="break-words">{`Signed in as ${giving.donor.email}.`}</p>
      <MonthlyGifts gifts={monthlyGifts} token={token} />
      <PastGifts gifts={giving.gifts} token={token} />
      <GivingStatements years={(await donorGiftYears(db, giving.donor.id)).filter((year) => isStatementYear(year))} token={token} />
      <YourData token={token} forget={single(params.forget) ?? null} liveMonthlyGifts={monthlyGifts.filter(isLiveMonthlyGift).length} />
      {token ? null : (
        <form action={leaveManagePageAction}>
          <button type="submit" className="font-semibold text-brand-700 underline">
            Sign out of this page
          </button>
        </form>
      )}
    </Shell>
  );
}

function Shell({ contact, children }: { contact: string; children: React.ReactNode }) {
  return (
    <div className="mx-auto max-w-3xl space-y-8 px-4 py-12">
      <h1 className="font-serif text-3xl font-bold">Manage your giving</h1>
      {children}
      <p>
        {"No access to your email, or a question about a gift? Write to us at "}
        <a href={contactHref(contact)} className="font-semibold text-brand-700 underline">
          {contact}
        </a>
        .
      </p>
    </div>
  );
}

function RequestLink() {
  return (
    <section aria-labelledby="request-link-heading" className="space-y-3">
      <h2 id="request-link-heading" className="font-serif text-2xl font-bold">
        Email me a link
      </h2>
      <p>Enter the address you gave with. If it is one of our donors&rsquo;, we will email it a link that works once, for 1 hour.</p>
      <RequestLinkForm />
    </section>
  );
}

function MonthlyGifts({ gifts, token }: { gifts: MonthlyGiftSummary[]; token: string | null }) {
  return (
    <section aria-labelledby="monthly-heading" className="space-y-4">
      <h2 id="monthly-heading" className="font-serif text-2xl font-bold">
        Monthly and yearly gifts
      </h2>
      {gifts.length === 0 ? <p>You have no monthly or yearly gifts.</p> : null}
      {gifts.map((gift) => {
        const status = describeMonthlyGiftStatus(gift);
        const headingId = `monthly-gift-${gift.id}`;
        const yearly = gift.interval === "year";
        return (
          <article key={gift.id} aria-labelledby={headingId} className="space-y-3 rounded-lg border border-stone-300 p-4">
            <h3 id={headingId} className="text-lg font-bold">
              {`${formatMoney(gift.amount, gift.currency, { showCents: true })} a ${yearly ? "year" : "month"} to ${gift.campaignTitle}`}
            </h3>
            <p>
              <strong>{status.label}.</strong> {status.detail}
            </p>
            {isLiveMonthlyGift(gift) ? (
              <MonthlyGiftControls
                token={token}
                gift={gift.id}
                requests={{ change: randomUUID(), cancel: randomUUID(), keep: randomUUID(), pause: randomUUID(), resume: randomUUID() }}
                currency={gift.currency}
                amount={amountFieldValue(gift.amount, gift.currency)}
                ending={gift.endsAt !== null}
                interval={yearly ? "year" : "month"}
                paused={gift.pausedUntil !== null}
                summary={`${formatMoney(gift.amount, gift.currency, { showCents: true })} ${yearly ? "yearly" : "monthly"} gift to ${gift.campaignTitle}`}
              />
            ) : null}
          </article>
        );
      })}
    </section>
  );
}

function refundText(gift: PastGift): string {
  if (gift.refundedAmount === 0) return "No";
  if (gift.refundedAmount >= gift.amount) return "Refunded in full";
  return `${formatMoney(gift.refundedAmount, gift.currency, { showCents: true })} refunded`;
}

function PastGifts({ gifts, token }: { gifts: DonorGiving["gifts"]; token: string | null }) {
  return (
    <section aria-labelledby="gifts-heading" className="space-y-4">
      <h2 id="gifts-heading" className="font-serif text-2xl font-bold">
        Your gifts
      </h2>
      {gifts.length === 0 ? (
        <p>No payments yet.</p>
      ) : (
        // `relative`: the screen-reader-only text in the cells (position: absolute) stays inside
        // this scroller; otherwise it widened the whole page on a phone (476 px at 360).
        <div className="relative overflow-x-auto">
          <table className="w-full text-left">
            <caption className="sr-only">Every payment you have made, newest first</caption>
            <thead>
              <tr>
                <th scope="col" className="py-2 pr-4">
                  Date
                </th>
                <th scope="col" className="py-2 pr-4">
                  Campaign
                </th>
                <th scope="col" className="py-2 pr-4">
                  Amount
                </th>
                <th scope="col" className="py-2 pr-4">
                  Refunded
                </th>
                <th scope="col" className="py-2">
                  Receipt
                </th>
              </tr>
            </thead>
            <tbody>
              {gifts.map((gift) => {
                const date = formatGiftDate(gift.paidAt);
                const amount = formatMoney(gift.amount, gift.currency, { showCents: true });
                return (
                  <tr key={gift.id} className="border-t border-stone-300 align-top">
                    <td className="py-2 pr-4">{date}</td>
                    <td className="py-2 pr-4">{`${gift.campaignTitle}${gift.kind === "recurring" ? (gift.interval === "year" ? " (yearly)" : " (monthly)") : ""}`}</td>
                    <td className="py-2 pr-4">{amount}</td>
                    <td className="py-2 pr-4">{refundText(gift)}</td>
                    <td className="py-2">
                      {gift.refundedAmount >= gift.amount ? (
                        "None (refunded)"
                      ) : (
                        <div className="space-y-1">
                          <a href={receiptPath(gift.id)} className="font-semibold text-brand-700 underline">
                            View receipt<span className="sr-only">{` (${amount} on ${date})`}</span>
                          </a>
                          <ResendReceiptForm token={token} gift={gift.id} request={randomUUID()} description={`${amount} on ${date}`} />
                        </div>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function GivingStatements({ years, token }: { years: number[]; token: string | null }) {
  if (years.length === 0) return null;
  return (
    <section aria-labelledby="statements-heading" className="space-y-3">
      <h2 id="statements-heading" className="font-serif text-2xl font-bold">
        Giving statements
      </h2>
      <p>One email per year listing every gift you made that year, with the total, for your records and your tax return.</p>
      <ul className="space-y-2">
        {years.map((year) => (
          <li key={year}>
            <GivingStatementForm token={token} year={year} />
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * "Your data": download everything we hold (JSON, or a page to read), and "Ask us to forget
 * you" in two steps (the second says what is erased and what is kept). Both only with the
 * session an emailed link started: a receipt's link never expires and may have been forwarded.
 */
function YourData({ token, forget, liveMonthlyGifts }: { token: string | null; forget: string | null; liveMonthlyGifts: number }) {
  const heading = (
    <h2 id="your-data-heading" className="font-serif text-2xl font-bold">
      Your data
    </h2>
  );
  if (token) {
    return (
      <section aria-labelledby="your-data-heading" className="space-y-3">
        {heading}
        <p>To download your data or ask us to forget you, open this page from a link we email you: it proves the address is still yours.</p>
        <RequestLinkForm />
      </section>
    );
  }
  return (
    <section aria-labelledby="your-data-heading" className="space-y-4">
      {heading}
      <p>Download everything we hold about you: your gifts, monthly gifts, dedications, answers, addresses, subscriptions and the emails we sent you.</p>
      <ul className="list-disc space-y-1 pl-6">
        <li>
          <a href="/donate/manage/my-data?format=html" download className="font-semibold text-brand-700 underline">
            Download my data as a page to read
          </a>
        </li>
        <li>
          <a href="/donate/manage/my-data?format=json" download className="font-semibold text-brand-700 underline">
            Download my data as JSON
          </a>
        </li>
      </ul>
      <h3 id="forget" className="text-lg font-bold">
        Ask us to forget you
      </h3>
      {forget === "failed" ? <p role="alert">We could not erase your data just now; nothing was changed. Please try again in a moment.</p> : null}
      {forget === "confirm" || forget === "failed" ? (
        <div className="space-y-3 rounded-lg border border-stone-300 p-4">
          <p>This cannot be undone. We will:</p>
          <ul className="list-disc space-y-1 pl-6">
            <li>erase your name, email address, postal address, dedications and answers from every record we hold, and unsubscribe you;</li>
            {liveMonthlyGifts > 0 ? <li>{`cancel your ${liveMonthlyGifts === 1 ? "monthly or yearly gift" : "monthly and yearly gifts"} today;`}</li> : null}
            <li>remove your name and address from our payment processor&rsquo;s customer record;</li>
            <li>
              keep each gift&rsquo;s amount, date, campaign and receipt number, which the law on financial records requires, with nothing that says who gave it.
            </li>
          </ul>
          <p>You will not be able to open this page or get your receipts again.</p>
          <form action={forgetMeAction} className="flex flex-wrap gap-3">
            <input type="hidden" name="confirmed" value="yes" />
            <button type="submit" className="rounded bg-red-700 px-4 py-2 font-semibold text-white">
              Erase my data
            </button>
            <a href="/donate/manage" className="px-4 py-2 font-semibold text-brand-700 underline">
              No, keep my data
            </a>
          </form>
        </div>
      ) : (
        <p>
          {"We will erase your personal data and keep only what the law requires of each gift. "}
          <a href="/donate/manage?forget=confirm#forget" className="font-semibold text-brand-700 underline">
            Ask us to forget you
          </a>
        </p>
      )}
    </section>
  );
}
