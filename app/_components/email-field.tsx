"use client";

import { useId } from "react";

/**
 * The one email address field of the public "email me a link" forms (sign-in, the giving page,
 * /unsubscribe): label, input as typed, and the refusal tied to it (aria-invalid and
 * aria-describedby), so each form says a bad address the same way.
 */
export function EmailField({
  label,
  defaultValue,
  error,
  inputClassName,
  errorClassName,
  alert = false,
}: {
  label: string;
  defaultValue: string;
  error: string | undefined;
  inputClassName: string;
  errorClassName: string;
  /** Announce the refusal at once (role="alert") rather than when the field is next read. */
  alert?: boolean;
}) {
  const inputId = useId();
  const errorId = useId();
  return (
    <>
      <label htmlFor={inputId} className="block font-semibold">
        {label}
      </label>
      <input
        id={inputId}
        name="email"
        type="email"
        autoComplete="email"
        required
        defaultValue={defaultValue}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        className={inputClassName}
      />
      {error ? (
        <p id={errorId} role={alert ? "alert" : undefined} className={errorClassName}>
          {error}
        </p>
      ) : null}
    </>
  );
}
