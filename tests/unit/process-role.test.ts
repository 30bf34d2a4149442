import { NextRequest } from "next/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { parseEnv } from "@/lib/env";
import { PROCESS_ROLES, roleRunsDeliveryLoop, roleServesPath, type ProcessRole } from "@/lib/env/process-role";

describe("LANTERN_ROLE", () => {
  it("is all by default, and a bad value stops the server with one sentence naming it", () => {
    expect(parseEnv({}).LANTERN_ROLE).toBe("all");
    expect(parseEnv({ LANTERN_ROLE: "" }).LANTERN_ROLE).toBe("all");
    for (const role of PROCESS_ROLES) expect(parseEnv({ LANTERN_ROLE: role }).LANTERN_ROLE).toBe(role);
    expect(() => parseEnv({ LANTERN_ROLE: "webhook" })).toThrow("Lantern cannot start: LANTERN_ROLE must be one of all, web, webhooks or worker.");
  });

  const paths = [
    "/",
    "/campaigns/a-campaign",
    "/admin",
    "/api/webhooks/stripe",
    "/api/webhooks",
    "/api/health",
    "/api/ready",
    "/api/metrics",
    "/stripe-emulator/v1/customers",
    "/_next/static/chunks/a.js",
    "/api/webhooksx",
  ];
  const served: Record<ProcessRole, string[]> = {
    all: paths,
    web: [
      "/",
      "/campaigns/a-campaign",
      "/admin",
      "/api/health",
      "/api/ready",
      "/api/metrics",
      "/stripe-emulator/v1/customers",
      "/_next/static/chunks/a.js",
      "/api/webhooksx",
    ],
    webhooks: ["/api/webhooks/stripe", "/api/webhooks", "/api/health", "/api/ready", "/api/metrics", "/stripe-emulator/v1/customers"],
    worker: ["/api/health", "/api/ready", "/api/metrics"],
  };
  it.each(PROCESS_ROLES)("role %s serves exactly its paths", (role) => {
    expect(paths.filter((path) => roleServesPath(role, path))).toEqual(served[role]);
  });

  it("runs the outbox's delivery loop in all and worker processes only, and never with EMAIL_WORKER=disabled", () => {
    expect(PROCESS_ROLES.filter((role) => roleRunsDeliveryLoop(role, "enabled"))).toEqual(["all", "worker"]);
    expect(PROCESS_ROLES.filter((role) => roleRunsDeliveryLoop(role, "disabled"))).toEqual([]);
  });
});

describe("proxy.ts by LANTERN_ROLE", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  /** proxy.ts as a process of `role` runs it (the environment is read once per process: fresh modules per role). */
  async function proxyOf(role: ProcessRole) {
    vi.resetModules();
    vi.stubEnv("LANTERN_ROLE", role);
    return (await import("@/proxy")).proxy;
  }
  const post = (path: string) =>
    new NextRequest(`http://127.0.0.1:3000${path}`, { method: "POST", headers: { "content-type": "application/json", "content-length": "2" }, body: "{}" });
  const get = (path: string) => new NextRequest(`http://127.0.0.1:3000${path}`);

  it("a web process answers Stripe's webhook route 404, saying which role it has, and passes pages on", async () => {
    const proxy = await proxyOf("web");
    const refused = await proxy(post("/api/webhooks/stripe"));
    expect(refused.status).toBe(404);
    expect(refused.headers.get("x-lantern-role")).toBe("web");
    expect(await refused.text()).toContain("role web (LANTERN_ROLE)");
    expect(refused.headers.get("x-content-type-options")).toBe("nosniff");
    expect((await proxy(get("/campaigns/a-campaign"))).headers.get("x-middleware-next")).toBe("1");
  });

  it("a webhooks process passes on only the webhook route and the probes", async () => {
    const proxy = await proxyOf("webhooks");
    expect((await proxy(post("/api/webhooks/stripe"))).headers.get("x-middleware-next")).toBe("1");
    expect((await proxy(get("/api/ready"))).headers.get("x-middleware-next")).toBe("1");
    for (const path of ["/", "/campaigns/a-campaign", "/admin", "/api/auth/session"]) expect((await proxy(get(path))).status, path).toBe(404);
  });

  it("a worker process answers only the probes", async () => {
    const proxy = await proxyOf("worker");
    expect((await proxy(get("/api/health"))).headers.get("x-middleware-next")).toBe("1");
    expect((await proxy(post("/api/webhooks/stripe"))).status).toBe(404);
    expect((await proxy(get("/"))).status).toBe(404);
  });

  it("an all process (the default) passes everything on", async () => {
    const proxy = await proxyOf("all");
    expect((await proxy(post("/api/webhooks/stripe"))).headers.get("x-middleware-next")).toBe("1");
    expect((await proxy(get("/"))).headers.get("x-middleware-next")).toBe("1");
  });
});
