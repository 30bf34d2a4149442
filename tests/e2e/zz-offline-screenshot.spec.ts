// Temporary (not committed): screenshots of the offline-gift form for the report.
import { test } from "./support/csp";
import { ADMIN_EMAIL, signInThroughMailbox } from "./support/admin-session";

test("screenshot the offline-gift form", async ({ browser }) => {
  const { context, page } = await signInThroughMailbox(browser, ADMIN_EMAIL);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto("/admin/gifts/offline/new");
  await page.screenshot({ path: "/tmp/og-shots/offline-form.png", fullPage: true });
  await page.getByRole("button", { name: "Record gift" }).click();
  await page.getByText("Choose how the gift was paid.").waitFor();
  await page.screenshot({ path: "/tmp/og-shots/offline-form-errors.png", fullPage: true });
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto("/admin/gifts/offline/new");
  await page.screenshot({ path: "/tmp/og-shots/offline-form-phone.png", fullPage: true });
  await context.close();
});
