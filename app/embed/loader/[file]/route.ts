import { loaderResponse, loaderScript } from "@/lib/embed/loader-script";

/**
 * The embed loader at its versioned address, for sites that pin it with an SRI hash: the content
 * never changes at an address, so it is cached for a year. Only the running release's version
 * is served; an older one is 404 (the pinned page's links still lead to the campaign).
 */
export async function GET(_request: Request, { params }: { params: Promise<{ file: string }> }): Promise<Response> {
  const script = loaderScript();
  if ((await params).file !== `${script.version}.js`)
    return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return loaderResponse(script.source, "public, max-age=31536000, immutable");
}
