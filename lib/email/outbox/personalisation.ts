import "server-only";
import type { SentEmail } from "@/db/schema";
import type { Database } from "@/db/database";
import { env, linkSigningSecret } from "@/lib/env";
import type { RenderedEmail } from "../render-email";

/*
 * Emails written once and sent to many readers, each with their own links (an update, say), are
 * rendered by the feature that queues them, not by the outbox: the feature registers a
 * personalisation step for its template, and the outbox calls it for that template's rows. So
 * lib/email knows no feature folder. The registration happens when the feature's module loads
 * (lib/updates/update-email-personalisation.ts, imported by whatever queues or sends them).
 */

/** What personal links in an email are made with: the site's address and name, and the secret that signs a reader's links. */
export interface EmailLinkSettings {
  appUrl: string;
  organisationName: string;
  linkSecret: string;
}

export function emailLinkSettingsFromEnv(): EmailLinkSettings {
  const { APP_URL, ORG_NAME } = env();
  return { appUrl: APP_URL, organisationName: ORG_NAME, linkSecret: linkSigningSecret() };
}

/** A personalised email as sent: its own headers (a reader's List-Unsubscribe) replace the row's. */
export type PersonalEmail = RenderedEmail & { headers: Record<string, string> };

export interface PreparedRows {
  /** Rows not to send after all, by id, with the reason kept on the row (e.g. the reader unsubscribed since it was queued). */
  skipped: ReadonlyMap<string, string>;
  /** One of the other rows, rendered for its reader. */
  render: (row: SentEmail) => Promise<PersonalEmail>;
}

export interface EmailPersonalisation {
  /** Called once for the rows of the template claimed together (one batch, or one by one), before any is sent. */
  prepare: (db: Database, rows: SentEmail[], links: EmailLinkSettings) => Promise<PreparedRows>;
}

// On globalThis: Next.js may load this module once per bundle, and a step registered in one must be seen by all.
const registry = ((globalThis as typeof globalThis & { __lanternEmailPersonalisation?: Map<string, EmailPersonalisation> }).__lanternEmailPersonalisation ??=
  new Map());

/** Registers how one template's rows are rendered per reader (the last registration wins: a re-loaded module replaces its step). */
export function registerEmailPersonalisation(template: string, step: EmailPersonalisation): void {
  registry.set(template, step);
}

export function emailPersonalisationFor(template: string): EmailPersonalisation | undefined {
  return registry.get(template);
}
