"use client";

import { useActionState } from "react";
import type { UpdateFormValues } from "@/lib/updates/update-form";
import {
  deleteDraftUpdateAction,
  previewUpdateMarkdownAction,
  publishUpdateAction,
  retryFailedEmailAction,
  saveUpdateAction,
  type EmailFormState,
  type PublishFormState,
  type UpdateFormState,
} from "./actions";
import { ErrorSummary } from "../_components/form-feedback";
import { useMarkdownEditor } from "../_components/use-markdown-editor";

const inputClass = "mt-1 w-full rounded border border-stone-500 px-3 py-2 font-normal aria-[invalid=true]:border-red-800";
const LABELS: Record<keyof UpdateFormValues | "form", string> = { form: "Update", title: "Title", bodyMarkdown: "Update text", campaignId: "About" };

function FieldError({ id, message }: { id: string; message?: string }) {
  return message ? (
    <p id={id} className="text-sm font-semibold text-red-800">
      {message}
    </p>
  ) : null;
}

interface UpdateEditorProps {
  id?: string;
  initialValues: UpdateFormValues;
  campaigns: { id: string; title: string }[];
  /** Published updates stay with their campaign: the choice is shown but fixed. */
  published?: boolean;
}

/** Title, campaign and Markdown text with a preview; "Save" keeps it as a draft until it is published. */
export function UpdateEditor({ id, initialValues, campaigns, published = false }: UpdateEditorProps) {
  const [state, formAction, pending] = useActionState<UpdateFormState, FormData>(saveUpdateAction, { values: initialValues, errors: {}, attempt: 0 });
  const { values, errors } = state;
  const { sourceRef: bodyRef, summaryRef, previewHtml, previewing, showPreview } = useMarkdownEditor(state.attempt, previewUpdateMarkdownAction);
  const describedBy = (name: keyof UpdateFormValues, hint?: boolean) =>
    [hint ? `update-${name}-hint` : null, errors[name] ? `update-${name}-error` : null].filter(Boolean).join(" ") || undefined;

  return (
    <form key={state.attempt} action={formAction} className="space-y-6" noValidate>
      {id ? <input type="hidden" name="id" value={id} /> : null}
      <ErrorSummary title="The update was not saved" errors={errors} labels={LABELS} idPrefix="update" summaryRef={summaryRef} />
      <div>
        <label htmlFor="update-title" className="block font-semibold">
          Title
        </label>
        <input
          id="update-title"
          name="title"
          defaultValue={values.title}
          maxLength={200}
          aria-describedby={describedBy("title")}
          aria-invalid={!!errors.title || undefined}
          className={inputClass}
        />
        <FieldError id="update-title-error" message={errors.title} />
      </div>
      <div>
        <label htmlFor="update-campaignId" className="block font-semibold">
          About
        </label>
        {published ? <input type="hidden" name="campaignId" value={values.campaignId} /> : null}
        <select
          id="update-campaignId"
          name={published ? undefined : "campaignId"}
          defaultValue={values.campaignId}
          disabled={published}
          aria-describedby={describedBy("campaignId", published)}
          aria-invalid={!!errors.campaignId || undefined}
          className={inputClass}
        >
          <option value="">The whole organisation</option>
          {campaigns.map((campaign) => (
            <option key={campaign.id} value={campaign.id}>
              {campaign.title}
            </option>
          ))}
        </select>
        {published ? (
          <p id="update-campaignId-hint" className="text-sm text-muted">
            A published update stays with the campaign it was emailed about.
          </p>
        ) : null}
        <FieldError id="update-campaignId-error" message={errors.campaignId} />
      </div>
      <div>
        <label htmlFor="update-bodyMarkdown" className="block font-semibold">
          Update text
        </label>
        <p id="update-bodyMarkdown-hint" className="text-sm text-muted">
          Markdown: blank line between paragraphs, **bold**, *italic*, [link text](https://…), “## ” for a heading.
        </p>
        <textarea
          ref={bodyRef}
          id="update-bodyMarkdown"
          name="bodyMarkdown"
          rows={14}
          defaultValue={values.bodyMarkdown}
          aria-describedby={describedBy("bodyMarkdown", true)}
          aria-invalid={!!errors.bodyMarkdown || undefined}
          className={`${inputClass} font-mono text-sm`}
        />
        <FieldError id="update-bodyMarkdown-error" message={errors.bodyMarkdown} />
      </div>
      <div className="flex flex-wrap gap-3">
        <button type="submit" disabled={pending} className="rounded bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800">
          {published ? "Save correction" : "Save draft"}
        </button>
        <button
          type="button"
          onClick={showPreview}
          disabled={previewing}
          className="rounded border border-stone-500 px-4 py-2 font-semibold hover:bg-stone-100"
        >
          Preview
        </button>
      </div>
      {previewHtml !== null ? (
        <section aria-label="Preview" className="rounded border border-stone-300 p-4">
          <h2 className="mb-2 text-sm font-semibold uppercase text-muted">Preview</h2>
          <div className="prose max-w-none" dangerouslySetInnerHTML={{ __html: previewHtml }} />
        </section>
      ) : null}
    </form>
  );
}

interface PublishFormProps {
  id: string;
  /** Null for organisation news (only "everyone" applies). */
  campaignTitle: string | null;
  campaignAudience: number;
  allAudience: number;
  /** The audience checked at first (lib/updates/publish-audience.ts). */
  initialAudience: "campaign" | "all";
}

/** Choose who gets it (with how many people that is), tick to confirm, publish. */
export function PublishForm({ id, campaignTitle, campaignAudience, allAudience, initialAudience }: PublishFormProps) {
  const [state, formAction, pending] = useActionState<PublishFormState, FormData>(publishUpdateAction, {
    values: { id, audience: "", confirm: "" },
    errors: {},
    attempt: 0,
  });
  const error = Object.values(state.errors)[0];
  const people = (n: number) => `${n.toLocaleString("en")} ${n === 1 ? "person" : "people"}`;
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <input type="hidden" name="id" value={id} />
      <fieldset className="space-y-2">
        <legend className="font-semibold">Email it to</legend>
        <div>
          <label className="flex items-center gap-2">
            <input type="radio" name="audience" value="all" defaultChecked={initialAudience === "all"} aria-describedby="audience-all-hint" />
            {`All confirmed subscribers (${people(allAudience)})`}
          </label>
          <p id="audience-all-hint" className="ml-6 text-sm text-muted">
            Everyone who confirmed their sign-up, wherever they signed up: the footer, the home page, any campaign or the donation form.
          </p>
        </div>
        {campaignTitle ? (
          <div>
            <label className="flex items-center gap-2">
              <input type="radio" name="audience" value="campaign" defaultChecked={initialAudience === "campaign"} aria-describedby="audience-campaign-hint" />
              {`Only subscribers from ${campaignTitle} (${people(campaignAudience)})`}
            </label>
            <p id="audience-campaign-hint" className="ml-6 text-sm text-muted">
              Confirmed subscribers whose latest sign-up was on this campaign&rsquo;s page or its donation form.
            </p>
          </div>
        ) : null}
      </fieldset>
      <label className="flex items-start gap-2">
        <input type="checkbox" name="confirm" value="yes" className="mt-1" />
        <span>I want to publish this update on the site and email it now. It is emailed once: later corrections change the site only.</span>
      </label>
      {error ? (
        <p role="alert" className="text-sm font-semibold text-red-800">
          {error}
        </p>
      ) : null}
      <button type="submit" disabled={pending} className="rounded bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800">
        Publish and email
      </button>
    </form>
  );
}

export function DeleteDraftForm({ id }: { id: string }) {
  const [state, formAction, pending] = useActionState<EmailFormState, FormData>(deleteDraftUpdateAction, { values: { id }, errors: {}, attempt: 0 });
  const error = state.errors.form ?? state.errors.id;
  return (
    <form action={formAction} className="space-y-2">
      <input type="hidden" name="id" value={id} />
      <button type="submit" disabled={pending} className="rounded border border-red-800 px-3 py-1 text-sm font-semibold text-red-800 hover:bg-red-50">
        Delete this draft
      </button>
      {error ? (
        <p role="alert" className="text-sm font-semibold text-red-800">
          {error}
        </p>
      ) : null}
    </form>
  );
}

export function RetryEmailForm({ id, to }: { id: string; to: string }) {
  const [state, formAction, pending] = useActionState<EmailFormState, FormData>(retryFailedEmailAction, { values: { id }, errors: {}, attempt: 0 });
  const error = state.errors.form ?? state.errors.id;
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="id" value={id} />
      <button
        type="submit"
        disabled={pending || !!state.message}
        aria-label={`Retry the email to ${to}`}
        className="rounded border border-stone-500 px-3 py-1 text-sm font-semibold hover:bg-stone-100"
      >
        Retry
      </button>
      <p role="status" className={`text-sm font-semibold ${error ? "text-red-800" : "text-green-900"}`}>
        {error ?? state.message ?? ""}
      </p>
    </form>
  );
}
