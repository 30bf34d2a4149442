"use client";

import { useActionState, useEffect, useId, useRef } from "react";
import { EmailMeALinkForm } from "../../_components/email-me-a-link-form";
import { initialFormState } from "@/lib/http/form-state";
import {
  emailGivingStatementAction,
  monthlyGiftAction,
  openManageLinkAction,
  requestManageLinkAction,
  resendReceiptAction,
  type GivingFormValues,
} from "./actions";

const NOTHING = initialFormState<GivingFormValues>({ amount: "", step: "" });

/** One line of outcome: what was done, or what went wrong. */
interface Result {
  notice?: string;
  error?: string;
}

/** A form's answer as one line: the message on success, else the form's error (or the one field's, for a form with one). */
function resultOf(state: { message?: string; errors: Partial<Record<string, string>> }): Result {
  return { notice: state.message, error: state.errors.form ?? Object.values(state.errors).find(Boolean) };
}
const primary = "rounded-full bg-brand-700 px-5 py-2 font-bold text-white hover:bg-brand-800 disabled:opacity-70";
const secondary = "rounded-full border-2 border-brand-700 px-5 py-2 font-bold text-brand-700 hover:bg-brand-50 disabled:opacity-70";

function Outcome({ result }: { result: Result }) {
  return (
    <div role="status" aria-live="polite">
      {result.notice ? <p className="rounded-md border border-green-800 bg-green-50 p-3 font-semibold text-green-900">{result.notice}</p> : null}
      {result.error ? <p className="rounded-md border border-red-700 bg-red-50 p-3 font-semibold text-red-800">{result.error}</p> : null}
    </div>
  );
}

/** Hidden fields every giving-page form carries: the receipt's token (when opened with one), the gift, a one-time request id. */
/** Outcome of a one-line form (the "Email me …" links): a short line under its button. */
function InlineOutcome({ result }: { result: Result }) {
  return (
    <div role="status" aria-live="polite" className="text-sm">
      {result.notice ? <span className="text-green-900">{result.notice}</span> : null}
      {result.error ? <span className="font-semibold text-red-800">{result.error}</span> : null}
    </div>
  );
}

function Context({ token, gift, request }: { token: string | null; gift: string; request: string }) {
  return (
    <>
      {token ? <input type="hidden" name="token" value={token} /> : null}
      <input type="hidden" name="gift" value={gift} />
      <input type="hidden" name="request" value={request} />
    </>
  );
}

export function RequestLinkForm() {
  return <EmailMeALinkForm action={requestManageLinkAction} button="Email me a link" buttonClassName={primary} />;
}

export function OpenLinkForm({ link }: { link: string }) {
  const [state, action, pending] = useActionState(openManageLinkAction, initialFormState({}));
  return (
    <form action={action} className="space-y-3">
      <input type="hidden" name="link" value={link} />
      <Outcome result={resultOf(state)} />
      <button type="submit" disabled={pending} className={primary}>
        Open my giving page
      </button>
    </form>
  );
}

export function MonthlyGiftControls(props: {
  token: string | null;
  gift: string;
  requests: { change: string; cancel: string; keep: string; pause: string; resume: string };
  currency: string;
  amount: string;
  ending: boolean;
  /** "month" or "year": only a monthly gift can be paused. */
  interval: "month" | "year";
  /** Payments are paused (Stripe pause_collection): the page offers to restart them. */
  paused: boolean;
  /** "$10.00 monthly gift to Free the Press": what the confirmation step names. */
  summary: string;
}) {
  const [state, action, pending] = useActionState(monthlyGiftAction, NOTHING);
  const amountId = useId();
  const errorId = useId();
  const amountError = state.errors.amount;
  const yearly = props.interval === "year";
  const canPause = !yearly && !props.paused;
  return (
    <div className="space-y-4">
      <Outcome result={amountError ? {} : resultOf(state)} />
      {props.paused && !props.ending ? (
        <form action={action}>
          <Context token={props.token} gift={props.gift} request={props.requests.resume} />
          <button type="submit" name="intent" value="resume" disabled={pending} className={primary}>
            Restart my gift now
          </button>
        </form>
      ) : null}
      {props.ending ? (
        <form action={action}>
          <Context token={props.token} gift={props.gift} request={props.requests.keep} />
          <button type="submit" name="intent" value="keep" disabled={pending} className={primary}>
            Keep my gift
          </button>
        </form>
      ) : (
        <>
          <form action={action} className="flex flex-wrap items-end gap-3" noValidate>
            <Context token={props.token} gift={props.gift} request={props.requests.change} />
            <div className="space-y-1">
              <label htmlFor={amountId} className="block font-semibold">
                {`New ${yearly ? "yearly" : "monthly"} amount (${props.currency})`}
              </label>
              <input
                id={amountId}
                name="amount"
                inputMode="decimal"
                required
                defaultValue={props.amount}
                aria-invalid={amountError ? true : undefined}
                aria-describedby={amountError ? errorId : undefined}
                className="w-40 rounded-md border border-stone-400 px-3 py-2"
              />
            </div>
            <button type="submit" name="intent" value="change" disabled={pending} className={secondary}>
              Change amount
            </button>
            {amountError ? (
              <p id={errorId} className="w-full font-semibold text-red-800">
                {amountError}
              </p>
            ) : null}
          </form>
          <p className="text-sm text-muted">A new amount applies from your next payment; nothing is charged today.</p>
          {canPause && state.values.step !== "confirm-cancel" ? (
            <PauseForm token={props.token} gift={props.gift} request={props.requests.pause} action={action} pending={pending} />
          ) : null}
          {state.values.step === "confirm-cancel" ? (
            <CancelConfirmation
              token={props.token}
              gift={props.gift}
              request={props.requests.cancel}
              pauseRequest={canPause ? props.requests.pause : null}
              summary={props.summary}
              yearly={yearly}
              action={action}
              pending={pending}
            />
          ) : (
            <form action={action}>
              <Context token={props.token} gift={props.gift} request={props.requests.cancel} />
              <button type="submit" name="intent" value="cancel" disabled={pending} className={secondary}>
                {yearly ? "Cancel yearly gift" : "Cancel monthly gift"}
              </button>
            </form>
          )}
        </>
      )}
      <form action={action}>
        <Context token={props.token} gift={props.gift} request={props.requests.cancel} />
        <button type="submit" name="intent" value="card" disabled={pending} className={secondary}>
          Update card
        </button>
      </form>
    </div>
  );
}

/** "Pause payments for 1, 2 or 3 months": a monthly gift skips that many payments, then restarts by itself. */
function PauseForm(props: { token: string | null; gift: string; request: string; action: (formData: FormData) => void; pending: boolean }) {
  const monthsId = useId();
  return (
    <form action={props.action} className="flex flex-wrap items-end gap-3">
      <Context token={props.token} gift={props.gift} request={props.request} />
      <div className="space-y-1">
        <label htmlFor={monthsId} className="block font-semibold">
          Pause payments for
        </label>
        <select id={monthsId} name="months" defaultValue="1" className="rounded-md border border-stone-400 px-3 py-2">
          <option value="1">1 month</option>
          <option value="2">2 months</option>
          <option value="3">3 months</option>
        </select>
      </div>
      <button type="submit" name="intent" value="pause" disabled={props.pending} className={secondary}>
        Pause gift
      </button>
    </form>
  );
}

/**
 * The second step of "Cancel monthly gift": says what cancelling does and offers to pause the
 * gift, keep it or change its amount (the form above) instead. The first step changed nothing.
 */
function CancelConfirmation(props: {
  token: string | null;
  gift: string;
  request: string;
  /** Offered first when the gift can be paused. */
  pauseRequest: string | null;
  summary: string;
  yearly: boolean;
  action: (formData: FormData) => void;
  pending: boolean;
}) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const headingId = useId();
  // With JavaScript the step appears in place: take the reader to its question.
  useEffect(() => headingRef.current?.focus(), []);
  return (
    <section aria-labelledby={headingId} className="space-y-3 rounded-md border-2 border-red-800 bg-red-50 p-4">
      <h4 id={headingId} ref={headingRef} tabIndex={-1} className="font-bold">
        {`Cancel your ${props.summary}?`}
      </h4>
      <p>
        {`We will not charge it again. It stops at the end of the ${props.yearly ? "year" : "month"} you have already paid for, and until then you can keep it from this page. Nothing already given is refunded. If the amount is the reason, you can change it above instead.`}
      </p>
      {props.pauseRequest ? (
        <div className="space-y-2 rounded-md border border-stone-300 bg-white p-3">
          <p className="font-semibold">Need a break? Pause your gift instead: nothing is charged while it is paused, and it restarts by itself.</p>
          <PauseForm token={props.token} gift={props.gift} request={props.pauseRequest} action={props.action} pending={props.pending} />
        </div>
      ) : null}
      <div className="flex flex-wrap gap-3">
        <form action={props.action}>
          <Context token={props.token} gift={props.gift} request={props.request} />
          <input type="hidden" name="confirmed" value="yes" />
          <button
            type="submit"
            name="intent"
            value="cancel"
            disabled={props.pending}
            className="rounded-full bg-red-800 px-5 py-2 font-bold text-white hover:bg-red-900 disabled:opacity-70"
          >
            {props.yearly ? "Yes, cancel my yearly gift" : "Yes, cancel my monthly gift"}
          </button>
        </form>
        <form action={props.action}>
          <Context token={props.token} gift={props.gift} request={props.request} />
          <button type="submit" name="intent" value="stay" disabled={props.pending} className={primary}>
            {props.yearly ? "No, keep my yearly gift" : "No, keep my monthly gift"}
          </button>
        </form>
      </div>
    </section>
  );
}

export function ResendReceiptForm({ token, gift, request, description }: { token: string | null; gift: string; request: string; description: string }) {
  const [state, action, pending] = useActionState(resendReceiptAction, NOTHING);
  return (
    <form action={action} className="space-y-1">
      <Context token={token} gift={gift} request={request} />
      <button type="submit" disabled={pending} className="font-semibold text-brand-700 underline disabled:opacity-70">
        Email me this receipt<span className="sr-only">{` (${description})`}</span>
      </button>
      <InlineOutcome result={resultOf(state)} />
    </form>
  );
}

/** "Email me my <year> statement": every gift of that year with the totals, for the donor's records. */
export function GivingStatementForm({ token, year }: { token: string | null; year: number }) {
  const [state, action, pending] = useActionState(emailGivingStatementAction, initialFormState({ year: String(year) }));
  return (
    <form action={action} className="space-y-1">
      {token ? <input type="hidden" name="token" value={token} /> : null}
      <input type="hidden" name="year" value={year} />
      <button type="submit" disabled={pending} className="font-semibold text-brand-700 underline disabled:opacity-70">
        {`Email me my ${year} statement`}
      </button>
      <InlineOutcome result={resultOf(state)} />
    </form>
  );
}
