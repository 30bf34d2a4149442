import { embedPageOf } from "./framable-routes";

/**
 * Security headers for every response (applied by proxy.ts). Three Content-Security-Policies:
 *
 * - "dynamic": pages rendered per request (admin, sign-in, donate, manage, receipts, unsubscribe…).
 *   Scripts need this request's nonce; Next.js reads it from the request's CSP header and puts
 *   it on its own scripts, and 'strict-dynamic' lets those load the page's chunks.
 * - "cached": the public pages served from the ISR cache (home, campaigns, privacy, 404). A
 *   nonce would have to change on every request, which forces per-request rendering, and the
 *   inline scripts Next.js writes into them (the page's RSC payload) change with the content,
 *   so they cannot be listed by hash either. They allow inline scripts but nothing from another
 *   origin and no eval; everything else is as strict as on dynamic pages.
 * - "embed": the embed routes (/embed/campaigns/<slug>/form|progress, docs/embedding.md), cached
 *   like campaign pages and so with their script rules, and the only pages another site may
 *   frame: `frame-ancestors` lists exactly the origins an admin allowed (proxy.ts looks them up),
 *   and 'self' (the admin's preview).
 * - "emulator": the test-mode Stripe emulator's own pages, which use no script at all.
 *
 * Every policy: no plugins, no <base>, no framing by anyone but an embed route's allowed origins
 * (clickjacking), forms post only to this site and Stripe's hosted pages, connections only to
 * this site.
 */
export type PagePolicy = "dynamic" | "cached" | "embed" | "emulator";

/** Where Stripe's hosted pages live: Checkout (gifts) and the customer portal (card changes). */
const STRIPE_HOSTED_PAGES = ["https://checkout.stripe.com", "https://billing.stripe.com"];

/**
 * Routes that always render per request (each calls headers(), cookies(), connection() or
 * reads search params). Everything else, including the 404 page, may be served prerendered,
 * so it gets the cached policy: a nonce in the header there would block its scripts.
 */
const DYNAMIC_ROUTES = [
  // The admin's pages (app/admin/**/page.tsx; the layout reads the session cookie). Not any
  // /admin address: a made-up one is the prerendered 404 page.
  /^\/admin(?:\/(?:activity|admins|reports|statements|subscribers|(?:campaigns|donors|gifts|updates)(?:\/[^/]+)?|campaigns\/[^/]+\/(?:embed|matching|questions)|gifts\/offline\/[^/]+|matches\/[^/]+|donors\/[^/]+\/erase))?\/?$/,
  /^\/sign-in(?:\/error)?\/?$/,
  /^\/donate(?:\/manage|\/thank-you)?\/?$/,
  /^\/subscribe\/confirm\/?$/,
  /^\/unsubscribe\/?$/,
  /^\/dev\/mailbox\/?$/,
  /^\/receipts\/[^/]+\/?$/,
];

export function pagePolicyFor(pathname: string): PagePolicy {
  if (pathname === "/stripe-emulator" || pathname.startsWith("/stripe-emulator/")) return "emulator";
  if (embedPageOf(pathname)) return "embed";
  return DYNAMIC_ROUTES.some((route) => route.test(pathname)) ? "dynamic" : "cached";
}

export interface PolicyOptions {
  /** The site's public origin (APP_URL); forms may post there even when reached by another name. */
  appUrl: string;
  /** Required for "dynamic": a fresh random value per request. */
  nonce?: string;
  /** `next dev` needs eval for React's debugging aids (never in production). */
  development?: boolean;
  /** "embed" only: the origins allowed to frame the page (validated by lib/embed/allowed-origins.ts). */
  frameAncestors?: readonly string[];
  /** The page frames this site's own embed pages (the admin's preview, framesOwnEmbeds). */
  framesSelf?: boolean;
}

export function contentSecurityPolicy(
  policy: PagePolicy,
  { appUrl, nonce, development = false, frameAncestors = [], framesSelf = false }: PolicyOptions,
): string {
  const app = new URL(appUrl);
  const formTargets = ["'self'", app.origin, ...STRIPE_HOSTED_PAGES].filter((value, index, all) => all.indexOf(value) === index);
  // Only what the allowed-origins parser accepts reaches a header: a stray ";" or space would add a directive.
  // An embed page may also be framed by this site itself (the admin's preview of the widgets).
  const ancestors = policy === "embed" ? ["'self'", ...frameAncestors.filter((origin) => /^https?:\/\/(\*\.)?[a-z0-9.[\]:-]+$/.test(origin))] : ["'none'"];
  const common = [
    "object-src 'none'",
    `frame-ancestors ${ancestors.join(" ")}`,
    "form-action " + formTargets.join(" "),
    ...(app.protocol === "https:" ? ["upgrade-insecure-requests"] : []),
  ];
  if (policy === "emulator") {
    return ["default-src 'none'", "style-src 'unsafe-inline'", "img-src 'self' data:", "base-uri 'none'", ...common].join("; ");
  }
  const evalInDev = development ? " 'unsafe-eval'" : "";
  let scripts: string;
  if (policy === "dynamic") {
    if (!nonce) throw new Error("A dynamic page's policy needs a nonce.");
    scripts = `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${evalInDev}`;
  } else {
    scripts = `script-src 'self' 'unsafe-inline'${evalInDev}`;
  }
  return [
    "default-src 'self'",
    scripts,
    // React writes style="width: 40%" on progress bars; an inline style cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    `frame-src ${framesSelf ? "'self'" : "'none'"}`,
    "worker-src 'self'",
    "manifest-src 'self'",
    "base-uri 'self'",
    ...common,
  ].join("; ");
}

/**
 * The other headers, the same on every response but for X-Frame-Options. Payment features (Apple Pay, Google Pay via the
 * Payment Request API) run on Stripe Checkout's own origin after a redirect, never on this site,
 * so this site turns them off along with the camera, microphone and location.
 */
export function securityHeaders(appUrl: string, { framable = false }: { framable?: boolean } = {}): Record<string, string> {
  const headers: Record<string, string> = {
    "Referrer-Policy": "same-origin",
    "X-Content-Type-Options": "nosniff",
    // Embed routes: frame-ancestors alone decides (X-Frame-Options cannot name other origins,
    // and a browser that knows CSP ignores it then); everywhere else DENY for older browsers too.
    ...(framable ? {} : { "X-Frame-Options": "DENY" }),
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), hid=(), bluetooth=(), browsing-topics=()",
  };
  if (new URL(appUrl).protocol === "https:") headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains";
  return headers;
}

/** 128 random bits, base64: what CSP's nonce-source expects. */
export function createNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
