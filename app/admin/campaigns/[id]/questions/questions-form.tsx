"use client";

import { useActionState } from "react";
import type { CampaignQuestion } from "@/db/schema";
import { QUESTION_KEYS } from "@/lib/campaigns/campaign-questions";
import { FormFeedback } from "../../../_components/form-feedback";
import { FormField } from "../../../_components/form-field";
import { saveCampaignQuestionsAction, type QuestionsFormState } from "./actions";

function initialValues(campaignId: string, questions: CampaignQuestion[], askPostalAddress: boolean): QuestionsFormState["values"] {
  const values = { campaignId, askPostalAddress } as Record<string, string | boolean>;
  QUESTION_KEYS.forEach((key) => {
    const question = questions.find((q) => q.key === key);
    values[`${key}_label`] = question?.label ?? "";
    values[`${key}_kind`] = question?.kind ?? "text";
    values[`${key}_options`] = question?.options.join("\n") ?? "";
    values[`${key}_required`] = question?.required ?? false;
  });
  return values as QuestionsFormState["values"];
}

/** Three question slots (leave the question empty for none) and the postal-address choice. */
export function QuestionsForm({ campaignId, questions, askPostalAddress }: { campaignId: string; questions: CampaignQuestion[]; askPostalAddress: boolean }) {
  const initial: QuestionsFormState = { values: initialValues(campaignId, questions, askPostalAddress), errors: {}, attempt: 0 };
  const [state, action, pending] = useActionState(saveCampaignQuestionsAction, initial);
  const values = state.values;
  const errors = state.errors as Record<string, string | undefined>;
  return (
    <form action={action} key={state.attempt} className="space-y-6">
      <input type="hidden" name="campaignId" value={campaignId} />
      {QUESTION_KEYS.map((key, index) => (
        <fieldset key={key} className="space-y-3 rounded-lg border border-stone-200 bg-white p-4">
          <legend className="px-1 font-bold">{`Question ${index + 1}`}</legend>
          <FormField
            id={`${key}-label`}
            name={`${key}_label`}
            label={`Question ${index + 1}: what to ask`}
            hint="Leave empty for no question."
            error={errors[`${key}_label`]}
          >
            {(control) => <input {...control} defaultValue={values[`${key}_label`]} maxLength={120} />}
          </FormField>
          <FormField id={`${key}-kind`} name={`${key}_kind`} label={`Question ${index + 1}: kind of answer`} error={errors[`${key}_kind`]}>
            {(control) => (
              <select {...control} defaultValue={values[`${key}_kind`]}>
                <option value="text">Short text</option>
                <option value="choice">A choice from a list</option>
              </select>
            )}
          </FormField>
          <FormField
            id={`${key}-options`}
            name={`${key}_options`}
            label={`Question ${index + 1}: choices`}
            hint="For a choice from a list: one choice per line."
            error={errors[`${key}_options`]}
          >
            {(control) => <textarea {...control} rows={3} defaultValue={values[`${key}_options`]} />}
          </FormField>
          <label className="flex items-center gap-2">
            <input type="checkbox" name={`${key}_required`} defaultChecked={values[`${key}_required`]} className="size-4" />
            {`Question ${index + 1}: an answer is required`}
          </label>
        </fieldset>
      ))}
      <label className="flex items-start gap-2">
        <input type="checkbox" name="askPostalAddress" defaultChecked={values.askPostalAddress} className="mt-1 size-4" />
        <span>
          <span className="font-semibold">Ask for the donor&rsquo;s postal address</span>{" "}
          <span className="text-muted">(required of the donor; printed on their receipt, for tax receipts that need one)</span>
        </span>
      </label>
      <button type="submit" disabled={pending} className="rounded bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800 disabled:opacity-70">
        Save questions
      </button>
      <FormFeedback id="questions-feedback" error={errors.form} message={state.message} />
    </form>
  );
}
