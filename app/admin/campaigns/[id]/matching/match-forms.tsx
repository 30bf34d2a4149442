"use client";

import { useActionState } from "react";
import { FormFeedback } from "../../../_components/form-feedback";
import { FormField } from "../../../_components/form-field";
import { addCampaignMatchAction, endCampaignMatchAction, type MatchFormState } from "./actions";

/** Adds a sponsor's match: who, 1:1 or 2:1, the most they give, and when it runs (UTC). */
export function AddMatchForm({ campaignId, currency }: { campaignId: string; currency: string }) {
  const initial: MatchFormState = { values: { campaignId, sponsorName: "", ratio: "1", cap: "", startsAt: "", endsAt: "" }, errors: {}, attempt: 0 };
  const [state, action, pending] = useActionState(addCampaignMatchAction, initial);
  return (
    <form action={action} key={state.attempt} className="space-y-4">
      <input type="hidden" name="campaignId" value={campaignId} />
      <FormField
        id="match-sponsor"
        name="sponsorName"
        label="Sponsor's name"
        hint="Shown to donors: “Your gift will be matched by …”."
        error={state.errors.sponsorName}
      >
        {(control) => <input {...control} defaultValue={state.values.sponsorName} maxLength={120} />}
      </FormField>
      <fieldset className="space-y-1">
        <legend className="font-semibold">Ratio</legend>
        <label className="mr-6 inline-flex items-center gap-2">
          <input type="radio" name="ratio" value="1" defaultChecked={state.values.ratio !== "2"} /> 1:1 (each gift counts twice)
        </label>
        <label className="inline-flex items-center gap-2">
          <input type="radio" name="ratio" value="2" defaultChecked={state.values.ratio === "2"} /> 2:1 (each gift counts three times)
        </label>
        {state.errors.ratio ? <p className="text-sm font-semibold text-red-800">{state.errors.ratio}</p> : null}
      </fieldset>
      <FormField
        id="match-cap"
        name="cap"
        label={`Cap (${currency})`}
        hint="The most the sponsor gives in all; gifts are matched until it is reached. Only gifts in the campaign's currency are matched."
        error={state.errors.cap}
      >
        {(control) => <input {...control} inputMode="decimal" defaultValue={state.values.cap} />}
      </FormField>
      <FormField id="match-starts" name="startsAt" label="Starts (UTC)" error={state.errors.startsAt}>
        {(control) => <input {...control} type="datetime-local" defaultValue={state.values.startsAt} />}
      </FormField>
      <FormField id="match-ends" name="endsAt" label="Ends (UTC)" error={state.errors.endsAt}>
        {(control) => <input {...control} type="datetime-local" defaultValue={state.values.endsAt} />}
      </FormField>
      <button type="submit" disabled={pending} className="rounded bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800 disabled:opacity-70">
        Add match
      </button>
      <FormFeedback id="match-feedback" error={state.errors.form} message={state.message} />
    </form>
  );
}

/** Ends a running match now. */
export function EndMatchButton({ matchId, sponsorName }: { matchId: string; sponsorName: string }) {
  const [state, action, pending] = useActionState(endCampaignMatchAction, { values: { matchId }, errors: {}, attempt: 0 });
  const feedbackId = `end-match-${matchId}`;
  return (
    <form action={action} className="inline">
      <input type="hidden" name="matchId" value={matchId} />
      <button
        type="submit"
        disabled={pending}
        aria-describedby={feedbackId}
        className="rounded border border-red-800 px-2 py-1 text-sm font-semibold text-red-800 hover:bg-red-50"
      >
        {`End the match by ${sponsorName} now`}
      </button>
      <FormFeedback id={feedbackId} error={state.errors.form} message={state.message} />
    </form>
  );
}
