/**
 * Server actions are public POST endpoints: anyone can call one with any arguments the React
 * wire format can carry (strings, numbers, objects), not only the form the page renders. Every
 * action takes its form through this guard and answers BAD_FORM_MESSAGE when it is not one.
 */
export function formDataOf(value: unknown): FormData | null {
  return value instanceof FormData ? value : null;
}

export const BAD_FORM_MESSAGE = "Something went wrong with this form. Please reload the page and try again.";
