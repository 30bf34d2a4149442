"use client";

import { useActionState } from "react";
import type { CampaignFormValues } from "@/lib/campaigns/campaign-form";
import type { FormErrors } from "@/lib/http/form-errors";
import { FormField, type ControlProps } from "../_components/form-field";
import { ErrorSummary } from "../_components/form-feedback";
import { useMarkdownEditor } from "../_components/use-markdown-editor";
import { previewCampaignMarkdownAction, saveCampaignAction, type CampaignFormState } from "./actions";

interface CampaignFormProps {
  id?: string;
  initialValues: CampaignFormValues;
  /** The general fund keeps its address and status. */
  isGeneralFund?: boolean;
}

const FIELD_LABELS: Record<keyof CampaignFormValues | "form", string> = {
  form: "Campaign",
  title: "Title",
  slug: "Web address",
  summary: "Summary",
  bodyMarkdown: "Article",
  currency: "Currency",
  goal: "Goal",
  presetAmounts: "Suggested amounts",
  presetImpacts: "What each amount does",
  defaultFrequency: "The form starts on",
  frequencies: "How often donors can give",
  publishedOn: "Publication date",
  sourceName: "First published by",
  sourceUrl: "Original address",
  sourcePublishedOn: "First published on",
  startsOn: "Start date",
  endsOn: "End date",
  status: "Status",
  featured: "Featured",
};

/** A campaign field: its label from FIELD_LABELS, its error from the last answer. */
function Field({
  name,
  errors,
  hint,
  children,
}: {
  name: keyof CampaignFormValues;
  errors: FormErrors<CampaignFormValues>;
  hint?: string;
  children: (control: ControlProps) => React.ReactNode;
}) {
  return (
    <FormField id={`campaign-${name}`} name={name} label={FIELD_LABELS[name]} hint={hint} error={errors[name]}>
      {children}
    </FormField>
  );
}

/** The frequencies the donation panel offers: one checkbox each, at least one, the starting one among them. */
function FrequencyChoices({ value, error }: { value: string; error?: string }) {
  const ticked = value.split(",");
  return (
    <fieldset id="campaign-frequencies" tabIndex={-1} aria-describedby={error ? "frequencies-error" : "frequencies-hint"} className="space-y-2">
      <legend className="font-semibold">{FIELD_LABELS.frequencies}</legend>
      <p id="frequencies-hint" className="text-sm text-muted">
        Yearly gifts are charged once a year until the donor cancels; monthly gifts can also be paused by the donor.
      </p>
      <div className="flex flex-wrap gap-6">
        {(
          [
            ["once", "Give once"],
            ["monthly", "Monthly"],
            ["yearly", "Yearly"],
          ] as const
        ).map(([frequency, label]) => (
          <label key={frequency} className="flex items-center gap-2">
            <input type="checkbox" name="frequencies" value={frequency} defaultChecked={ticked.includes(frequency)} className="h-5 w-5" />
            {label}
          </label>
        ))}
      </div>
      {error ? (
        <p id="frequencies-error" className="font-semibold text-red-800">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

export function CampaignForm({ id, initialValues, isGeneralFund = false }: CampaignFormProps) {
  const [state, formAction, pending] = useActionState<CampaignFormState, FormData>(saveCampaignAction, { values: initialValues, errors: {}, attempt: 0 });
  const { values, errors } = state;
  const { sourceRef: articleRef, summaryRef, previewHtml, previewing, showPreview } = useMarkdownEditor(state.attempt, previewCampaignMarkdownAction);

  return (
    // Keyed by attempt: React resets a form after its action, and an uncontrolled select or
    // checkbox would fall back to its first default; a fresh form shows exactly what was sent.
    <form key={state.attempt} action={formAction} className="space-y-6" noValidate>
      {id ? <input type="hidden" name="id" value={id} /> : null}
      <ErrorSummary title="The campaign was not saved" errors={errors} labels={FIELD_LABELS} idPrefix="campaign" summaryRef={summaryRef} />

      <Field name="title" errors={errors}>
        {(control) => <input {...control} defaultValue={values.title} required maxLength={200} />}
      </Field>
      <Field
        name="slug"
        errors={errors}
        hint={
          isGeneralFund
            ? "The general fund’s address cannot change."
            : "Lower-case letters, numbers and hyphens; the page will be /campaigns/<address>. Leave empty to make one from the title."
        }
      >
        {(control) => <input {...control} defaultValue={values.slug} readOnly={isGeneralFund} />}
      </Field>
      <Field name="summary" errors={errors} hint="One or two sentences, shown on the home page and in link previews.">
        {(control) => <textarea {...control} rows={3} defaultValue={values.summary} />}
      </Field>
      <Field
        name="bodyMarkdown"
        errors={errors}
        hint="Markdown: ## for headings, **bold**, *italic*, [links](https://…), > quotes, - lists. Pictures: upload them under Images below and paste their Markdown, e.g. ![What it shows](/images/…); other images and scripts are removed."
      >
        {(control) => (
          <textarea {...control} ref={articleRef} rows={16} defaultValue={values.bodyMarkdown} className={`${control.className} font-mono text-sm`} />
        )}
      </Field>
      <div>
        <button
          type="button"
          onClick={showPreview}
          disabled={previewing}
          className="rounded border border-brand-700 px-4 py-2 font-semibold text-brand-700 hover:bg-brand-50"
        >
          {previewing ? "Rendering preview…" : "Preview article"}
        </button>
      </div>
      <section aria-label="Article preview" aria-live="polite">
        {previewHtml !== null ? (
          <div className="rounded border border-stone-300 bg-white p-5">
            <h2 className="mb-3 text-sm font-bold uppercase tracking-wide text-muted">Preview</h2>
            {previewHtml ? (
              <div className="prose prose-stone max-w-none" dangerouslySetInnerHTML={{ __html: previewHtml }} />
            ) : (
              <p className="text-muted">The article is empty.</p>
            )}
          </div>
        ) : null}
      </section>

      <div className="grid gap-6 sm:grid-cols-3">
        <Field name="currency" errors={errors} hint="Three letters, e.g. USD, EUR, JPY.">
          {(control) => <input {...control} defaultValue={values.currency} maxLength={3} autoCapitalize="characters" />}
        </Field>
        <Field name="goal" errors={errors} hint="In the campaign’s currency; empty for no goal.">
          {(control) => <input {...control} inputMode="decimal" defaultValue={values.goal} />}
        </Field>
        <Field name="presetAmounts" errors={errors} hint="Buttons on the donation form, separated by commas.">
          {(control) => <input {...control} defaultValue={values.presetAmounts} />}
        </Field>
      </div>

      <div className="grid gap-6 sm:grid-cols-3">
        <div className="sm:col-span-2">
          <Field
            name="presetImpacts"
            errors={errors}
            hint="Optional, one line per suggested amount, e.g. “50: a month of radio broadcasts”. Shown under the amounts when one is chosen; keep each to 60 characters."
          >
            {(control) => <textarea {...control} rows={3} defaultValue={values.presetImpacts} />}
          </Field>
        </div>
        <Field name="defaultFrequency" errors={errors} hint="Monthly suits a campaign that lives on steady support; donors can still switch.">
          {(control) => (
            <select {...control} defaultValue={values.defaultFrequency}>
              <option value="once">Give once</option>
              <option value="monthly">Monthly</option>
              <option value="yearly">Yearly</option>
            </select>
          )}
        </Field>
      </div>

      <FrequencyChoices value={values.frequencies} error={errors.frequencies} />

      <div className="grid gap-6 sm:grid-cols-3">
        <Field name="publishedOn" errors={errors} hint="Shown on the article.">
          {(control) => <input {...control} type="date" defaultValue={values.publishedOn} />}
        </Field>
        <Field name="startsOn" errors={errors} hint="Optional, UTC.">
          {(control) => <input {...control} type="date" defaultValue={values.startsOn} />}
        </Field>
        <Field name="endsOn" errors={errors} hint="Optional, UTC; the page counts down to it.">
          {(control) => <input {...control} type="date" defaultValue={values.endsOn} />}
        </Field>
      </div>

      <fieldset className="space-y-4 rounded border border-stone-300 p-4">
        <legend className="px-1 font-semibold">First published elsewhere</legend>
        <p className="text-sm text-muted">
          When the article first appeared on another site, the page says where and when, with a link. Leave empty for an article written for this site.
        </p>
        <div className="grid gap-6 sm:grid-cols-3">
          <Field name="sourceName" errors={errors} hint="e.g. the original publisher’s name.">
            {(control) => <input {...control} defaultValue={values.sourceName} maxLength={200} />}
          </Field>
          <Field name="sourceUrl" errors={errors} hint="The original article, https://…">
            {(control) => <input {...control} type="url" defaultValue={values.sourceUrl} />}
          </Field>
          <Field name="sourcePublishedOn" errors={errors} hint="Its date there.">
            {(control) => <input {...control} type="date" defaultValue={values.sourcePublishedOn} />}
          </Field>
        </div>
      </fieldset>

      <Field name="status" errors={errors} hint="Draft: not public. Active: public and taking gifts. Closed: public with its totals, no new gifts.">
        {(control) => (
          <select {...control} defaultValue={values.status}>
            <option value="draft">Draft</option>
            <option value="active">Active</option>
            <option value="closed">Closed</option>
          </select>
        )}
      </Field>

      <div className="flex items-start gap-3">
        <input
          id="campaign-featured"
          type="checkbox"
          name="featured"
          defaultChecked={values.featured}
          className="mt-1 h-5 w-5"
          aria-describedby="featured-hint"
        />
        <div>
          <label htmlFor="campaign-featured" className="font-semibold">
            Feature on the home page
          </label>
          <p id="featured-hint" className="text-sm text-muted">
            The home page features one campaign; featuring this one unfeatures the others.
          </p>
        </div>
      </div>

      <button type="submit" disabled={pending} className="rounded bg-brand-700 px-6 py-3 font-semibold text-white hover:bg-brand-800 disabled:opacity-70">
        {id ? "Save changes" : "Create campaign"}
      </button>
    </form>
  );
}
