import { SiteHeader } from "../../_components/site-header";

// Every other page: "Give" to the general fund. Matching every path (rather than relying on
// default.tsx) also resets the link when the reader moves on from a campaign page without a full page load.
export default function GeneralFundSiteHeader() {
  return <SiteHeader />;
}
