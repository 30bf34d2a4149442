const CLASS_NAME = "rounded-full bg-brand-700 px-4 py-2 text-white hover:bg-brand-800";

/**
 * The header's "Give": to the page's campaign on a campaign page, else to the general fund. A
 * plain link (like every link on the public pages, see app/layout.tsx): on its own page the
 * browser then moves focus to the panel, as for any in-page link.
 */
export function HeaderGiveLink({ href = "/donate" }: { href?: string }) {
  return (
    <a href={href} className={CLASS_NAME}>
      Give
    </a>
  );
}
