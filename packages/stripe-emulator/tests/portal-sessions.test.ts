import type Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isCrossOriginPost } from "../src/emulator";
import { PORTAL_LINK_LIFETIME_SECONDS, PORTAL_SESSION_LIFETIME_SECONDS } from "../src/pages/portal-page";
import { createSubscriptionSession, pay, startEmulator, type Harness } from "../src/testing";

/** Issue 23, finding 9: the emulator's portal sessions expire as Stripe's do, and take no cross-origin posts. */
describe("customer portal sessions", () => {
  let h: Harness;
  let now = Date.UTC(2026, 0, 1, 10, 0, 0);
  beforeAll(async () => {
    h = await startEmulator({ clock: () => now });
    h.emulator.savePortalSettings();
  });
  afterAll(() => h.close());

  async function portalFor(): Promise<{ subscription: Stripe.Subscription; portal: Stripe.BillingPortal.Session }> {
    const session = await createSubscriptionSession(h.stripe);
    await pay(session, "4242 4242 4242 4242", "portal-expiry@example.org", "Ada");
    const paid = await h.stripe.checkout.sessions.retrieve(session.id);
    const subscription = await h.stripe.subscriptions.retrieve(paid.subscription as string);
    const portal = await h.stripe.billingPortal.sessions.create({
      customer: subscription.customer as string,
      return_url: "https://lantern.example/donate/manage",
    });
    return { subscription, portal };
  }

  const cancel = (url: string, subscription: string, headers: Record<string, string> = {}) =>
    fetch(url, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
      body: new URLSearchParams({ action: "cancel", subscription }).toString(),
    });

  it("a link not opened within 5 minutes of its creation opens nothing", async () => {
    const { portal } = await portalFor();
    now += (PORTAL_LINK_LIFETIME_SECONDS + 1) * 1000;
    const response = await fetch(portal.url);
    expect(response.status).toBe(410);
    const body = await response.text();
    expect(body).toContain("This session has expired");
    expect(body).not.toContain("Cancel monthly gift");
  });

  it("an opened session works for an hour, then neither shows nor changes anything", async () => {
    const { portal, subscription } = await portalFor();
    now += 60_000;
    expect((await fetch(portal.url)).status).toBe(200);
    now += (PORTAL_SESSION_LIFETIME_SECONDS - 120) * 1000;
    expect((await fetch(portal.url)).status).toBe(200);
    now += 120_000;
    expect((await fetch(portal.url)).status).toBe(410);
    expect((await cancel(portal.url, subscription.id)).status).toBe(410);
    expect(await h.stripe.subscriptions.retrieve(subscription.id)).toMatchObject({ cancel_at_period_end: false });
  });

  it("refuses a form another site posts, and takes the portal's own", async () => {
    const { portal, subscription } = await portalFor();
    const forged: Record<string, string>[] = [{ Origin: "https://evil.example" }, { Origin: "null" }, { "Sec-Fetch-Site": "cross-site", Origin: h.origin }];
    for (const headers of forged) {
      expect((await cancel(portal.url, subscription.id, headers)).status).toBe(403);
    }
    expect(await h.stripe.subscriptions.retrieve(subscription.id)).toMatchObject({ cancel_at_period_end: false });
    expect((await cancel(portal.url, subscription.id, { Origin: h.origin, "Sec-Fetch-Site": "same-origin" })).status).toBe(303);
    expect(await h.stripe.subscriptions.retrieve(subscription.id)).toMatchObject({ cancel_at_period_end: true });
  });
});

describe("isCrossOriginPost", () => {
  const origins = ["https://give.example.org"];
  it.each([
    [{}, false],
    [{ origin: "https://give.example.org" }, false],
    [{ origin: "https://give.example.org", "sec-fetch-site": "same-origin" }, false],
    // The browser's own verdict wins over a host name it wrote differently (127.0.0.1 / localhost).
    [{ origin: "http://127.0.0.1:4100", "sec-fetch-site": "same-origin" }, false],
    [{ origin: "https://evil.example" }, true],
    [{ origin: "null" }, true],
    [{ "sec-fetch-site": "cross-site" }, true],
    [{ "sec-fetch-site": "same-site", origin: "https://sub.example.org" }, true],
  ])("%j → %s", (headers, crossOrigin) => {
    expect(isCrossOriginPost(new Headers(headers), origins)).toBe(crossOrigin);
  });
});
