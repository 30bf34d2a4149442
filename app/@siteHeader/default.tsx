import { SiteHeader } from "../_components/site-header";

/*
 * The header is a parallel route (the root layout's `siteHeader` slot), so a campaign page can
 * point its "Give" at its own panel, the admin can leave "Give" out and the embed routes the whole
 * header, while the layout stays static: no headers(), no client code.
 */
export default function DefaultSiteHeader() {
  return <SiteHeader />;
}
