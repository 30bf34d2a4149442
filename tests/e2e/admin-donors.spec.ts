/**
 * Donor records and retention reports (issue 26): an admin finds a donor by searching, opens
 * their page (lifetime giving, gifts linking to the gift page), adds an internal note (refused
 * empty first); the Reports page shows the retention figures and downloads the LYBUNT list.
 * The fixture donors' gifts (tests/e2e/support/fixture-gifts.ts) were all given in January and
 * February 2024.
 */
import fs from "node:fs";
import type { BrowserContext, Page } from "@playwright/test";
import { expect, test } from "./support/csp";
import { expectNoAxeViolations } from "./support/axe";
import { ADMIN_EMAIL, signInThroughMailbox } from "./support/admin-session";

test.describe.configure({ mode: "serial" });

let admin: BrowserContext;
let page: Page;

test.afterAll(async () => {
  await admin?.close();
});

test("an admin finds a donor by email, opens their record and adds a note", async ({ browser }) => {
  ({ context: admin, page } = await signInThroughMailbox(browser, ADMIN_EMAIL));
  await page.goto("/admin");
  await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Donors" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Donors" })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByLabel("Name or email").fill("ANN@example.org");
  await page.getByRole("button", { name: "Show donors" }).click();
  const table = page.getByRole("region", { name: /^Donors, sorted by last gift/ });
  await expect(table.getByRole("row")).toHaveCount(2); // the header and Ann
  const annRow = table.getByRole("row").nth(1);
  await expect(annRow.getByRole("cell").nth(2)).toHaveText("$260.50");
  await expect(annRow.getByRole("cell").nth(3)).toHaveText("3");
  await annRow.getByRole("link", { name: "Ann" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Ann" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Lifetime giving" }).getByRole("listitem")).toHaveText(["$260.50"]);
  const gifts = page.getByRole("region", { name: "This donor's gifts, newest first" });
  await expect(gifts.getByRole("row")).toHaveCount(4);
  await expect(gifts.getByRole("row").nth(1)).toContainText("$120.00");
  await expectNoAxeViolations(page);

  // Refused empty: the note field says why, nothing is added.
  await page.getByRole("button", { name: "Add note" }).click();
  await expect(page.getByText("Write the note first.")).toBeVisible();
  await expect(page.getByLabel("Add a note")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("No notes yet.")).toBeVisible();

  const note = `Called to thank her for the radio gift; prefers letters (${Date.now()}).`;
  await page.getByLabel("Add a note").fill(note);
  await page.getByRole("button", { name: "Add note" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Note added." })).toBeVisible();
  const notes = page.getByRole("region", { name: "Notes" });
  await expect(notes.getByText(note)).toBeVisible();
  await expect(notes.getByText(new RegExp(`^${ADMIN_EMAIL}, `))).toBeVisible();
  await expect(page.getByLabel("Add a note")).toHaveValue("");
  await expectNoAxeViolations(page);

  // Each gift opens the gift's own page.
  await gifts.getByRole("link").first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Gift of $120.00 from Ann" })).toBeVisible();

  // The Activity page lists the note (without its text) and leads back to the donor's record.
  await page.goto("/admin/activity");
  const entry = page.getByRole("row").filter({ hasText: "Added a note to a donor" }).first();
  await expect(entry).toBeVisible();
  await expect(page.getByRole("main")).not.toContainText(note);
  await entry.getByRole("link", { name: "Donor", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Ann" })).toBeVisible();
});

test("the Reports page shows retention figures and downloads the LYBUNT list", async () => {
  await page.goto("/admin");
  await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Reports" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Reports" })).toBeVisible();
  await page.getByLabel("Year", { exact: true }).selectOption("2025");
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Retention in 2025" })).toBeVisible();

  // Ann and Ben gave in 2024 and not in 2025 (Cat's gift was refunded in full: it does not count).
  const lybunt = page.getByRole("region", { name: "LYBUNT: gave in 2024, not in 2025" });
  await expect(lybunt.getByRole("link", { name: "Ann" })).toBeVisible();
  await expect(lybunt.getByRole("link", { name: "Ben" })).toBeVisible();
  await expect(lybunt.getByRole("link", { name: "Cat" })).toHaveCount(0);
  const years = page.getByRole("region", { name: "Donors retained year over year" });
  await expect(years.getByRole("row", { name: /^2025 / })).toBeVisible();
  await expect(page.getByRole("region", { name: "Donors by month, 2025" }).getByRole("row")).toHaveCount(13);
  await expectNoAxeViolations(page);

  const downloading = page.waitForEvent("download");
  await lybunt.getByRole("link", { name: /^Download all \d+ as CSV$/ }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe("lantern-lybunt-donors-2025-01-01-to-2025-12-31.csv");
  const lines = fs
    .readFileSync((await download.path())!, "utf8")
    .replace(/^\uFEFF/, "")
    .trimEnd()
    .split("\r\n");
  expect(lines[0]).toBe("Email,Name,Last gift (UTC),Lifetime giving");
  expect(lines).toContain("ann@example.org,Ann,2024-02-01T12:00:00.000Z,USD 260.50");
});
