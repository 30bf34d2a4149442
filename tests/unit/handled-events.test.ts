import fs from "node:fs";
import { expect, it } from "vitest";
import { HANDLED_EVENT_TYPES } from "@/lib/payments/webhooks/handlers";

it("docs/giving-and-stripe.md tells operators to subscribe the webhook to every event type Lantern handles", () => {
  const guide = fs.readFileSync("docs/giving-and-stripe.md", "utf8");
  const listen = /--events (\S+)/.exec(guide)?.[1]?.split(",") ?? [];
  expect([...listen].sort()).toEqual([...HANDLED_EVENT_TYPES].sort());
  for (const type of HANDLED_EVENT_TYPES) expect(guide).toContain(`\`${type}\``);
});
