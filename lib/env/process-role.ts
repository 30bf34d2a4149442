/**
 * What one Lantern process does (LANTERN_ROLE, issue 22), so webhooks and sending can run apart
 * from the web pages: `all` (the default) does everything; `web` serves pages, forms and the
 * admin but neither Stripe's webhooks nor the outbox's background sending; `webhooks` serves only
 * Stripe's webhook route (and the probes); `worker` runs only the outbox's delivery loop (and
 * answers the probes). A path a role does not serve is answered 404 by proxy.ts, so a proxy that
 * routes a request to the wrong kind of process shows up at once instead of being half-served.
 */
export const PROCESS_ROLES = ["all", "web", "webhooks", "worker"] as const;
export type ProcessRole = (typeof PROCESS_ROLES)[number];

/** Stripe's webhook route(s): only `webhooks` and `all` answer them. */
const WEBHOOK_PREFIX = "/api/webhooks/";
/** Liveness, readiness and metrics: every role answers them (a load balancer probes each process). */
const PROBES = ["/api/health", "/api/ready", "/api/metrics"];
/** Test mode's Stripe stand-in (served by the app itself): it plays Stripe, not the site, so the webhooks role keeps it too. */
const STRIPE_EMULATOR_PREFIX = "/stripe-emulator/";

function under(pathname: string, prefix: string): boolean {
  return pathname === prefix.slice(0, -1) || pathname.startsWith(prefix);
}

function isProbe(pathname: string): boolean {
  return PROBES.some((probe) => pathname === probe || pathname.startsWith(`${probe}/`));
}

/** Whether a process of `role` answers requests for `pathname` (proxy.ts answers 404 otherwise). */
export function roleServesPath(role: ProcessRole, pathname: string): boolean {
  if (role === "all" || isProbe(pathname)) return true;
  const webhook = under(pathname, WEBHOOK_PREFIX);
  switch (role) {
    case "web":
      return !webhook;
    case "webhooks":
      return webhook || under(pathname, STRIPE_EMULATOR_PREFIX);
    case "worker":
      return false;
  }
}

/**
 * Whether a process of `role` runs the outbox's delivery loop (retries, bulk update emails,
 * anything queued and not sent at once): `all` and `worker`, unless EMAIL_WORKER=disabled.
 * Every role still sends what it queues itself right after committing (a receipt, a sign-in link).
 */
export function roleRunsDeliveryLoop(role: ProcessRole, emailWorker: "enabled" | "disabled"): boolean {
  return emailWorker === "enabled" && (role === "all" || role === "worker");
}

/** One line for the start-up log: what this process does. */
export function describeRole(role: ProcessRole, deliveryLoop: boolean): string {
  const serves = {
    all: "pages, forms, admin and Stripe webhooks",
    web: "pages, forms and admin (no Stripe webhooks: /api/webhooks/* answers 404)",
    webhooks: "Stripe webhooks and the probes only (everything else answers 404)",
    worker: "the probes only (everything else answers 404)",
  }[role];
  return `role ${role}: serves ${serves}; email delivery loop ${deliveryLoop ? "on" : "off"}`;
}
