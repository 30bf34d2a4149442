import { SiteHeader } from "../../_components/site-header";

/** The admin has no public "Give" button in the header: staff are at work there, not giving. */
export default function AdminSiteHeader() {
  return <SiteHeader give={null} />;
}
