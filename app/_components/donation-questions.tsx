import type { CampaignQuestion } from "@/db/schema";
import { ANSWER_MAX, POSTAL_ADDRESS_FIELD, POSTAL_ADDRESS_MAX } from "@/lib/campaigns/campaign-questions";

const INPUT = "mt-1 w-full rounded-md border border-stone-400 px-3 py-2 aria-invalid:border-red-700";

/**
 * The campaign's own questions on the donation form (at most three: short text or a choice from
 * a list), and the postal address when the campaign asks for it. Plain fields: the answers post
 * with the form, are checked on the server (lib/campaigns/campaign-questions.ts) and travel to
 * Stripe in the session's metadata.
 */
export function DonationQuestions({
  id,
  questions,
  askPostalAddress,
  values,
  errors,
}: {
  id: string;
  questions: readonly CampaignQuestion[];
  askPostalAddress: boolean;
  values: Record<string, string | undefined>;
  errors: Record<string, string | undefined>;
}) {
  if (questions.length === 0 && !askPostalAddress) return null;
  return (
    <div className="space-y-3 text-sm">
      {questions.map((question) => {
        const fieldId = `${id}-${question.key}`;
        const error = errors[question.key];
        const control = {
          id: fieldId,
          name: question.key,
          defaultValue: values[question.key] ?? "",
          required: question.required,
          "aria-invalid": error ? true : undefined,
          "aria-describedby": error ? `${fieldId}-error` : undefined,
          className: INPUT,
        } as const;
        return (
          <div key={question.key}>
            <label htmlFor={fieldId} className="block font-semibold">
              {question.label} <span className="font-normal text-muted">{question.required ? "(required)" : "(optional)"}</span>
            </label>
            {question.kind === "choice" ? (
              <select {...control}>
                <option value="">Choose…</option>
                {question.options.map((option) => (
                  <option key={option} value={option}>
                    {option}
                  </option>
                ))}
              </select>
            ) : (
              <input {...control} type="text" maxLength={ANSWER_MAX} autoComplete="off" />
            )}
            {error ? (
              <p id={`${fieldId}-error`} className="mt-1 font-semibold text-red-800">
                {error}
              </p>
            ) : null}
          </div>
        );
      })}
      {askPostalAddress ? (
        <div>
          <label htmlFor={`${id}-postal-address`} className="block font-semibold">
            Your postal address <span className="font-normal text-muted">(required: it is printed on your tax receipt)</span>
          </label>
          <textarea
            id={`${id}-postal-address`}
            name={POSTAL_ADDRESS_FIELD}
            rows={3}
            maxLength={POSTAL_ADDRESS_MAX}
            autoComplete="street-address"
            required
            defaultValue={values[POSTAL_ADDRESS_FIELD] ?? ""}
            aria-invalid={errors[POSTAL_ADDRESS_FIELD] ? true : undefined}
            aria-describedby={errors[POSTAL_ADDRESS_FIELD] ? `${id}-postal-address-error` : undefined}
            className={INPUT}
          />
          {errors[POSTAL_ADDRESS_FIELD] ? (
            <p id={`${id}-postal-address-error`} className="mt-1 font-semibold text-red-800">
              {errors[POSTAL_ADDRESS_FIELD]}
            </p>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
