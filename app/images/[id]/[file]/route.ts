import { getDb } from "@/db/client";
import { isDatabaseUnavailable } from "@/db/database-errors";
import { serviceUnavailableJson } from "@/lib/http/service-unavailable";
import { imageStore } from "@/lib/images/configured-image-store";
import { contentTypeOf, parseVariantPath } from "@/lib/images/image-urls";

/**
 * One variant of an uploaded image, e.g. /images/<id>/960.webp. Its bytes never change (see
 * lib/images/image-urls.ts), so browsers and CDNs keep it for a year without asking again.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string; file: string }> }): Promise<Response> {
  const { id, file } = await params;
  const variant = parseVariantPath(id, file);
  if (!variant) return notFound();
  let bytes: Buffer | null;
  try {
    bytes = await imageStore().get(await getDb(), variant.imageId, variant.width, variant.format);
  } catch (error) {
    if (isDatabaseUnavailable(error)) return serviceUnavailableJson();
    throw error;
  }
  if (!bytes) return notFound();
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": contentTypeOf(variant.format),
      "Content-Length": String(bytes.byteLength),
      "Cache-Control": "public, max-age=31536000, immutable",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

function notFound(): Response {
  // Not cached for long: an address can exist a moment later (an upload in another instance).
  return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "public, max-age=60" } });
}
