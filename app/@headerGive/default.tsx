import { HeaderGiveLink } from "../_components/header-give-link";

/*
 * The header's "Give" is a parallel route (the root layout's `headerGive` slot), so a campaign
 * page can point it at its own panel while the layout stays static: no headers(), no client code.
 */
export default function DefaultHeaderGive() {
  return <HeaderGiveLink />;
}
