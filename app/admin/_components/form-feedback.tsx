import type { FormErrors } from "@/lib/http/form-errors";

/** The line under an admin form: its refusal (announced at once) or its success message. */
export function FormFeedback({ id, error, message }: { id: string; error?: string; message?: string }) {
  if (error) {
    return (
      <p id={id} role="alert" className="text-sm font-semibold text-red-800">
        {error}
      </p>
    );
  }
  return (
    <p id={id} role="status" className="text-sm font-semibold text-green-900">
      {message ?? ""}
    </p>
  );
}

/**
 * The list of problems above a refused form, each linking to its field (`#<idPrefix>-<field>`);
 * `summaryRef` lets the form move focus here after the refusal.
 */
export function ErrorSummary<Field extends string>({
  title,
  errors,
  labels,
  idPrefix,
  summaryRef,
}: {
  title: string;
  errors: FormErrors<Field>;
  labels: Record<Field | "form", string>;
  idPrefix: string;
  summaryRef: React.Ref<HTMLDivElement>;
}) {
  const entries = Object.entries(errors) as [Field | "form", string][];
  if (entries.length === 0) return null;
  return (
    <div ref={summaryRef} tabIndex={-1} role="alert" className="space-y-2 rounded border-2 border-red-800 bg-red-50 p-4">
      <h2 className="font-bold">{title}</h2>
      <ul className="list-disc pl-5 text-sm">
        {entries.map(([field, message]) => (
          <li key={field}>{field === "form" ? message : <a href={`#${idPrefix}-${field}`} className="underline">{`${labels[field]}: ${message}`}</a>}</li>
        ))}
      </ul>
    </div>
  );
}
