import { SiteFooter } from "../_components/site-footer";

/*
 * The public footer is a parallel route (the root layout's `siteFooter` slot) so that the admin
 * can leave it out (./admin) while the root layout stays static: no headers(), no client code.
 */
export default function DefaultSiteFooter() {
  return <SiteFooter />;
}
