import type { DateRange } from "./report-filters";

/** A streamed CSV download: never cached, named after what it holds. */
export function csvResponse(body: ReadableStream<Uint8Array>, name: string, range: DateRange | undefined): Response {
  const period = range ? `-${range.from}-to-${range.to}` : "-all";
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="lantern-${name}${period}.csv"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
