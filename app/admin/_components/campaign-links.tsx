import Link from "next/link";

/** The call to action on the dashboard and the campaigns list. */
export function NewCampaignLink({ small = false }: { small?: boolean }) {
  return (
    <Link href="/admin/campaigns/new" className={`rounded bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800${small ? " text-sm" : ""}`}>
      New campaign
    </Link>
  );
}
