import type { ReactNode } from "react";

/**
 * A GET form of filters above an admin list or chart: labelled controls in a row and a submit
 * button (then `after`, e.g. a link that clears them), so a filtered view is a plain URL
 * (bookmarkable, works without JavaScript).
 */
export function FilterForm({
  label,
  action,
  submitLabel,
  after,
  children,
}: {
  label?: string;
  action?: string;
  submitLabel: string;
  after?: ReactNode;
  children: ReactNode;
}) {
  return (
    <form method="get" action={action} aria-label={label} className="flex flex-wrap items-end gap-3 rounded-lg border border-stone-200 bg-white p-4 text-sm">
      {children}
      <button type="submit" className="rounded bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800">
        {submitLabel}
      </button>
      {after}
    </form>
  );
}

export interface FilterOption {
  value: string;
  label: string;
}

export function FilterSelect({
  id,
  name,
  label,
  defaultValue,
  options,
}: {
  id: string;
  name: string;
  label: string;
  defaultValue: string;
  options: FilterOption[];
}) {
  return (
    // max-w-full: a long campaign title must not widen a phone's page; the select shows what fits.
    <div className="flex max-w-full flex-col">
      <label htmlFor={id} className="font-semibold">
        {label}
      </label>
      <select id={id} name={name} defaultValue={defaultValue} className="mt-1 max-w-full rounded border border-stone-500 px-2 py-2 font-normal">
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A "from" and a "to" day (YYYY-MM-DD, UTC), named `from` and `to` in the query. */
export function DateRangeFields({
  idPrefix,
  from = "",
  to = "",
  fromLabel = "From",
  toLabel = "To",
}: {
  idPrefix: string;
  from?: string;
  to?: string;
  fromLabel?: string;
  toLabel?: string;
}) {
  return (
    <>
      {(
        [
          ["from", fromLabel, from],
          ["to", toLabel, to],
        ] as const
      ).map(([name, label, value]) => (
        <div key={name} className="flex flex-col">
          <label htmlFor={`${idPrefix}-${name}`} className="font-semibold">
            {label}
          </label>
          <input
            id={`${idPrefix}-${name}`}
            type="date"
            name={name}
            defaultValue={value}
            className="mt-1 rounded border border-stone-500 px-2 py-1.5 font-normal"
          />
        </div>
      ))}
    </>
  );
}
