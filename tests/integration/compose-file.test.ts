/**
 * compose.yaml as Compose reads it (issue 22): Debian's docker-compose (v1, Python) renders it
 * with `config`, which needs no container engine, so CI checks that the file parses, that the
 * settings reach the services, and that the pieces fit (nginx's upstreams are the app services,
 * the files it mounts exist, every named volume is declared). v1 understands less of the Compose
 * specification than `docker compose` v2: a file it reads is read by both. `.ci/run` installs
 * it; without it this test fails and says so rather than skip.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const COMPOSE = "docker-compose";

function composeBinary(): string {
  const found = spawnSync("sh", ["-c", `command -v ${COMPOSE}`], { encoding: "utf8" }).stdout.trim();
  if (!found) {
    throw new Error(
      `${COMPOSE} is not installed: apt-get install -y docker-compose (Debian's package; .ci/run installs it). This test validates compose.yaml with it.`,
    );
  }
  return found;
}

let dir = "";
const rendered = new Map<string, ReturnType<typeof run>>();

/** `docker-compose -f compose.yaml config [args]` in a copy of the files it reads, with `.env` as given (each answer once: a run is a second or two of Python). */
function config(env: string, args: string[] = []): ReturnType<typeof run> {
  const key = JSON.stringify([env, args]);
  if (!rendered.has(key)) rendered.set(key, run(env, args));
  return rendered.get(key)!;
}

function run(env: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
  fs.writeFileSync(path.join(dir, ".env"), env);
  // Only PATH: a variable of the shell running the tests must not fill in what .env lacks.
  const result = spawnSync(composeBinary(), ["-f", "compose.yaml", "config", ...args], {
    cwd: dir,
    encoding: "utf8",
    env: { PATH: process.env.PATH, NODE_ENV: "test" },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** .env.example as an operator copies it, plus the settings compose.yaml requires. */
const example = () => fs.readFileSync(path.join(ROOT, ".env.example"), "utf8");
const REQUIRED = `\nAUTH_SECRET=${"a".repeat(44)}\nPOSTGRES_PASSWORD=compose-test-password\nLANTERN_TEST_MODE=demo\n`;

describe("compose.yaml", () => {
  beforeAll(() => {
    composeBinary();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "lantern-compose-"));
    fs.copyFileSync(path.join(ROOT, "compose.yaml"), path.join(dir, "compose.yaml"));
    fs.cpSync(path.join(ROOT, "deploy"), path.join(dir, "deploy"), { recursive: true });
  });
  afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  test("docker-compose (v1) reads it with .env.example's settings: five services, three named volumes", () => {
    const services = config(example() + REQUIRED, ["--services"]);
    expect(services.stderr).toBe("");
    expect(services.status).toBe(0);
    expect(services.stdout.trim().split("\n").sort()).toEqual(["app-1", "app-2", "nginx", "postgres", "worker"]);
    const volumes = config(example() + REQUIRED, ["--volumes"]);
    expect(volumes.status).toBe(0);
    expect(volumes.stdout.trim().split("\n").sort()).toEqual(["lantern-data", "nginx-cache", "postgres-data"]);
  });

  test("the settings in .env reach the services: the database password, the address, the organisation", () => {
    const rendered = config(`${example()}${REQUIRED}ORG_NAME="Compose Test Org"\nAPP_URL=https://give.compose.test\n`);
    expect(rendered.status).toBe(0);
    const text = rendered.stdout;
    // Each of the three app containers, and PostgreSQL itself, gets the password from .env.
    expect(text.match(/DATABASE_URL: postgres:\/\/lantern:compose-test-password@postgres:5432\/lantern/g)).toHaveLength(3);
    expect(text.match(/POSTGRES_PASSWORD: compose-test-password/g)?.length).toBeGreaterThanOrEqual(1);
    expect(text.match(/APP_URL: https:\/\/give.compose.test/g)).toHaveLength(3);
    expect(text.match(/ORG_NAME: Compose Test Org/g)).toHaveLength(3);
    expect(text.match(/EMAIL_WORKER: disabled/g)).toHaveLength(3);
    expect(text).toContain("- worker/delivery-worker.cjs");
    // Without an APP_URL, the demo's address (nginx's alias on the compose network).
    const defaults = config(example() + REQUIRED).stdout;
    expect(defaults.match(/APP_URL: http:\/\/lantern.localhost:8080/g)).toHaveLength(3);
    expect(defaults).toContain("- lantern.localhost");
  });

  test("refuses to start without the secrets it needs, naming them", () => {
    const noPassword = config(example() + `\nAUTH_SECRET=${"a".repeat(44)}\n`);
    expect(noPassword.status).not.toBe(0);
    expect(noPassword.stderr).toContain("set POSTGRES_PASSWORD in .env");
    const noSecret = config(example() + "\nPOSTGRES_PASSWORD=x\n");
    expect(noSecret.status).not.toBe(0);
    expect(noSecret.stderr).toContain("set AUTH_SECRET in .env");
  });

  test("nginx sends pages to exactly the app services, and mounts files that exist", () => {
    const nginx = fs.readFileSync(path.join(ROOT, "deploy/compose/nginx.conf"), "utf8");
    const upstream = /upstream lantern \{([^}]*)\}/.exec(nginx)?.[1] ?? "";
    const servers = [...upstream.matchAll(/server ([\w-]+):3000;/g)].map((match) => match[1]).sort();
    const services = config(example() + REQUIRED, ["--services"])
      .stdout.trim()
      .split("\n");
    expect(servers).toEqual(services.filter((name) => name.startsWith("app-")).sort());
    const rendered = config(example() + REQUIRED).stdout;
    const binds = [...rendered.matchAll(/- (\/[^:\n]+):[^:\n]+:ro/g)].map((match) => match[1]!);
    expect(binds.length).toBeGreaterThan(0);
    for (const bind of binds) expect(fs.existsSync(bind), bind).toBe(true);
  });

  test("builds the repository's Containerfile, once, for the three app containers", () => {
    const rendered = config(example() + REQUIRED).stdout;
    expect(rendered.match(/dockerfile: Containerfile/g)).toHaveLength(1);
    expect(fs.existsSync(path.join(ROOT, "Containerfile"))).toBe(true);
    expect(rendered.match(/image: localhost\/lantern:latest/g)).toHaveLength(3);
  });
});
