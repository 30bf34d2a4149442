import { EmailMeALinkForm } from "../_components/email-me-a-link-form";
import { requestUnsubscribeLinkAction } from "./actions";

/** "Email me an unsubscribe link": for a reader with no update email at hand. Works without JavaScript. */
export function UnsubscribeLinkForm() {
  return (
    <EmailMeALinkForm
      action={requestUnsubscribeLinkAction}
      button="Email me an unsubscribe link"
      buttonClassName="rounded-full bg-brand-700 px-6 py-2 font-semibold text-white hover:bg-brand-800 disabled:opacity-70"
    />
  );
}
