import type { CampaignQuestion, GiftAnswer } from "@/db/schema";

/**
 * A campaign's extra questions on the donation form (campaigns.questions): at most three, each
 * short text or a choice from a list, optional or required; plus "ask for the postal address".
 * The answers travel to Stripe in the Checkout Session's metadata under the question's key
 * (`q1`…`q3`; Stripe takes values up to 500 characters) and come back with the paid gift.
 * Pure: the admin form, the donation form (server and browser) and the webhooks share it.
 */
export const MAX_QUESTIONS = 3;
export const QUESTION_KEYS = ["q1", "q2", "q3"] as const;
export type QuestionKey = (typeof QUESTION_KEYS)[number];
export const QUESTION_LABEL_MAX = 120;
export const ANSWER_MAX = 200;
export const CHOICE_OPTIONS_MAX = 20;
export const POSTAL_ADDRESS_MAX = 400;
export const POSTAL_ADDRESS_FIELD = "postal_address";

/** One question's slot on the admin form, as typed. */
export interface QuestionSlotInput {
  label: string;
  kind: string;
  options: string;
  required: boolean;
}

export type QuestionSlotErrors = Partial<Record<`${QuestionKey}_label` | `${QuestionKey}_options` | `${QuestionKey}_kind`, string>>;

/** The admin's three slots to questions; a slot with no question text is unused. */
export function parseQuestionSlots(slots: QuestionSlotInput[]): { ok: true; questions: CampaignQuestion[] } | { ok: false; errors: QuestionSlotErrors } {
  const errors: QuestionSlotErrors = {};
  const questions: CampaignQuestion[] = [];
  slots.slice(0, MAX_QUESTIONS).forEach((slot, index) => {
    const key = QUESTION_KEYS[index]!;
    const label = slot.label.replace(/\s+/g, " ").trim();
    if (label === "") return;
    if (label.length > QUESTION_LABEL_MAX) errors[`${key}_label`] = `Keep the question to ${QUESTION_LABEL_MAX} characters or fewer.`;
    if (slot.kind !== "text" && slot.kind !== "choice") {
      errors[`${key}_kind`] = "Choose short text or a choice from a list.";
      return;
    }
    const options =
      slot.kind === "choice"
        ? [
            ...new Set(
              slot.options
                .split("\n")
                .map((option) => option.replace(/\s+/g, " ").trim())
                .filter(Boolean),
            ),
          ]
        : [];
    if (slot.kind === "choice" && options.length < 2) errors[`${key}_options`] = "List at least two choices, one per line.";
    else if (options.length > CHOICE_OPTIONS_MAX) errors[`${key}_options`] = `List at most ${CHOICE_OPTIONS_MAX} choices.`;
    else if (options.some((option) => option.length > ANSWER_MAX)) errors[`${key}_options`] = `Keep each choice to ${ANSWER_MAX} characters or fewer.`;
    questions.push({ key, label, kind: slot.kind, options, required: slot.required });
  });
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, questions };
}

/** Answers as the form posted them, checked against the campaign's questions. */
export function checkAnswers(
  questions: readonly CampaignQuestion[],
  posted: Record<string, unknown>,
): { answers: Record<string, string>; errors: Partial<Record<QuestionKey, string>> } {
  const answers: Record<string, string> = {};
  const errors: Partial<Record<QuestionKey, string>> = {};
  for (const question of questions) {
    const raw = posted[question.key];
    const answer =
      typeof raw === "string"
        ? raw
            .replace(/[\u0000-\u001f\u007f]/g, " ")
            .replace(/\s+/g, " ")
            .trim()
        : "";
    const key = question.key as QuestionKey;
    if (answer === "") {
      if (question.required) errors[key] = question.kind === "choice" ? `Choose an answer to “${question.label}”.` : `Answer “${question.label}”.`;
      continue;
    }
    if (answer.length > ANSWER_MAX) errors[key] = `Keep your answer to ${ANSWER_MAX} characters or fewer.`;
    else if (question.kind === "choice" && !question.options.includes(answer)) errors[key] = `Choose one of the answers listed for “${question.label}”.`;
    else answers[question.key] = answer;
  }
  return { answers, errors };
}

/** A postal address as typed: lines trimmed, empty ones dropped. */
export function normalisePostalAddress(value: unknown): string {
  if (typeof value !== "string") return "";
  return value
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((line) =>
      line
        .replace(/[\u0000-\u001f\u007f]/g, " ")
        .replace(/\s+/g, " ")
        .trim(),
    )
    .filter(Boolean)
    .join("\n");
}

/** The answers to keep with a gift, labelled as the campaign asks them now (a removed question keeps its key). */
export function labelAnswers(questions: readonly CampaignQuestion[], answers: Record<string, string> | undefined): GiftAnswer[] {
  if (!answers) return [];
  return QUESTION_KEYS.flatMap((key, index) => {
    const answer = answers[key];
    if (!answer) return [];
    const label = questions.find((question) => question.key === key)?.label ?? `Question ${index + 1}`;
    return [{ key, label, answer }];
  });
}
