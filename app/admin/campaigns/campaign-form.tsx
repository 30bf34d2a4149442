"use client";

import { useActionState, useEffect, useRef, useState, useTransition } from "react";
import type { CampaignFormErrors, CampaignFormValues } from "@/lib/campaigns/campaign-form";
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
  publishedOn: "Publication date",
  startsOn: "Start date",
  endsOn: "End date",
  status: "Status",
  featured: "Featured",
};

const inputClass = "mt-1 w-full rounded border border-stone-500 px-3 py-2 font-normal aria-[invalid=true]:border-red-800";

function Field({
  name,
  errors,
  hint,
  children,
}: {
  name: keyof CampaignFormValues;
  errors: CampaignFormErrors;
  hint?: string;
  children: (describedBy: string | undefined, invalid: boolean) => React.ReactNode;
}) {
  const error = errors[name];
  const describedBy = [hint ? `${name}-hint` : null, error ? `${name}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="space-y-1">
      <label htmlFor={`campaign-${name}`} className="block font-semibold">
        {FIELD_LABELS[name]}
      </label>
      {hint ? (
        <p id={`${name}-hint`} className="text-sm text-muted">
          {hint}
        </p>
      ) : null}
      {children(describedBy, !!error)}
      {error ? (
        <p id={`${name}-error`} className="text-sm font-semibold text-red-800">
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function CampaignForm({ id, initialValues, isGeneralFund = false }: CampaignFormProps) {
  const [state, formAction, pending] = useActionState<CampaignFormState, FormData>(saveCampaignAction, { values: initialValues, errors: {}, attempt: 0 });
  const { values, errors } = state;
  const articleRef = useRef<HTMLTextAreaElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  // After a refused save, take keyboard and screen-reader users to the list of problems.
  useEffect(() => {
    if (state.attempt > 0) summaryRef.current?.focus();
  }, [state.attempt]);
  const [previewHtml, setPreviewHtml] = useState<string | null>(null);
  const [previewing, startPreview] = useTransition();
  const showPreview = () =>
    startPreview(async () => {
      setPreviewHtml(await previewCampaignMarkdownAction(articleRef.current?.value ?? ""));
    });
  const errorEntries = Object.entries(errors) as [keyof CampaignFormValues | "form", string][];

  return (
    // Keyed by attempt: React resets a form after its action, and an uncontrolled select or
    // checkbox would fall back to its first default; a fresh form shows exactly what was sent.
    <form key={state.attempt} action={formAction} className="space-y-6" noValidate>
      {id ? <input type="hidden" name="id" value={id} /> : null}
      {errorEntries.length > 0 ? (
        <div ref={summaryRef} tabIndex={-1} role="alert" className="space-y-2 rounded border-2 border-red-800 bg-red-50 p-4">
          <h2 className="font-bold">The campaign was not saved</h2>
          <ul className="list-disc pl-5 text-sm">
            {errorEntries.map(([field, message]) => (
              <li key={field}>
                {field === "form" ? message : <a href={`#campaign-${field}`} className="underline">{`${FIELD_LABELS[field]}: ${message}`}</a>}
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      <Field name="title" errors={errors}>
        {(describedBy, invalid) => (
          <input id="campaign-title" name="title" defaultValue={values.title} required maxLength={200} aria-describedby={describedBy} aria-invalid={invalid || undefined} className={inputClass} />
        )}
      </Field>
      <Field name="slug" errors={errors} hint={isGeneralFund ? "The general fund’s address cannot change." : "Lower-case letters, numbers and hyphens; the page will be /campaigns/<address>. Leave empty to make one from the title."}>
        {(describedBy, invalid) => (
          <input
            id="campaign-slug"
            name="slug"
            defaultValue={values.slug}
            readOnly={isGeneralFund}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            className={inputClass}
          />
        )}
      </Field>
      <Field name="summary" errors={errors} hint="One or two sentences, shown on the home page and in link previews.">
        {(describedBy, invalid) => (
          <textarea id="campaign-summary" name="summary" rows={3} defaultValue={values.summary} aria-describedby={describedBy} aria-invalid={invalid || undefined} className={inputClass} />
        )}
      </Field>
      <Field name="bodyMarkdown" errors={errors} hint="Markdown: ## for headings, **bold**, *italic*, [links](https://…), > quotes, - lists. Images and scripts are removed.">
        {(describedBy, invalid) => (
          <textarea
            id="campaign-bodyMarkdown"
            ref={articleRef}
            name="bodyMarkdown"
            rows={16}
            defaultValue={values.bodyMarkdown}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            className={`${inputClass} font-mono text-sm`}
          />
        )}
      </Field>
      <div>
        <button type="button" onClick={showPreview} disabled={previewing} className="rounded border border-brand-700 px-4 py-2 font-semibold text-brand-700 hover:bg-brand-50">
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
          {(describedBy, invalid) => (
            <input
              id="campaign-currency"
              name="currency"
              defaultValue={values.currency}
              maxLength={3}
              autoCapitalize="characters"
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
              className={inputClass}
            />
          )}
        </Field>
        <Field name="goal" errors={errors} hint="In the campaign’s currency; empty for no goal.">
          {(describedBy, invalid) => (
            <input id="campaign-goal" name="goal" inputMode="decimal" defaultValue={values.goal} aria-describedby={describedBy} aria-invalid={invalid || undefined} className={inputClass} />
          )}
        </Field>
        <Field name="presetAmounts" errors={errors} hint="Buttons on the donation form, separated by commas.">
          {(describedBy, invalid) => (
            <input id="campaign-presetAmounts" name="presetAmounts" defaultValue={values.presetAmounts} aria-describedby={describedBy} aria-invalid={invalid || undefined} className={inputClass} />
          )}
        </Field>
      </div>

      <div className="grid gap-6 sm:grid-cols-3">
        <Field name="publishedOn" errors={errors} hint="Shown on the article.">
          {(describedBy, invalid) => (
            <input id="campaign-publishedOn" type="date" name="publishedOn" defaultValue={values.publishedOn} aria-describedby={describedBy} aria-invalid={invalid || undefined} className={inputClass} />
          )}
        </Field>
        <Field name="startsOn" errors={errors} hint="Optional, UTC.">
          {(describedBy, invalid) => (
            <input id="campaign-startsOn" type="date" name="startsOn" defaultValue={values.startsOn} aria-describedby={describedBy} aria-invalid={invalid || undefined} className={inputClass} />
          )}
        </Field>
        <Field name="endsOn" errors={errors} hint="Optional, UTC; the page counts down to it.">
          {(describedBy, invalid) => (
            <input id="campaign-endsOn" type="date" name="endsOn" defaultValue={values.endsOn} aria-describedby={describedBy} aria-invalid={invalid || undefined} className={inputClass} />
          )}
        </Field>
      </div>

      <Field name="status" errors={errors} hint="Draft: not public. Active: public and taking gifts. Closed: public with its totals, no new gifts.">
        {(describedBy, invalid) => (
          <select id="campaign-status" name="status" defaultValue={values.status} aria-describedby={describedBy} aria-invalid={invalid || undefined} className={inputClass}>
            <option value="draft">Draft</option>
            <option value="active">Active</option>
            <option value="closed">Closed</option>
          </select>
        )}
      </Field>

      <div className="flex items-start gap-3">
        <input id="campaign-featured" type="checkbox" name="featured" defaultChecked={values.featured} className="mt-1 h-5 w-5" aria-describedby="featured-hint" />
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
