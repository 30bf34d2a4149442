"use client";

import { useActionState, useEffect, useId, useRef, useState } from "react";
import { useFormStatus } from "react-dom";
import { startDonationAction, type DonationFormState } from "@/app/donate/actions";
import { parseAmountInMinorUnits } from "@/lib/money/money";
import { formatWithPattern, type MoneyPattern } from "@/lib/money/money-pattern";
import { cardFeeCoverInMinorUnits } from "@/lib/payments/card-fee";
import { DEDICATION_NAME_MAX } from "@/lib/payments/donation-amount-bounds";

export interface DonationPanelCampaign {
  slug: string;
  currency: string;
  presetAmounts: number[];
  /** moneyPattern(currency), from the server: the form writes amounts without Intl (see there). */
  money: MoneyPattern;
  /** /donate: the box offers updates about the organisation's work rather than "this campaign". */
  generalFund?: boolean;
}

/** Radios drawn as buttons: the real input covers its label (invisible), so it takes the clicks and keeps its role. */
const CHOICE =
  "relative flex items-center justify-center rounded-md border border-stone-400 px-3 py-2 font-semibold has-checked:border-brand-700 has-checked:bg-brand-700 has-checked:text-white has-focus-visible:outline-3 has-focus-visible:outline-offset-2 has-focus-visible:outline-brand-700";
const CHOICE_INPUT = "absolute inset-0 size-full cursor-pointer opacity-0";

const INITIAL_STATE: DonationFormState = { errors: {}, values: {}, attempt: 0 };

/**
 * The donation form. A plain form posting to a server action, so it works before (or without)
 * JavaScript; once hydrated it keeps the button label, fee and total in step with the choices.
 */
export function DonationPanel({ campaign }: { campaign: DonationPanelCampaign }) {
  const [state, formAction] = useActionState(startDonationAction, INITIAL_STATE);
  // A new key after each returned submission re-mounts the fields with what was submitted.
  return <DonationFields key={state.attempt} campaign={campaign} state={state} formAction={formAction} />;
}

function DonationFields({
  campaign,
  state,
  formAction,
}: {
  campaign: DonationPanelCampaign;
  state: DonationFormState;
  formAction: (formData: FormData) => void;
}) {
  const id = useId();
  const { currency, presetAmounts, money } = campaign;
  const submitted = state.values;
  const defaultPreset = presetAmounts[1] ?? presetAmounts[0];
  const [frequency, setFrequency] = useState(submitted.frequency === "monthly" ? "monthly" : "once");
  const [preset, setPreset] = useState(submitted.amount ?? (submitted.other_amount ? "" : defaultPreset !== undefined ? String(defaultPreset) : ""));
  const [other, setOther] = useState(submitted.other_amount ?? "");
  const [coverFee, setCoverFee] = useState(submitted.cover_fee === "on");
  const [dedication, setDedication] = useState(submitted.dedication ?? "none");
  const [submissionId, setSubmissionId] = useState("");
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

  const errors = state.errors;
  const hasErrors = Object.keys(errors).length > 0;
  useEffect(() => {
    if (hasErrors) errorSummary.current?.focus();
  }, [hasErrors]);

  const otherMinor = other.trim() ? parseAmountInMinorUnits(other, money.digits) : null;
  const gift = other.trim() ? (otherMinor ?? 0) : Number(preset) || 0;
  const fee = cardFeeCoverInMinorUnits(gift, money.digits);
  const total = gift + (coverFee ? fee : 0);
  const monthly = frequency === "monthly";
  const feeId = `${id}-fee`;

  return (
    <form action={formAction} className="space-y-5" noValidate aria-describedby={hasErrors ? `${id}-errors` : undefined}>
      <input type="hidden" name="campaign" value={campaign.slug} />
      <input type="hidden" name="submission_id" value={submissionId} />

      <div ref={errorSummary} tabIndex={-1} id={`${id}-errors`} className="outline-none">
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
        <legend className="mb-2 text-sm font-semibold">How often</legend>
        <div className="grid grid-cols-2 gap-2">
          {[
            ["once", "Give once"],
            ["monthly", "Monthly"],
          ].map(([value, label]) => (
            <label key={value} className={CHOICE}>
              <input type="radio" name="frequency" value={value} checked={frequency === value} onChange={() => setFrequency(value!)} className={CHOICE_INPUT} />
              <span>{label}</span>
            </label>
          ))}
        </div>
        <FieldError id={`${id}-frequency-error`} message={errors.frequency} />
      </fieldset>

      <fieldset aria-describedby={errors.amount ? `${id}-amount-error` : undefined}>
        <legend className="mb-2 text-sm font-semibold">Amount{monthly ? " each month" : ""}</legend>
        <div className="grid grid-cols-2 gap-2">
          {presetAmounts.map((amount) => (
            <label key={amount} className={CHOICE}>
              <input
                type="radio"
                name="amount"
                value={amount}
                checked={preset === String(amount) && !other.trim()}
                onChange={() => {
                  setPreset(String(amount));
                  setOther("");
                }}
                className={CHOICE_INPUT}
              />
              <span>{formatWithPattern(amount, money)}</span>
            </label>
          ))}
        </div>
        <label htmlFor={`${id}-other`} className="mt-3 block text-sm font-semibold">
          Other amount
        </label>
        <div className="mt-1 flex items-center gap-2">
          <span aria-hidden="true" className="text-muted">
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
            className="w-full rounded-md border border-stone-400 px-3 py-2 aria-invalid:border-red-700"
          />
        </div>
        <FieldError id={`${id}-amount-error`} message={errors.amount} />
      </fieldset>

      <div className="flex items-start gap-2">
        <input
          id={`${id}-cover-fee`}
          type="checkbox"
          name="cover_fee"
          checked={coverFee}
          onChange={(event) => setCoverFee(event.target.checked)}
          className="mt-1 size-4 accent-brand-700"
        />
        <label htmlFor={`${id}-cover-fee`} className="text-sm">
          <span className="font-semibold">Cover the card fee</span>{" "}
          <span id={feeId} className="text-muted">
            {gift > 0 ? `(adds ${formatWithPattern(fee, money, { showCents: true })}${monthly ? " a month" : ""}, so all of your gift reaches the work)` : "(so all of your gift reaches the work)"}
          </span>
        </label>
      </div>

      <fieldset>
        <legend className="mb-2 text-sm font-semibold">Dedicate this gift (optional)</legend>
        <div className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
          {[
            ["none", "No dedication"],
            ["in_honour", "In honour of"],
            ["in_memory", "In memory of"],
          ].map(([value, label]) => (
            <label key={value} className="flex items-center gap-1.5">
              <input type="radio" name="dedication" value={value} checked={dedication === value} onChange={() => setDedication(value!)} className="accent-brand-700" />
              {label}
            </label>
          ))}
        </div>
        <FieldError id={`${id}-dedication-error`} message={errors.dedication} />
        <label htmlFor={`${id}-dedication-name`} className="mt-2 block text-sm font-semibold">
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
          className="mt-1 w-full rounded-md border border-stone-400 px-3 py-2 aria-invalid:border-red-700"
        />
        <FieldError id={`${id}-dedication-name-error`} message={errors.dedication_name} />
        <p id={`${id}-notify-hint`} className="mt-3 text-sm text-muted">
          We can email a card to tell someone of the dedication once the gift is made. It names you (unless you give anonymously), never the amount.
        </p>
        <label htmlFor={`${id}-notify-email`} className="mt-2 block text-sm font-semibold">
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
          className="mt-1 w-full rounded-md border border-stone-400 px-3 py-2 aria-invalid:border-red-700"
        />
        <FieldError id={`${id}-notify-email-error`} message={errors.notify_email} />
        <label htmlFor={`${id}-notify-name`} className="mt-2 block text-sm font-semibold">
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
          className="mt-1 w-full rounded-md border border-stone-400 px-3 py-2 aria-invalid:border-red-700"
        />
        <FieldError id={`${id}-notify-name-error`} message={errors.notify_name} />
      </fieldset>

      <div className="flex items-start gap-2">
        <input
          id={`${id}-anonymous`}
          type="checkbox"
          name="anonymous"
          defaultChecked={submitted.anonymous === "on"}
          aria-describedby={`${id}-anonymous-hint`}
          className="mt-1 size-4 accent-brand-700"
        />
        <label htmlFor={`${id}-anonymous`} className="text-sm">
          <span className="font-semibold">Give anonymously</span>{" "}
          <span id={`${id}-anonymous-hint`} className="text-muted">
            (your name is never shown with this gift)
          </span>
        </label>
      </div>

      <div className="flex items-start gap-2">
        <input
          id={`${id}-updates`}
          type="checkbox"
          name="updates"
          defaultChecked={submitted.updates === "on"}
          aria-describedby={`${id}-updates-hint`}
          className="mt-1 size-4 accent-brand-700"
        />
        <label htmlFor={`${id}-updates`} className="text-sm">
          <span className="font-semibold">{campaign.generalFund ? "Email me updates about your work" : "Email me updates about this campaign"}</span>{" "}
          <span id={`${id}-updates-hint`} className="text-muted">
            (we email you a link to confirm first)
          </span>
        </label>
      </div>

      {total > 0 ? (
        <p className="text-sm" aria-live="polite">
          {monthly ? `${formatWithPattern(total, money, { showCents: true })} each month, until you cancel.` : `Total: ${formatWithPattern(total, money, { showCents: true })}`}
        </p>
      ) : null}
      <SubmitButton label={monthly ? "Donate monthly" : "Donate"} />
      <p className="text-xs text-muted">You will pay securely on Stripe. Cards, Apple Pay and Google Pay are accepted.</p>
    </form>
  );
}

/** An email address in a message ("please contact us at giving@…") becomes a link to write to it. */
const EMAIL_IN_MESSAGE = /([^\s@]+@[^\s@]+\.[^\s@.]+)(?=\.?$|\.?\s)/;

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
