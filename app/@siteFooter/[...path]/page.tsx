import { SiteFooter } from "../../_components/site-footer";

// Every public page. Matching every path (rather than relying on default.tsx) also brings the
// footer back when an admin moves from the admin to the site without a full page load.
export default function PublicSiteFooter() {
  return <SiteFooter />;
}
