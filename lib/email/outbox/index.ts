/*
 * The outbox: every email is a row in sent_emails, queued in the transaction that causes it and
 * sent after it commits. In four parts:
 * - queue.ts: queueEmail / queueEmails (call them inside the causing transaction);
 * - claim.ts: claiming due rows (SKIP LOCKED), releasing stale claims, retries with backoff;
 * - delivery.ts: sending claimed rows one by one or in provider batches, and sendEmail;
 * - admin-views.ts: failed emails for the admin, and "retry".
 * Emails personalised per reader (updates) are rendered by the feature that queues them,
 * through the step it registers (personalisation.ts): lib/email imports no feature folder.
 */
export { queueEmail, queueEmails, type QueuedEmail } from "./queue";
export { deliverBulkBatch, deliverQueuedEmails, sendEmail, type DeliveryContext, type DeliveryReport } from "./delivery";
export { listFailedEmails, retryFailedEmails } from "./admin-views";
export { emailLinkSettingsFromEnv, registerEmailPersonalisation, type EmailLinkSettings, type EmailPersonalisation } from "./personalisation";
