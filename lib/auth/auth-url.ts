import { env } from "@/lib/env";

/**
 * Auth.js takes the site's public origin from AUTH_URL for its redirects (error and sign-in
 * pages), cookies and links. Lantern has one setting for that, APP_URL, so AUTH_URL is always
 * derived from it — at start-up and again before Auth.js first runs. Left to itself Auth.js
 * would use a stale AUTH_URL left in the shell (say, a local development address) or the request's
 * Host header, and send people who hit an error to the wrong site.
 */
export function deriveAuthUrl(environment: Record<string, string | undefined> = process.env): string {
  const appUrl = env().APP_URL;
  environment.AUTH_URL = appUrl;
  return appUrl;
}
