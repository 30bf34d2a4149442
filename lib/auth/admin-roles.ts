/**
 * The staff roles and what each may do. Pure (no server-only): the admin nav, the guard tests
 * and the browser tests read the same table.
 *
 * A page, route or action needs one permission (lib/auth/admin-permissions.ts); a role grants a
 * set of them. Every role can see the dashboard and the lists (`view`).
 */
import { STAFF_ROLES, type StaffRole } from "@/db/schema";

export { STAFF_ROLES, type StaffRole };

export const PERMISSIONS = {
  view: "See the dashboard and the lists (campaigns, gifts, updates, subscribers), read-only",
  content: "Write campaigns, their questions and images, and updates; publish updates",
  money: "Refund gifts, record, correct and void gifts received offline, cancel monthly gifts, resend receipts, matching offers, giving statements",
  export: "Download CSV files with personal data (gifts, subscribers, sponsor statements)",
  activity: "Read the activity log",
  staff: "Give, change and remove staff roles",
  settings: "Change settings (sites allowed to embed giving)",
  erase: "Erase a donor's personal data",
} as const;

export type Permission = keyof typeof PERMISSIONS;

export const ROLE_PERMISSIONS: Record<StaffRole, readonly Permission[]> = {
  owner: ["view", "content", "money", "export", "activity", "staff", "settings", "erase"],
  finance: ["view", "money", "export", "activity"],
  editor: ["view", "content"],
  viewer: ["view", "activity"],
};

export const ROLE_LABELS: Record<StaffRole, string> = {
  owner: "Owner",
  finance: "Finance",
  editor: "Editor",
  viewer: "Viewer",
};

/** One line per role, for the staff page. */
export const ROLE_SUMMARIES: Record<StaffRole, string> = {
  owner: "Everything, including staff, their roles and settings.",
  finance: "Gifts, refunds, gifts received offline, disputes, matching offers, statements, exports and the activity log.",
  editor: "Campaigns, their questions and images, and updates (writing and publishing).",
  viewer: "The dashboard, the lists and the activity log, read-only; no exports of personal data.",
};

export function isStaffRole(value: unknown): value is StaffRole {
  return typeof value === "string" && (STAFF_ROLES as readonly string[]).includes(value);
}

/** Whether `role` (null: no admin access) grants `permission`. */
export function roleCan(role: StaffRole | null | undefined, permission: Permission): boolean {
  return !!role && ROLE_PERMISSIONS[role].includes(permission);
}
