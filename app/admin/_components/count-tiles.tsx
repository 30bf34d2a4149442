/** A row of labelled counts (a description list, so each number is read with its label). */
export function CountTiles({
  counts,
  className = "grid gap-4 sm:grid-cols-2 lg:grid-cols-4",
}: {
  counts: readonly (readonly [string, number])[];
  className?: string;
}) {
  return (
    <dl className={className}>
      {counts.map(([label, value]) => (
        <div key={label} className="rounded-lg border border-stone-200 bg-white p-4">
          <dt className="text-sm text-muted">{label}</dt>
          <dd className="text-2xl font-bold">{value.toLocaleString("en-US")}</dd>
        </div>
      ))}
    </dl>
  );
}
