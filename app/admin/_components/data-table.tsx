import type { ReactNode } from "react";

export interface Column {
  label: string;
  /** Numbers are right-aligned, header and cells alike. */
  numeric?: boolean;
  /** Read to screen readers only (e.g. a column of buttons). */
  visuallyHidden?: boolean;
}

/** Cell classes shared by every admin table. */
export const cell = "px-3 py-2";
export const numericCell = "px-3 py-2 text-right";

/**
 * An admin table: scrolls sideways on narrow screens inside its own region (named by the
 * caption, focusable so the keyboard can scroll it) while the page itself never does (it is the
 * containing block of the cells' screen-reader-only text, which would otherwise widen the page); a caption
 * for screen readers, column headers from `columns`; the rows are the caller's (`<tr className={row}>` …).
 */
export function DataTable({ caption, columns, children }: { caption: string; columns: Column[]; children: ReactNode }) {
  return (
    <div role="region" aria-label={caption} tabIndex={0} className="relative max-w-full overflow-x-auto rounded-lg border border-stone-200 bg-white">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-stone-100">
          <tr>
            {columns.map((column) => (
              <th key={column.label} scope="col" className={column.numeric ? numericCell : cell}>
                {column.visuallyHidden ? <span className="sr-only">{column.label}</span> : column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

export const row = "border-t border-stone-200";
