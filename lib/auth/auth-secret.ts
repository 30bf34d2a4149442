import "server-only";
import { installationSecret } from "@/lib/env/installation-secret";
import { AUTH_SECRET_FILE } from "@/lib/env/secrets";

/**
 * The secret Auth.js signs its cookies and hashes magic-link tokens with: AUTH_SECRET when set
 * (lib/env requires it in production), otherwise one generated once into the data folder, so a
 * fresh clone signs in with no configuration and links stay valid across restarts.
 */
export { authSecret } from "@/lib/env/secrets";

/** The generated auth secret of a data folder (what `authSecret()` uses without AUTH_SECRET). */
export function localAuthSecret(dataDir: string): string {
  return installationSecret(dataDir, AUTH_SECRET_FILE);
}
