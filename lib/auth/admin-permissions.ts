/**
 * The ONE place that says which permission every admin page, route handler and server action
 * needs (what each role grants: lib/auth/admin-roles.ts). Pure, so the guard tests
 * (tests/unit/admin-guard.test.ts, tests/e2e/admin-access.spec.ts) and the nav read it too.
 *
 * - A page or route handler calls `requireAdmin("<its route>", returnTo)` with its key below.
 * - An action is made by `adminFormAction({ name: "<its export name>", … })` or
 *   `adminCall({ name, page }, …)`; the name is its key below.
 * The guard tests fail for a page, route or action of the build that is not listed here, for a
 * row here that is not in the build, and for one that lets a role through this table refuses.
 */
import { roleCan, type Permission, type StaffRole } from "./admin-roles";

/** Every admin page and route handler, by its route as the build names it ("[id]" for a segment). */
export const ADMIN_ROUTES = {
  "/admin": "view",
  "/admin/activity": "activity",
  "/admin/admins": "staff",
  "/admin/campaigns": "view",
  "/admin/campaigns/new": "content",
  "/admin/campaigns/[id]": "content",
  "/admin/campaigns/[id]/embed": "settings",
  "/admin/campaigns/[id]/matching": "money",
  "/admin/campaigns/[id]/questions": "content",
  // Donors and reports: everyone with a role reads them; the lists of people as CSV are exports.
  "/admin/donors": "view",
  "/admin/donors/[id]": "view",
  "/admin/reports": "view",
  "/admin/exports/lapsed-donors": "export",
  "/admin/donors/[id]/erase": "erase",
  "/admin/exports/gifts": "export",
  "/admin/exports/matches/[id]": "export",
  "/admin/exports/subscribers": "export",
  "/admin/gifts": "view",
  "/admin/gifts/[id]": "view",
  "/admin/gifts/offline/new": "money",
  "/admin/gifts/offline/[id]": "money",
  "/admin/matches/[id]": "money",
  "/admin/statements": "money",
  "/admin/subscribers": "view",
  "/admin/updates": "view",
  "/admin/updates/new": "content",
  "/admin/updates/[id]": "content",
} as const satisfies Record<string, Permission>;

/** Every admin server action, by its export name. */
export const ADMIN_ACTIONS = {
  // Campaigns, updates and images (editors).
  saveCampaignAction: "content",
  previewCampaignMarkdownAction: "content",
  removeSlugRedirectAction: "content",
  saveCampaignQuestionsAction: "content",
  uploadImageAction: "content",
  setCampaignCoverAction: "content",
  saveUpdateAction: "content",
  previewUpdateMarkdownAction: "content",
  publishUpdateAction: "content",
  deleteDraftUpdateAction: "content",
  retryFailedEmailAction: "content",
  // Money (finance).
  refundGiftAction: "money",
  resendReceiptAction: "money",
  sendManageLinkAction: "money",
  cancelMonthlyGiftAction: "money",
  recordOfflineGiftAction: "money",
  correctOfflineGiftAction: "money",
  voidOfflineGiftAction: "money",
  addCampaignMatchAction: "money",
  endCampaignMatchAction: "money",
  sendGivingStatementsAction: "money",
  // A note on a donor's record: the staff who look after donors' money and mail (owner, finance);
  // an editor writes campaigns, a viewer only reads.
  addDonorNoteAction: "money",
  // Staff and settings (owners).
  setStaffRoleAction: "staff",
  removeStaffAction: "staff",
  saveEmbedOriginsAction: "settings",
  eraseDonorAction: "erase",
} as const satisfies Record<string, Permission>;

export type AdminRoute = keyof typeof ADMIN_ROUTES;
export type AdminActionName = keyof typeof ADMIN_ACTIONS;

/** Whether `role` may open `route` (a key of ADMIN_ROUTES). */
export function roleMayOpen(role: StaffRole | null | undefined, route: AdminRoute): boolean {
  return roleCan(role, ADMIN_ROUTES[route]);
}

/** Whether `role` may call the action named `name`. */
export function roleMayCall(role: StaffRole | null | undefined, name: AdminActionName): boolean {
  return roleCan(role, ADMIN_ACTIONS[name]);
}

/** The admin nav, in order; each link shows only to roles that may open its page. */
export const ADMIN_NAV: readonly { href: AdminRoute; label: string }[] = [
  { href: "/admin", label: "Dashboard" },
  { href: "/admin/gifts", label: "Gifts" },
  { href: "/admin/donors", label: "Donors" },
  { href: "/admin/reports", label: "Reports" },
  { href: "/admin/campaigns", label: "Campaigns" },
  { href: "/admin/updates", label: "Updates" },
  { href: "/admin/statements", label: "Statements" },
  { href: "/admin/subscribers", label: "Subscribers" },
  { href: "/admin/activity", label: "Activity" },
  { href: "/admin/admins", label: "Staff" },
];

/** The nav links `role` may use. */
export function adminNavFor(role: StaffRole | null | undefined): { href: string; label: string }[] {
  return ADMIN_NAV.filter((link) => roleMayOpen(role, link.href));
}
