/**
 * Every kind of row the audit log holds, with the words the Activity page shows. Pure: the page's
 * filter, the tests and the writers share it. Add a kind here before writing it (recordAuditEvent
 * refuses an unknown one).
 */
export const AUDIT_KINDS = {
  "staff.sign-in": "Signed in",
  "staff.role-set": "Gave or changed a staff role",
  "staff.removed": "Removed a member of staff",
  "campaign.created": "Created a campaign",
  "campaign.updated": "Edited a campaign",
  "campaign.redirect-removed": "Removed a campaign's old address",
  "campaign.questions-saved": "Changed a campaign's questions",
  "campaign.cover-set": "Changed a campaign's cover",
  "image.uploaded": "Uploaded an image",
  "update.created": "Wrote an update",
  "update.edited": "Edited an update",
  "update.published": "Published an update",
  "update.deleted": "Deleted a draft update",
  "email.retried": "Queued a failed email again",
  "gift.refund-requested": "Asked Stripe for a refund",
  "gift.receipt-resent": "Resent a receipt",
  "gift.manage-link-sent": "Emailed a donor a link to their giving",
  "gift.monthly-cancelled": "Cancelled a monthly gift",
  "offline-gift.recorded": "Recorded a gift received offline",
  "offline-gift.corrected": "Corrected a gift received offline",
  "offline-gift.voided": "Voided a gift received offline",
  "match.added": "Added a matching offer",
  "match.ended": "Ended a matching offer",
  "statements.sent": "Sent giving statements",
  "settings.embed-origins": "Changed the sites allowed to embed giving",
  "export.gifts": "Downloaded gifts (CSV)",
  "export.subscribers": "Downloaded subscribers (CSV)",
  "export.match-statement": "Downloaded a sponsor's statement (CSV)",
  // Donor records, reports, a donor's data (kinds kept ready for that work; write none with personal data).
  "donor.note-added": "Added a note to a donor",
  "donor.erased": "Erased a donor's personal data",
  "donor.erasure-requested": "A donor asked to be forgotten",
  "donor.data-downloaded": "A donor downloaded their data",
  "export.donors": "Downloaded donors (CSV)",
  "export.report": "Downloaded a report list (CSV)",
} as const;

export type AuditKind = keyof typeof AUDIT_KINDS;

/** What a row is about, with the words the Activity page shows. */
export const AUDIT_OBJECT_TYPES = {
  staff: "Staff member",
  campaign: "Campaign",
  image: "Image",
  update: "Update",
  email: "Email",
  gift: "Gift",
  match: "Matching offer",
  statements: "Giving statements",
  settings: "Settings",
  export: "Export",
  donor: "Donor",
} as const;

export type AuditObjectType = keyof typeof AUDIT_OBJECT_TYPES;

export function isAuditKind(value: unknown): value is AuditKind {
  return typeof value === "string" && Object.hasOwn(AUDIT_KINDS, value);
}

export function isAuditObjectType(value: unknown): value is AuditObjectType {
  return typeof value === "string" && Object.hasOwn(AUDIT_OBJECT_TYPES, value);
}
