"use client";

import { useActionState } from "react";
import { FormFeedback } from "../_components/form-feedback";
import { removeSlugRedirectAction, type SlugRedirectFormState } from "./actions";

/** One old web address of a campaign, with the button that stops it redirecting. */
export function RemoveSlugRedirectButton({ campaignId, slug }: { campaignId: string; slug: string }) {
  const initial: SlugRedirectFormState = { values: { campaignId, slug }, errors: {}, attempt: 0 };
  const [state, formAction, pending] = useActionState(removeSlugRedirectAction, initial);
  const feedbackId = `unredirect-${slug}`;
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-3">
      <input type="hidden" name="campaignId" value={campaignId} />
      <input type="hidden" name="slug" value={slug} />
      <code className="break-all">{`/campaigns/${slug}`}</code>
      <button
        type="submit"
        disabled={pending}
        aria-describedby={feedbackId}
        className="rounded border border-red-800 px-3 py-1 text-sm font-semibold text-red-800 hover:bg-red-50"
      >
        {`Stop redirecting /campaigns/${slug}`}
      </button>
      <FormFeedback id={feedbackId} error={state.errors.form ?? state.errors.slug} message={state.message} />
    </form>
  );
}
