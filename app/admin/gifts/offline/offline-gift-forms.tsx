"use client";

import { useActionState } from "react";
import { GIFT_METHOD_LABELS, OFFLINE_GIFT_METHODS } from "@/lib/donations/gift-methods";
import type { OfflineGiftFormValues } from "@/lib/donations/offline-gift-form";
import type { FormErrors } from "@/lib/http/form-errors";
import { FormFeedback } from "../../_components/form-feedback";
import { FormField } from "../../_components/form-field";
import {
  correctOfflineGiftAction,
  recordOfflineGiftAction,
  voidOfflineGiftAction,
  type CorrectOfflineGiftValues,
  type RecordOfflineGiftValues,
  type VoidOfflineGiftValues,
} from "./actions";

export interface CampaignOption {
  id: string;
  title: string;
}

const button = "rounded bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800 disabled:opacity-60";

/** The gift's fields, shared by recording and correcting. */
function GiftFields({
  idPrefix,
  values,
  errors,
  campaigns,
  today,
}: {
  idPrefix: string;
  values: OfflineGiftFormValues;
  errors: FormErrors<OfflineGiftFormValues>;
  campaigns: CampaignOption[];
  today: string;
}) {
  const id = (field: string) => `${idPrefix}-${field}`;
  return (
    <>
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField id={id("method")} name="method" label="Paid by" error={errors.method}>
          {(control) => (
            <select {...control} defaultValue={values.method}>
              <option value="">Choose…</option>
              {OFFLINE_GIFT_METHODS.map((method) => (
                <option key={method} value={method}>
                  {GIFT_METHOD_LABELS[method]}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField id={id("receivedOn")} name="receivedOn" label="Date received" error={errors.receivedOn}>
          {(control) => <input {...control} type="date" max={today} defaultValue={values.receivedOn} required />}
        </FormField>
        <FormField id={id("amount")} name="amount" label="Amount" hint="As received, e.g. 250.00" error={errors.amount}>
          {(control) => <input {...control} inputMode="decimal" autoComplete="off" defaultValue={values.amount} required />}
        </FormField>
        <FormField id={id("currency")} name="currency" label="Currency" hint="Three letters, e.g. USD" error={errors.currency}>
          {(control) => <input {...control} maxLength={3} autoComplete="off" defaultValue={values.currency} required />}
        </FormField>
      </div>
      <FormField id={id("campaignId")} name="campaignId" label="Campaign" error={errors.campaignId}>
        {(control) => (
          <select {...control} defaultValue={values.campaignId}>
            <option value="">Choose…</option>
            {campaigns.map((campaign) => (
              <option key={campaign.id} value={campaign.id}>
                {campaign.title}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormField
        id={id("reference")}
        name="reference"
        label="Reference (optional)"
        hint="Cheque number, transfer reference or fund name"
        error={errors.reference}
      >
        {(control) => <input {...control} autoComplete="off" defaultValue={values.reference} />}
      </FormField>
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField id={id("donorName")} name="donorName" label="Donor name (optional)" error={errors.donorName}>
          {(control) => <input {...control} autoComplete="off" defaultValue={values.donorName} />}
        </FormField>
        <FormField
          id={id("donorEmail")}
          name="donorEmail"
          label="Donor email (optional)"
          hint="With an address, the donor is emailed the receipt and gets a yearly statement."
          error={errors.donorEmail}
        >
          {(control) => <input {...control} type="email" autoComplete="off" defaultValue={values.donorEmail} />}
        </FormField>
      </div>
      <div className="flex items-start gap-2">
        <input id={id("anonymous")} type="checkbox" name="anonymous" defaultChecked={values.anonymous} className="mt-1 h-4 w-4" />
        <label htmlFor={id("anonymous")}>
          <span className="font-semibold">Anonymous</span>
          <span className="block text-sm text-muted">Not named on the campaign&apos;s list of supporters.</span>
        </label>
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField id={id("dedicationKind")} name="dedicationKind" label="Dedication" error={errors.dedicationKind}>
          {(control) => (
            <select {...control} defaultValue={values.dedicationKind}>
              <option value="">None</option>
              <option value="in_honour">In honour of</option>
              <option value="in_memory">In memory of</option>
            </select>
          )}
        </FormField>
        <FormField id={id("dedicationName")} name="dedicationName" label="Dedicated to" error={errors.dedicationName}>
          {(control) => <input {...control} autoComplete="off" defaultValue={values.dedicationName} />}
        </FormField>
      </div>
    </>
  );
}

/** Record a gift received offline. `entryKey` is made when the page renders: the same form sent twice records one gift. */
export function RecordOfflineGiftForm({ initial, campaigns, today }: { initial: RecordOfflineGiftValues; campaigns: CampaignOption[]; today: string }) {
  const [state, formAction, pending] = useActionState(recordOfflineGiftAction, { values: initial, errors: {}, attempt: 0 });
  return (
    // Keyed by attempt: selects and the checkbox come back as sent after a refusal.
    <form key={state.attempt} action={formAction} className="space-y-5 rounded-lg border border-stone-200 bg-white p-4" noValidate>
      <input type="hidden" name="entryKey" value={state.values.entryKey} />
      <GiftFields idPrefix="offline" values={state.values} errors={state.errors} campaigns={campaigns} today={today} />
      <button type="submit" disabled={pending} aria-describedby="offline-feedback" className={button}>
        Record gift
      </button>
      <FormFeedback id="offline-feedback" error={state.errors.form ?? state.errors.entryKey} message={state.message} />
    </form>
  );
}

/** Correct a gift received offline; the receipt keeps its number. */
export function CorrectOfflineGiftForm({ initial, campaigns, today }: { initial: CorrectOfflineGiftValues; campaigns: CampaignOption[]; today: string }) {
  const [state, formAction, pending] = useActionState(correctOfflineGiftAction, { values: initial, errors: {}, attempt: 0 });
  return (
    <form key={state.attempt} action={formAction} className="space-y-5 rounded-lg border border-stone-200 bg-white p-4" noValidate>
      <input type="hidden" name="giftId" value={state.values.giftId} />
      <input type="hidden" name="correctionKey" value={state.values.correctionKey} />
      <GiftFields idPrefix="correct" values={state.values} errors={state.errors} campaigns={campaigns} today={today} />
      <button type="submit" disabled={pending} aria-describedby="correct-feedback" className={button}>
        Save correction
      </button>
      <FormFeedback id="correct-feedback" error={state.errors.form ?? state.errors.giftId ?? state.errors.correctionKey} message={state.message} />
    </form>
  );
}

/** Void a gift received offline: it leaves every total; its receipt keeps its number, marked void. */
export function VoidOfflineGiftForm({ giftId }: { giftId: string }) {
  const initial: VoidOfflineGiftValues = { giftId, reason: "" };
  const [state, formAction, pending] = useActionState(voidOfflineGiftAction, { values: initial, errors: {}, attempt: 0 });
  return (
    <form action={formAction} className="space-y-3 rounded-lg border border-red-800 bg-white p-4" noValidate>
      <input type="hidden" name="giftId" value={giftId} />
      <FormField id="void-reason" name="reason" label="Why is it void?" hint="e.g. the cheque bounced, or it was entered twice" error={state.errors.reason}>
        {(control) => <input {...control} autoComplete="off" defaultValue={state.values.reason} required />}
      </FormField>
      <button
        type="submit"
        disabled={pending}
        aria-describedby="void-feedback"
        className="rounded border border-red-800 px-4 py-2 font-semibold text-red-800 hover:bg-red-50 disabled:opacity-60"
      >
        Void this gift
      </button>
      <FormFeedback id="void-feedback" error={state.errors.form ?? state.errors.giftId} message={state.message} />
    </form>
  );
}
