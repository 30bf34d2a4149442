"use client";

import { useActionState, useEffect, useId, useRef, useState } from "react";
import { useFormStatus } from "react-dom";
import { startDonationAction, type DonationFormState } from "@/app/donate/actions";
import { CHECKOUT_URL_VALUE } from "@/lib/embed/embed-fields";
import { parseAmountInMinorUnits } from "@/lib/money/money";
import { formatWithPattern, type MoneyPattern } from "@/lib/money/money-pattern";
import { cardFeeCoverInMinorUnits, type CardFeeRate } from "@/lib/payments/card-fee";
import { DEDICATION_NAME_MAX } from "@/lib/payments/donation-amount-bounds";
import type { GiftFrequency } from "@/lib/donations/gift-types";
import type { CampaignQuestion } from "@/db/schema";
import { DonationQuestions } from "./donation-questions";

const FREQUENCY_LABELS: Record<GiftFrequency, string> = { once: "Give once", monthly: "Monthly", yearly: "Yearly" };
const FREQUENCY_COLUMNS = ["grid-cols-1", "grid-cols-1", "grid-cols-2", "grid-cols-3"];

export interface DonationPanelCampaign {
  slug: string;
  currency: string;
  presetAmounts: number[];
  /** What a suggested amount does ("a month of radio broadcasts"), shown under the amounts when it is chosen. */
  presetImpacts?: { amount: number; text: string }[];
  /** Where the form starts: a campaign built on steady support can start on "Monthly". */
  defaultFrequency?: GiftFrequency;
  /** Which frequencies the campaign offers (an admin setting); once and monthly when absent. */
  frequencies?: GiftFrequency[];
  /** moneyPattern(currency), from the server: the form writes amounts without Intl (see there). */
  money: MoneyPattern;
  /** /donate: the box offers updates about the organisation's work rather than "this campaign". */
  generalFund?: boolean;
  /** The campaign's extra questions, and whether it asks for a postal address (donation-questions.tsx). */
  questions?: CampaignQuestion[];
  askPostalAddress?: boolean;
  /** The account's card fee, from the server (lib/payments/account-card-fee.ts); Stripe's standard US rate when absent. */
  cardFeeRate?: CardFeeRate;
}

/**
 * The panel inside an embed page (app/embed): the host site's frame cannot show Stripe Checkout
 * (it refuses to be framed), so checkout opens in a new tab, and the gift records which widget
 * and page it came through.
 */
export interface DonationPanelEmbed {
  /** Hidden fields naming the widget and the host page (lib/embed/embed-fields.ts). */
  fields: Record<string, string>;
  /** Once the checkout tab is open (the host page is told, to refresh its widgets on return). */
  onCheckoutOpened: () => void;
}

/** Radios drawn as buttons: the real input covers its label (invisible), so it takes the clicks and keeps its role. */
const CHOICE =
  "relative flex items-center justify-center rounded-md border border-stone-400 bg-white px-1 py-2 font-semibold has-checked:border-brand-700 has-checked:bg-brand-700 has-checked:text-white has-focus-visible:outline-3 has-focus-visible:outline-offset-2 has-focus-visible:outline-brand-700";
const CHOICE_INPUT = "absolute inset-0 size-full cursor-pointer opacity-0";
const TEXT_INPUT = "w-full rounded-md border border-stone-400 px-3 py-2 aria-invalid:border-red-700";

const INITIAL_STATE: DonationFormState = { errors: {}, values: {}, attempt: 0 };

/** Fields inside "More options": an error in one of them opens it. */
const OPTION_FIELDS = ["dedication", "dedication_name", "notify_email", "notify_name"] as const;

/**
 * The donation form. A plain form posting to a server action, so it works before (or without)
 * JavaScript; once hydrated it keeps the button label, fee and total in step with the choices.
 * Its default state is short (how often, how much, Donate) so the button is in view on a laptop
 * screen; the card fee, a dedication, anonymity and updates open on demand (a native <details>).
 */
export function DonationPanel({ campaign, embed }: { campaign: DonationPanelCampaign; embed?: DonationPanelEmbed }) {
  const [state, formAction] = useActionState(startDonationAction, INITIAL_STATE);
  // A new key after each returned submission re-mounts the fields with what was submitted.
  return <DonationFields key={state.attempt} campaign={campaign} state={state} formAction={formAction} embed={embed} />;
}

function DonationFields({
  campaign,
  state,
  formAction,
  embed,
}: {
  campaign: DonationPanelCampaign;
  state: DonationFormState;
  formAction: (formData: FormData) => void;
  embed?: DonationPanelEmbed;
}) {
  const id = useId();
  const { currency, presetAmounts, money } = campaign;
  const impacts = new Map((campaign.presetImpacts ?? []).map((impact) => [impact.amount, impact.text]));
  const submitted = state.values;
  const defaultPreset = presetAmounts[1] ?? presetAmounts[0];
  const offered: GiftFrequency[] = campaign.frequencies?.length ? campaign.frequencies : ["once", "monthly"];
  const [frequency, setFrequency] = useState<string>(
    submitted.frequency && (offered as string[]).includes(submitted.frequency)
      ? submitted.frequency
      : offered.includes(campaign.defaultFrequency ?? "once")
        ? (campaign.defaultFrequency ?? "once")
        : offered[0]!,
  );
  const [preset, setPreset] = useState(submitted.amount ?? (submitted.other_amount ? "" : defaultPreset !== undefined ? String(defaultPreset) : ""));
  const [other, setOther] = useState(submitted.other_amount ?? "");
  const [coverFee, setCoverFee] = useState(submitted.cover_fee === "on");
  const [dedication, setDedication] = useState(submitted.dedication ?? "none");
  const [submissionId, setSubmissionId] = useState("");
  // The "Make it monthly" suggestion is offered once.
  const [suggestionDone, setSuggestionDone] = useState(submitted.frequency !== undefined);
  const errorSummary = useRef<HTMLDivElement>(null);

  useEffect(() => {
    // Random per rendering of the form: a double click is one checkout, a new visit a new one.
    const renew = () => setSubmissionId(crypto.randomUUID());
    renew();
    const onPageShow = (event: PageTransitionEvent) => {
      if (event.persisted) renew(); // back from Stripe via the back/forward cache
    };
    window.addEventListener("pageshow", onPageShow);
    return () => window.removeEventListener("pageshow", onPageShow);
  }, []);

  // Only ever Checkout's https address (or the test-mode emulator's), as the action answered it.
  const answered = embed ? state.values[CHECKOUT_URL_VALUE] : undefined;
  const checkoutUrl = answered && /^https?:\/\//.test(answered) ? answered : undefined;
  const onCheckoutOpened = embed?.onCheckoutOpened;
  const checkoutOpened = useRef(false);
  useEffect(() => {
    // Once per returned submission (the fields re-mount with each), not again on a new callback.
    if (!checkoutUrl || checkoutOpened.current) return;
    checkoutOpened.current = true;
    // Still within the click's user activation; a blocked pop-up leaves the link below.
    const opened = window.open(checkoutUrl, "_blank");
    if (opened) opened.opener = null;
    onCheckoutOpened?.();
  }, [checkoutUrl, onCheckoutOpened]);

  const errors = state.errors;
  const hasErrors = Object.keys(errors).length > 0;
  useEffect(() => {
    if (hasErrors) errorSummary.current?.focus();
  }, [hasErrors]);

  const otherMinor = other.trim() ? parseAmountInMinorUnits(other, money.digits) : null;
  const gift = other.trim() ? (otherMinor ?? 0) : Number(preset) || 0;
  const fee = cardFeeCoverInMinorUnits(gift, money.digits, campaign.cardFeeRate);
  const total = gift + (coverFee ? fee : 0);
  const monthly = frequency === "monthly";
  const yearly = frequency === "yearly";
  const every = monthly ? "month" : yearly ? "year" : null;
  const feeId = `${id}-fee`;
  const labels = presetAmounts.map((amount) => formatWithPattern(amount, money));
  const longest = Math.max(0, ...labels.map((label) => label.length));
  const columns = presetAmounts.length <= 4 && longest <= 5 ? "grid-cols-4" : longest <= 7 ? "grid-cols-3" : "grid-cols-2";
  // Opened when the donor had chosen something in it, or the server found a problem there.
  const optionsOpen =
    OPTION_FIELDS.some((field) => errors[field]) ||
    submitted.cover_fee === "on" ||
    submitted.anonymous === "on" ||
    submitted.updates === "on" ||
    (submitted.dedication !== undefined && submitted.dedication !== "none") ||
    Boolean(submitted.dedication_name || submitted.notify_email || submitted.notify_name);
  // It needs script (it flips the frequency): the submission id is set once the form has hydrated.
  const suggestMonthly = submissionId !== "" && frequency === "once" && offered.includes("monthly") && !suggestionDone && gift > 0;

  return (
    // In a frame, without script the form still works: the browser posts it into a new tab,
    // which the action's redirect takes to Checkout. With script the action answers the address.
    <form action={formAction} target={embed ? "_blank" : undefined} className="space-y-4" noValidate aria-describedby={hasErrors ? `${id}-errors` : undefined}>
      <input type="hidden" name="campaign" value={campaign.slug} />
      <input type="hidden" name="submission_id" value={submissionId} />
      {embed ? (
        <>
          {Object.entries(embed.fields).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          <input type="hidden" name="checkout_window" value={submissionId ? "1" : ""} />
        </>
      ) : null}
      {checkoutUrl ? (
        <p role="status" className="rounded-md border border-brand-700 bg-brand-50 p-3 text-sm">
          <span className="font-semibold">Your secure payment page opened in a new tab.</span>{" "}
          <a href={checkoutUrl} target="_blank" rel="noopener" className="font-semibold text-brand-700 underline">
            Open the payment page
          </a>{" "}
          if it did not appear.
        </p>
      ) : null}

      <div ref={errorSummary} tabIndex={-1} id={`${id}-errors`} className="outline-none empty:hidden">
        {errors.form ? (
          <p role="alert" className="rounded-md border border-red-700 bg-red-50 p-3 text-sm font-semibold text-red-800">
            {errors.form}
          </p>
        ) : hasErrors ? (
          <p role="alert" className="rounded-md border border-red-700 bg-red-50 p-3 text-sm font-semibold text-red-800">
            Please check the highlighted fields.
          </p>
        ) : null}
      </div>

      <fieldset>
        <legend className="sr-only">How often</legend>
        <div className={`grid ${FREQUENCY_COLUMNS[offered.length]} gap-2`}>
          {offered.map((value) => (
            <label key={value} className={CHOICE}>
              <input type="radio" name="frequency" value={value} checked={frequency === value} onChange={() => setFrequency(value)} className={CHOICE_INPUT} />
              {/* Three across a narrow sidebar: a smaller label keeps "Give once" on one line. */}
              <span className={offered.length === 3 ? "whitespace-nowrap text-sm" : undefined}>{FREQUENCY_LABELS[value]}</span>
            </label>
          ))}
        </div>
        <FieldError id={`${id}-frequency-error`} message={errors.frequency} />
      </fieldset>

      <fieldset className="donation-amounts" aria-describedby={errors.amount ? `${id}-amount-error` : undefined}>
        <legend className="mb-2 text-sm font-semibold">Amount{every ? ` each ${every}` : ""}</legend>
        <div className={`grid ${columns} gap-2`}>
          {presetAmounts.map((amount, index) => (
            <label key={amount} className={CHOICE}>
              <input
                type="radio"
                name="amount"
                value={amount}
                data-preset={index}
                checked={preset === String(amount) && !other.trim()}
                onChange={() => {
                  setPreset(String(amount));
                  setOther("");
                }}
                aria-describedby={impacts.has(amount) ? `${id}-impact-${index}` : undefined}
                className={CHOICE_INPUT}
              />
              <span>{labels[index]}</span>
            </label>
          ))}
        </div>
        {impacts.size > 0 ? (
          // Only the chosen amount's line shows (CSS, app/globals.css), with or without script.
          <div className="donation-impacts mt-2 text-sm text-muted">
            {presetAmounts.map((amount, index) =>
              impacts.has(amount) ? (
                <p key={amount} id={`${id}-impact-${index}`} data-impact={index}>
                  <span className="font-semibold text-ink">{labels[index]}</span> · {impacts.get(amount)}
                </p>
              ) : null,
            )}
          </div>
        ) : null}
        <div className="mt-2 flex items-center gap-2">
          <label htmlFor={`${id}-other`} className="shrink-0 text-sm font-semibold">
            Other amount
          </label>
          <span aria-hidden="true" className="text-sm text-muted">
            {currency}
          </span>
          <input
            id={`${id}-other`}
            name="other_amount"
            type="text"
            inputMode={money.digits > 0 ? "decimal" : "numeric"}
            autoComplete="off"
            maxLength={40}
            value={other}
            onChange={(event) => setOther(event.target.value)}
            aria-invalid={errors.amount ? true : undefined}
            aria-describedby={errors.amount ? `${id}-amount-error` : undefined}
            className={`min-w-0 flex-1 ${TEXT_INPUT}`}
          />
        </div>
        <FieldError id={`${id}-amount-error`} message={errors.amount} />
      </fieldset>

      <DonationQuestions
        id={id}
        questions={campaign.questions ?? []}
        askPostalAddress={campaign.askPostalAddress ?? false}
        values={submitted}
        errors={errors}
      />

      <details open={optionsOpen} className="group rounded-md border border-stone-200 text-sm open:pb-3">
        <summary className="cursor-pointer list-none rounded-md px-3 py-2 font-semibold marker:hidden [&::-webkit-details-marker]:hidden">
          <span aria-hidden="true" className="mr-1 inline-block transition-transform group-open:rotate-90">
            ›
          </span>
          More options <span className="font-normal text-muted">· card fee, dedication, updates</span>
        </summary>
        <div className="space-y-4 px-3 pt-1">
          <div className="flex items-start gap-2">
            <input
              id={`${id}-cover-fee`}
              type="checkbox"
              name="cover_fee"
              checked={coverFee}
              onChange={(event) => setCoverFee(event.target.checked)}
              className="mt-1 size-4 accent-brand-700"
            />
            <label htmlFor={`${id}-cover-fee`}>
              <span className="font-semibold">Cover the card fee</span>{" "}
              <span id={feeId} className="text-muted">
                {gift > 0
                  ? `(adds ${formatWithPattern(fee, money, { showCents: true })}${every ? ` a ${every}` : ""}, so all of your gift reaches the work)`
                  : "(so all of your gift reaches the work)"}
              </span>
            </label>
          </div>

          <fieldset>
            <legend className="mb-2 font-semibold">Dedicate this gift (optional)</legend>
            <div className="flex flex-wrap gap-x-4 gap-y-1">
              {[
                ["none", "No dedication"],
                ["in_honour", "In honour of"],
                ["in_memory", "In memory of"],
              ].map(([value, label]) => (
                <label key={value} className="flex items-center gap-1.5">
                  <input
                    type="radio"
                    name="dedication"
                    value={value}
                    checked={dedication === value}
                    onChange={() => setDedication(value!)}
                    className="accent-brand-700"
                  />
                  {label}
                </label>
              ))}
            </div>
            <FieldError id={`${id}-dedication-error`} message={errors.dedication} />
            <label htmlFor={`${id}-dedication-name`} className="mt-2 block font-semibold">
              Their name
            </label>
            <input
              id={`${id}-dedication-name`}
              name="dedication_name"
              type="text"
              autoComplete="off"
              maxLength={DEDICATION_NAME_MAX}
              defaultValue={submitted.dedication_name ?? ""}
              aria-invalid={errors.dedication_name || errors.dedication ? true : undefined}
              aria-describedby={errors.dedication_name ? `${id}-dedication-name-error` : errors.dedication ? `${id}-dedication-error` : undefined}
              className={`mt-1 ${TEXT_INPUT}`}
            />
            <FieldError id={`${id}-dedication-name-error`} message={errors.dedication_name} />
            <p id={`${id}-notify-hint`} className="mt-3 text-muted">
              We can email a card to tell someone of the dedication once the gift is made. It names you (unless you give anonymously), never the amount.
            </p>
            <label htmlFor={`${id}-notify-email`} className="mt-2 block font-semibold">
              Email a card to (optional)
            </label>
            <input
              id={`${id}-notify-email`}
              name="notify_email"
              type="email"
              autoComplete="off"
              maxLength={254}
              defaultValue={submitted.notify_email ?? ""}
              aria-invalid={errors.notify_email ? true : undefined}
              aria-describedby={errors.notify_email ? `${id}-notify-email-error ${id}-notify-hint` : `${id}-notify-hint`}
              className={`mt-1 ${TEXT_INPUT}`}
            />
            <FieldError id={`${id}-notify-email-error`} message={errors.notify_email} />
            <label htmlFor={`${id}-notify-name`} className="mt-2 block font-semibold">
              Name to greet on the card (optional)
            </label>
            <input
              id={`${id}-notify-name`}
              name="notify_name"
              type="text"
              autoComplete="off"
              maxLength={DEDICATION_NAME_MAX}
              defaultValue={submitted.notify_name ?? ""}
              aria-invalid={errors.notify_name ? true : undefined}
              aria-describedby={errors.notify_name ? `${id}-notify-name-error` : undefined}
              className={`mt-1 ${TEXT_INPUT}`}
            />
            <FieldError id={`${id}-notify-name-error`} message={errors.notify_name} />
          </fieldset>

          <CheckboxWithHint
            id={`${id}-anonymous`}
            name="anonymous"
            defaultChecked={submitted.anonymous === "on"}
            label="Give anonymously"
            hint="(your name is never shown with this gift)"
          />

          <CheckboxWithHint
            id={`${id}-updates`}
            name="updates"
            defaultChecked={submitted.updates === "on"}
            label={campaign.generalFund ? "Email me updates about your work" : "Email me updates about this campaign"}
            hint="(we email you a link to confirm first)"
          />
        </div>
      </details>

      {/* Always there (a live region must exist before it changes); empty, and hidden, when the chosen amount says it all. */}
      <p className="text-sm empty:hidden" aria-live="polite">
        {total > 0 && (every || coverFee)
          ? every
            ? `${formatWithPattern(total, money, { showCents: true })} each ${every}, until you cancel.`
            : `Total: ${formatWithPattern(total, money, { showCents: true })}`
          : null}
      </p>
      <SubmitButton label={monthly ? "Donate monthly" : yearly ? "Donate yearly" : "Donate"} />
      {/* Under the button, not above it: it appears once script runs and must not move the button. */}
      {suggestMonthly ? (
        <MonthlySuggestion
          amount={formatWithPattern(gift, money)}
          onAccept={() => {
            setFrequency("monthly");
            setSuggestionDone(true);
          }}
          onDismiss={() => setSuggestionDone(true)}
        />
      ) : null}
      <p className="text-xs text-muted">You pay securely on Stripe: cards, Apple Pay, Google Pay.</p>
    </form>
  );
}

/**
 * One gentle nudge toward monthly giving, shown to a one-off donor before checkout: it never
 * blocks or moves the Donate button, and once taken or dismissed it does not come back on this
 * page. It needs script (it flips the frequency), so it is not drawn without.
 */
function MonthlySuggestion({ amount, onAccept, onDismiss }: { amount: string; onAccept: () => void; onDismiss: () => void }) {
  return (
    <div role="group" aria-label="Make it monthly" className="flex items-start gap-2 rounded-md bg-brand-50 py-2 pl-3 pr-1 text-sm">
      <p className="flex-1">
        <span className="font-semibold">{amount} a month</span> gives steady support.{" "}
        <button type="button" onClick={onAccept} className="font-semibold text-brand-700 underline hover:text-brand-800">
          Make it monthly
        </button>
      </p>
      <button
        type="button"
        onClick={onDismiss}
        aria-label="No thanks, keep it one-off"
        className="shrink-0 rounded-full px-2 leading-5 text-muted hover:bg-brand-100"
      >
        ×
      </button>
    </div>
  );
}

/** An email address in a message ("please contact us at giving@…") becomes a link to write to it. */
const EMAIL_IN_MESSAGE = /([^\s@]+@[^\s@]+\.[^\s@.]+)(?=\.?$|\.?\s)/;

/** A checkbox with its label and, after it, a muted hint the checkbox is described by. */
function CheckboxWithHint({ id, name, defaultChecked, label, hint }: { id: string; name: string; defaultChecked: boolean; label: string; hint: string }) {
  return (
    <div className="flex items-start gap-2">
      <input id={id} type="checkbox" name={name} defaultChecked={defaultChecked} aria-describedby={`${id}-hint`} className="mt-1 size-4 accent-brand-700" />
      <label htmlFor={id}>
        <span className="font-semibold">{label}</span>{" "}
        <span id={`${id}-hint`} className="text-muted">
          {hint}
        </span>
      </label>
    </div>
  );
}

function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  const [before, email, after] = message.split(EMAIL_IN_MESSAGE);
  return (
    <p id={id} className="mt-1 text-sm font-semibold text-red-800">
      {email ? (
        <>
          {before}
          <a href={`mailto:${email}`} className="underline">
            {email}
          </a>
          {after}
        </>
      ) : (
        message
      )}
    </p>
  );
}

function SubmitButton({ label }: { label: string }) {
  const { pending } = useFormStatus();
  return (
    <button
      type="submit"
      disabled={pending}
      aria-disabled={pending}
      className="w-full rounded-full bg-brand-700 px-6 py-3 text-lg font-bold text-white hover:bg-brand-800 disabled:cursor-wait disabled:opacity-70"
    >
      {label}
    </button>
  );
}
