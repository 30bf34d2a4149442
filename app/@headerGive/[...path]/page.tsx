import { HeaderGiveLink } from "../../_components/header-give-link";

// Every other page: the general fund. Matching every path (rather than relying on default.tsx)
// also resets the link when the reader moves on from a campaign page without a full page load.
export default function GeneralFundHeaderGive() {
  return <HeaderGiveLink />;
}
