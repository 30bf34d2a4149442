import { afterEach, describe, expect, it, vi } from "vitest";

// The outbox and pool gauges read the database at scrape time; here it is down, which a scrape must survive.
vi.mock("@/db/client", () => ({
  getDb: async () => {
    throw new Error("database down");
  },
  getOpenedDatabasePool: async () => null,
}));

const TOKEN = "t".repeat(48);

async function scrape(headers: Record<string, string> = {}) {
  vi.resetModules();
  const route = await import("@/app/api/metrics/route");
  return route.GET(new Request("http://localhost:3000/api/metrics", { headers }));
}

describe("GET /api/metrics", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("is off, with one sentence, while METRICS_TOKEN is unset", async () => {
    vi.stubEnv("METRICS_TOKEN", "");
    const response = await scrape({ authorization: `Bearer ${TOKEN}` });
    expect(response.status).toBe(404);
    expect(await response.text()).toBe("Metrics are off: set METRICS_TOKEN to turn them on.\n");
  });

  it.each([
    ["no token", {}],
    ["a wrong token", { authorization: `Bearer ${"x".repeat(48)}` }],
    ["a prefix of the token", { authorization: `Bearer ${TOKEN.slice(0, 20)}` }],
    ["the token without Bearer", { authorization: TOKEN }],
  ])("answers 401 to %s", async (_what, headers) => {
    vi.stubEnv("METRICS_TOKEN", TOKEN);
    const response = await scrape(headers);
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toContain("Bearer");
    expect(await response.text()).not.toContain("lantern_");
  });

  it("serves Prometheus text to the right token, even while the database is down", async () => {
    vi.stubEnv("METRICS_TOKEN", TOKEN);
    const response = await scrape({ authorization: `Bearer ${TOKEN}` });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/plain; version=0.0.4");
    expect(response.headers.get("cache-control")).toBe("no-store");
    const text = await response.text();
    for (const name of [
      "lantern_gifts_recorded_total",
      "lantern_webhook_events_processed_total",
      "lantern_webhook_events_failed_total",
      "lantern_webhook_lag_seconds",
      "lantern_email_outbox_waiting",
      "lantern_email_outbox_oldest_waiting_seconds",
      "lantern_emails_sent_total",
      "lantern_emails_failed_total",
      "lantern_cache_tag_notifies_sent_total",
      "lantern_cache_tag_notifies_received_total",
      "process_cpu_seconds_total",
      "nodejs_eventloop_lag_seconds",
    ]) {
      expect(text).toContain(`# TYPE ${name} `);
    }
    expect(text).toContain("lantern_metrics_database_up 0");
  });

  it("is a GET route only: Next answers any other method 405", async () => {
    const route = await import("@/app/api/metrics/route");
    expect(Object.keys(route).filter((name) => /^[A-Z]+$/.test(name))).toEqual(["GET"]);
  });

  it("rejects a METRICS_TOKEN too short to be a secret, in one sentence", async () => {
    const { parseEnv } = await import("@/lib/env");
    expect(() => parseEnv({ METRICS_TOKEN: "short" })).toThrow(
      "Lantern cannot start: METRICS_TOKEN must be at least 32 characters (e.g. openssl rand -hex 32).",
    );
  });
});

describe("lantern_http_responses_total", () => {
  it("counts each finished response by method and status class", async () => {
    const http = await import("node:http");
    const { countHttpResponses } = await import("@/lib/observability/http-responses");
    const { metrics } = await import("@/lib/observability/metrics");
    countHttpResponses();
    const server = http.createServer((request, response) => {
      response.statusCode = request.url === "/boom" ? 500 : 200;
      response.end("x");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as { port: number };
    const value = async (labels: Record<string, string>) =>
      (await metrics().httpResponses.get()).values.find((sample) =>
        Object.entries(labels).every(([name, v]) => (sample.labels as Record<string, unknown>)[name] === v),
      )?.value ?? 0;
    const before = { ok: await value({ method: "GET", status_class: "2xx" }), failed: await value({ method: "POST", status_class: "5xx" }) };
    await fetch(`http://127.0.0.1:${port}/fine`);
    await fetch(`http://127.0.0.1:${port}/boom`, { method: "POST" });
    await fetch(`http://127.0.0.1:${port}/boom`, { method: "POST" });
    await new Promise<void>((resolve) => server.close(() => resolve()));
    expect((await value({ method: "GET", status_class: "2xx" })) - before.ok).toBe(1);
    expect((await value({ method: "POST", status_class: "5xx" })) - before.failed).toBe(2);
  });
});
