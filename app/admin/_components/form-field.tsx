import type { ReactNode } from "react";

/** What a field's control needs to be labelled, described and marked invalid: spread it on the input. */
export interface ControlProps {
  id: string;
  name: string;
  "aria-describedby": string | undefined;
  "aria-invalid": true | undefined;
  className: string;
}

const controlClass = "mt-1 w-full rounded border border-stone-500 px-3 py-2 font-normal aria-[invalid=true]:border-red-800";

/**
 * One labelled admin form field: the label, an optional hint, the control (drawn by the caller
 * with the props it is given) and the field's error, tied together with ids for screen readers.
 */
export function FormField({
  id,
  name,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  name: string;
  label: string;
  hint?: string;
  error?: string;
  children: (control: ControlProps) => ReactNode;
}) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block font-semibold">
        {label}
      </label>
      {hint ? (
        <p id={hintId} className="text-sm text-muted">
          {hint}
        </p>
      ) : null}
      {children({ id, name, "aria-describedby": describedBy, "aria-invalid": error ? true : undefined, className: controlClass })}
      {error ? (
        <p id={errorId} className="text-sm font-semibold text-red-800">
          {error}
        </p>
      ) : null}
    </div>
  );
}
