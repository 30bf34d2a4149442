"use client";

import { useActionState, useState } from "react";
import { imageReference } from "@/lib/images/image-urls";
import type { RenderableImage } from "@/lib/images/picture";
import { IMAGE_MESSAGES, MAX_IMAGE_BYTES, MAX_IMAGE_PIXELS } from "@/lib/images/image-upload-rules";
import { setCampaignCoverAction, uploadImageAction, type CoverFormState, type ImageUploadState } from "../images/actions";
import { ResponsivePicture } from "../../_components/responsive-picture";
import { FormFeedback } from "./form-feedback";
import { FormField } from "./form-field";

interface ImageLibraryProps {
  owner: "campaign" | "update";
  ownerId: string;
  images: RenderableImage[];
  /** Campaigns only: the current cover. */
  coverImageId?: string | null;
}

/** The Markdown that shows an image in an article or update (brackets in the alt text escaped). */
function markdownFor(image: RenderableImage): string {
  return `![${image.altText.replace(/([[\]\\])/g, "\\$1")}](${imageReference(image.id)})`;
}

/** An admin page's images: upload one (alt text required), copy its Markdown, pick the cover. */
export function ImageLibrary({ owner, ownerId, images, coverImageId }: ImageLibraryProps) {
  const isCampaign = owner === "campaign";
  return (
    <section aria-labelledby="images-heading" className="space-y-4">
      <h2 id="images-heading" className="text-2xl font-bold">
        Images
      </h2>
      <p className="text-muted">
        {isCampaign
          ? "Upload a cover for the page, cards and link previews, or pictures to place in the article: paste an image’s Markdown where it belongs."
          : "Upload pictures to place in the update: paste an image’s Markdown where it belongs. The site and the email both show them."}
      </p>
      <ImageUploadForm owner={owner} ownerId={ownerId} allowCover={isCampaign} />
      {isCampaign ? <CoverStatus campaignId={ownerId} hasCover={Boolean(coverImageId)} /> : null}
      {images.length > 0 ? (
        <ul className="grid gap-4 sm:grid-cols-2" aria-label="Uploaded images">
          {images.map((image) => {
            const isCover = image.id === coverImageId;
            return (
              <li key={image.id} className="space-y-2 rounded border border-stone-300 bg-white p-3">
                <ResponsivePicture image={image} sizes="(min-width: 640px) 22rem, 100vw" className="h-auto w-full rounded" />
                <p className="text-sm">
                  <span className="font-semibold">Alt text: </span>
                  {image.altText}
                </p>
                <p className="text-sm">
                  <span className="font-semibold">Markdown: </span>
                  <code className="break-all">{markdownFor(image)}</code>
                </p>
                {isCampaign ? (
                  isCover ? (
                    <p className="text-sm font-semibold text-green-900">The cover image</p>
                  ) : (
                    <CoverButton campaignId={ownerId} imageId={image.id} label={`Use as cover: ${image.altText}`} text="Use as cover" />
                  )
                ) : null}
              </li>
            );
          })}
        </ul>
      ) : (
        <p className="text-sm text-muted">No images uploaded yet.</p>
      )}
    </section>
  );
}

function ImageUploadForm({ owner, ownerId, allowCover }: { owner: "campaign" | "update"; ownerId: string; allowCover: boolean }) {
  const initial: ImageUploadState = { values: { owner, ownerId, altText: "", useAsCover: false, file: "" }, errors: {}, attempt: 0 };
  const [state, formAction, pending] = useActionState(uploadImageAction, initial);
  // A file over the limit is refused here before it is sent (the server refuses it too).
  const [tooLarge, setTooLarge] = useState<{ attempt: number } | null>(null);
  const fileError = tooLarge?.attempt === state.attempt ? IMAGE_MESSAGES.tooLarge : state.errors.file;
  const { values, errors } = state;

  return (
    <form
      key={state.attempt}
      action={formAction}
      onSubmit={(event) => {
        const file = new FormData(event.currentTarget).get("file");
        if (file instanceof File && file.size > MAX_IMAGE_BYTES) {
          event.preventDefault();
          setTooLarge({ attempt: state.attempt });
        } else {
          setTooLarge(null);
        }
      }}
      className="space-y-4 rounded border border-stone-300 bg-stone-50 p-4"
      aria-label="Upload an image"
      noValidate
    >
      <input type="hidden" name="owner" value={owner} />
      <input type="hidden" name="ownerId" value={ownerId} />
      <FormField
        id="image-file"
        name="file"
        label="Image file"
        hint={`JPEG, PNG or WebP, up to ${MAX_IMAGE_BYTES / (1024 * 1024)} MB and ${MAX_IMAGE_PIXELS / 1_000_000} megapixels. Lantern makes smaller copies for phones and removes the camera’s details (location, date).`}
        error={fileError}
      >
        {(control) => <input {...control} type="file" accept="image/jpeg,image/png,image/webp" className="mt-1 block w-full text-sm" />}
      </FormField>
      <FormField id="image-altText" name="altText" label="Alt text" hint="What the picture shows, for readers who cannot see it." error={errors.altText}>
        {(control) => <input {...control} defaultValue={values.altText} maxLength={300} />}
      </FormField>
      {allowCover ? (
        <div className="flex items-center gap-2">
          <input id="image-useAsCover" type="checkbox" name="useAsCover" defaultChecked={values.useAsCover} className="h-4 w-4" />
          <label htmlFor="image-useAsCover" className="font-semibold">
            Use as the cover image
          </label>
        </div>
      ) : null}
      <div className="flex flex-wrap items-center gap-4">
        <button type="submit" disabled={pending} className="rounded bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800 disabled:opacity-60">
          {pending ? "Uploading…" : "Upload image"}
        </button>
        <FormFeedback
          id="image-upload-feedback"
          error={errors.form ?? (fileError ? "The image was not uploaded. See the message above." : undefined)}
          message={state.message}
        />
      </div>
    </form>
  );
}

function CoverButton({ campaignId, imageId, label, text }: { campaignId: string; imageId: string; label: string; text: string }) {
  const initial: CoverFormState = { values: { campaignId, imageId }, errors: {}, attempt: 0 };
  const [state, formAction, pending] = useActionState(setCampaignCoverAction, initial);
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-3">
      <input type="hidden" name="campaignId" value={campaignId} />
      <input type="hidden" name="imageId" value={imageId} />
      <button
        type="submit"
        disabled={pending}
        aria-label={label}
        className="rounded border border-brand-700 px-3 py-1 text-sm font-semibold text-brand-700 hover:bg-brand-50"
      >
        {text}
      </button>
      {state.errors.form ? <FormFeedback id={`cover-${imageId}-feedback`} error={state.errors.form} /> : null}
    </form>
  );
}

/** Whether the campaign has a cover, and a way to remove it. */
function CoverStatus({ campaignId, hasCover }: { campaignId: string; hasCover: boolean }) {
  const initial: CoverFormState = { values: { campaignId, imageId: "" }, errors: {}, attempt: 0 };
  const [state, formAction, pending] = useActionState(setCampaignCoverAction, initial);
  return (
    <div className="space-y-2">
      {hasCover ? (
        <form action={formAction} className="flex flex-wrap items-center gap-3">
          <input type="hidden" name="campaignId" value={campaignId} />
          <input type="hidden" name="imageId" value="" />
          <p>This campaign has a cover image (marked below).</p>
          <button type="submit" disabled={pending} className="rounded border border-stone-500 px-3 py-1 text-sm font-semibold hover:bg-stone-100">
            Remove the cover
          </button>
        </form>
      ) : (
        <p>No cover image: pages and link previews show a generated card with the title and progress.</p>
      )}
      <FormFeedback id="cover-feedback" error={state.errors.form} message={state.message} />
    </div>
  );
}
