import { loaderResponse, loaderScript } from "@/lib/embed/loader-script";

/**
 * The embed loader at its stable address (docs/embedding.md): cached for five minutes, so a new
 * release reaches host pages within minutes. Sites that pin a version use /embed/loader/<version>.js.
 */
export function GET(): Response {
  return loaderResponse(loaderScript().source, "public, max-age=300");
}
