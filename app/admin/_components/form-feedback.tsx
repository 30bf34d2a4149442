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
