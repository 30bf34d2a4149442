/** The admin is its own place: no public footer, no newsletter sign-up form (app/admin/layout.tsx has its own frame). */
export default function AdminSiteFooter() {
  return null;
}
