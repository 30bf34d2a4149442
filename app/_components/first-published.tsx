/** "First published by LiNK on April 22, 2022 (original)": where an article came from, when it was published elsewhere first. */
export function FirstPublished({
  sourceName,
  sourceUrl,
  sourcePublishedOn,
}: {
  sourceName: string | null;
  sourceUrl: string | null;
  sourcePublishedOn: string | null;
}) {
  if (!sourceName) return null;
  const date = sourcePublishedOn ? new Date(`${sourcePublishedOn}T00:00:00Z`).toLocaleDateString("en-US", { dateStyle: "long", timeZone: "UTC" }) : null;
  return (
    <p className="text-sm text-muted" data-testid="first-published">
      First published by{" "}
      {sourceUrl ? (
        <a href={sourceUrl} className="font-semibold text-brand-700 underline" rel="noopener">
          {sourceName}
        </a>
      ) : (
        <span className="font-semibold">{sourceName}</span>
      )}
      {date ? (
        <>
          {" on "}
          <time dateTime={sourcePublishedOn ?? undefined}>{date}</time>
        </>
      ) : null}
      .
    </p>
  );
}
