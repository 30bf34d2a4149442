"use client";

import { useActionState } from "react";
import { FormFeedback } from "../../../_components/form-feedback";
import { FormField } from "../../../_components/form-field";
import { saveEmbedOriginsAction, type EmbedOriginsFormState } from "./actions";

/** One list of allowed sites, one address per line. */
export function EmbedOriginsForm({
  campaignId,
  scope,
  origins,
  label,
  hint,
}: {
  campaignId: string;
  scope: "installation" | "campaign";
  origins: string[];
  label: string;
  hint: string;
}) {
  const initial: EmbedOriginsFormState = { values: { campaignId, scope, origins: origins.join("\n") }, errors: {}, attempt: 0 };
  const [state, action, pending] = useActionState(saveEmbedOriginsAction, initial);
  const id = `embed-origins-${scope}`;
  return (
    <form action={action} key={state.attempt} className="space-y-3">
      <input type="hidden" name="campaignId" value={campaignId} />
      <input type="hidden" name="scope" value={scope} />
      <FormField id={id} name="origins" label={label} hint={hint} error={state.errors.origins}>
        {(control) => (
          <textarea
            {...control}
            rows={4}
            defaultValue={state.values.origins}
            spellCheck={false}
            autoCapitalize="off"
            className={`${control.className} font-mono text-sm`}
          />
        )}
      </FormField>
      <button type="submit" disabled={pending} className="rounded bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800 disabled:opacity-70">
        {scope === "installation" ? "Save sites for every campaign" : "Save sites for this campaign"}
      </button>
      <FormFeedback id={`${id}-feedback`} error={state.errors.form} message={state.message} />
    </form>
  );
}
