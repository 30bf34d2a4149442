import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db/client";
import { requireAdmin } from "@/lib/auth/require-admin";
import { getCampaignForEdit } from "@/lib/campaigns/admin-campaigns";
import { listEmbedOrigins } from "@/lib/embed/embed-origins";
import { embedSnippets } from "@/lib/embed/embed-snippets";
import { loaderScript } from "@/lib/embed/loader-script";
import { env } from "@/lib/env";
import { ShareLinks } from "@/app/donate/thank-you/share-links";
import { EmbedOriginsForm } from "./embed-origins-form";

export const metadata: Metadata = { title: "Share and embed" };

interface ShareAndEmbedPageProps {
  params: Promise<{ id: string }>;
}

const SNIPPET_BOX = "mt-1 w-full rounded border border-stone-500 bg-stone-50 px-3 py-2 font-mono text-xs";

/**
 * "Share and embed" for one campaign (docs/embedding.md): its link with share buttons, the
 * snippets to paste into the organisation's own site, a live preview of the widgets, and the
 * sites allowed to embed them. Admins only.
 */
export default async function ShareAndEmbedPage({ params }: ShareAndEmbedPageProps) {
  const { id } = await params;
  await requireAdmin("/admin/campaigns/[id]/embed", `/admin/campaigns/${encodeURIComponent(id)}/embed`);
  if (!z.uuid().safeParse(id).success) notFound();
  const db = await getDb();
  const campaign = await getCampaignForEdit(db, id);
  if (!campaign || campaign.kind !== "campaign") notFound();
  const [installationOrigins, campaignOrigins] = await Promise.all([listEmbedOrigins(db, null), listEmbedOrigins(db, campaign.id)]);
  const { APP_URL } = env();
  const appOrigin = new URL(APP_URL).origin;
  const title = campaign.values.title;
  const snippets = embedSnippets({ appOrigin, slug: campaign.slug, title, loader: loaderScript() });
  const campaignUrl = `${appOrigin}/campaigns/${campaign.slug}`;
  const live = campaign.status === "active";

  return (
    <div className="max-w-3xl space-y-8">
      <div className="space-y-2">
        <p>
          <Link href={`/admin/campaigns/${campaign.id}`} className="font-semibold text-brand-700 underline">
            {`Back to editing ${title}`}
          </Link>
        </p>
        <h1 className="font-serif text-3xl font-bold">{`Share and embed: ${title}`}</h1>
        {!live ? (
          <p className="rounded border border-amber-700 bg-amber-50 p-3 font-semibold">
            This campaign is not taking gifts: its widgets show it as closed, or nothing while it is a draft.
          </p>
        ) : null}
      </div>

      <ShareLinks
        url={campaignUrl}
        title={title}
        heading="Share the campaign"
        intro="Its page, to post or send:"
        text={`Please join me in supporting “${title}”.`}
      />

      <section aria-labelledby="snippets-heading" className="space-y-4">
        <h2 id="snippets-heading" className="text-xl font-bold">
          Give from your own website
        </h2>
        <p className="text-sm">
          Paste one of these into a page of a site allowed below. Each is an ordinary link plus one script: without the script (or if it is blocked) the link
          still leads to the campaign page. Several widgets can share a page; the script may come before or after them.
        </p>
        {snippets.kinds.map((snippet) => (
          <div key={snippet.kind}>
            <label htmlFor={`snippet-${snippet.kind}`} className="block font-semibold">
              {snippet.label}
            </label>
            <p className="text-sm text-muted">{snippet.hint}</p>
            <textarea id={`snippet-${snippet.kind}`} readOnly rows={3} value={snippet.html} spellCheck={false} className={SNIPPET_BOX} />
          </div>
        ))}
        <div>
          <label htmlFor="snippet-pinned" className="block font-semibold">
            The script pinned to this version (optional)
          </label>
          <p className="text-sm text-muted">
            For sites that pin scripts with a Subresource Integrity hash. This address stops working when Lantern is upgraded: come back for the new one.
          </p>
          <textarea id="snippet-pinned" readOnly rows={2} value={snippets.pinnedScript} spellCheck={false} className={SNIPPET_BOX} />
        </div>
        <div>
          <label htmlFor="snippet-csp" className="block font-semibold">
            If your site sends a Content-Security-Policy
          </label>
          <p className="text-sm text-muted">Add Lantern to these two directives (nothing else is needed):</p>
          <textarea id="snippet-csp" readOnly rows={2} value={snippets.hostPolicy} spellCheck={false} className={SNIPPET_BOX} />
        </div>
      </section>

      {live ? (
        <section aria-labelledby="preview-heading" className="space-y-3">
          <h2 id="preview-heading" className="text-xl font-bold">
            Preview
          </h2>
          <p className="text-sm">
            The embedded form and progress widget as visitors of your site see them (the donate button opens the same form over your page).
          </p>
          <div className="grid gap-4 sm:grid-cols-2">
            <iframe
              src={`/embed/campaigns/${campaign.slug}/form?via=form`}
              title={`Preview: donation form for ${title}`}
              className="h-[40rem] w-full rounded border border-stone-300"
            />
            <iframe
              src={`/embed/campaigns/${campaign.slug}/progress?via=progress`}
              title={`Preview: progress widget for ${title}`}
              className="h-56 w-full rounded border border-stone-300"
            />
          </div>
        </section>
      ) : null}

      <section aria-labelledby="origins-heading" className="space-y-4">
        <h2 id="origins-heading" className="text-xl font-bold">
          Sites allowed to embed
        </h2>
        <p className="text-sm">
          Browsers show the widgets only on these sites; anywhere else visitors get the plain link. One address per line: the site&rsquo;s origin only, like{" "}
          <code>https://www.example.org</code> (no page path). <code>https://*.example.org</code> allows every subdomain of example.org. Plain{" "}
          <code>http://</code> only for localhost.
        </p>
        <EmbedOriginsForm
          campaignId={campaign.id}
          scope="installation"
          origins={installationOrigins}
          label="Every campaign"
          hint="Your organisation's own sites: they may embed any campaign."
        />
        <EmbedOriginsForm
          campaignId={campaign.id}
          scope="campaign"
          origins={campaignOrigins}
          label="This campaign only"
          hint="Partner sites that may embed this campaign, in addition to the list above."
        />
      </section>
    </div>
  );
}
