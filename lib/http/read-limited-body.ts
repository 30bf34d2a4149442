/** What reading a request body under a size limit gave: the text, or "too large" (answer 413). */
export type LimitedBody = { ok: true; text: string } | { ok: false; reason: "too-large" };
/** The same as bytes. */
export type LimitedBytes = { ok: true; bytes: Buffer } | { ok: false; reason: "too-large" };

/**
 * Reads a request body as UTF-8 text, refusing it as soon as it is known to exceed `maxBytes`:
 * first from Content-Length (nothing is read), then by counting bytes as they stream in (a
 * chunked or lying sender is cut off at the limit, never buffered whole).
 */
export async function readLimitedBody(request: Request, maxBytes: number): Promise<LimitedBody> {
  const read = await readLimitedBytes(request, maxBytes);
  return read.ok ? { ok: true, text: read.bytes.toString("utf8") } : read;
}

/** readLimitedBody's bytes, undecoded (a multipart body may hold any bytes). */
export async function readLimitedBytes(request: Request, maxBytes: number): Promise<LimitedBytes> {
  const declared = request.headers.get("content-length");
  if (declared !== null && (!/^\d+$/.test(declared) || Number(declared) > maxBytes)) return { ok: false, reason: "too-large" };
  if (!request.body) return { ok: true, bytes: Buffer.alloc(0) };

  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return { ok: false, reason: "too-large" };
    }
    chunks.push(value);
  }
  return { ok: true, bytes: Buffer.concat(chunks) };
}
