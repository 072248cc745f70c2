// The sync monitor: "sync now" on a desk pointing at a fake Zendesk, then its run on /sync with
// tickets, requests and the rate-budget gauge.
import { expect, test } from "@playwright/test";
import { FakeZendesk } from "@/lib/testing/fake-zendesk/server";
import { ADMIN, signIn, snapshot, VIEWER } from "./fixtures";

let fake: FakeZendesk;

test.beforeAll(async () => {
  fake = await FakeZendesk.start({ seed: 12, tickets: 20, rateLimit: { limit: 700 } });
});
test.afterAll(async () => {
  await fake.close();
});

test.describe.serial("sync monitor", () => {
  test("sync now runs the desk and the monitor shows the run and the rate budget", async ({ page }) => {
    await signIn(page, ADMIN);
    await page.goto("/desks/new");
    await page.getByLabel("Zendesk address").fill(fake.url);
    await page.getByRole("radio", { name: /API token \(legacy\)/ }).check();
    await page.getByLabel("Agent email").fill(fake.email);
    await page.getByLabel("API token", { exact: true }).fill(fake.token);
    await page.getByLabel("Plan limit (requests/min)").fill("700");
    await page.getByLabel("Share for this collector (%)").fill("10");
    await page.getByRole("button", { name: "Add desk" }).click();
    await expect(page.getByRole("heading", { name: fake.host })).toBeVisible();
    await page.goto("/sync");
    const card = page.getByTestId(`sync-desk-${fake.host}`);
    await card.getByRole("button", { name: `Sync ${fake.host} now` }).click();
    await expect(card.getByText(/Sync (started|requested)/)).toBeVisible();
    // The server's own scheduler may have started the new desk's first sync already; whichever run
    // got there first copied the 20 tickets.
    await expect(async () => {
      await page.reload();
      await expect(card.getByRole("table").getByText("succeeded").first()).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 20_000 });
    const copied = card.getByRole("table").getByRole("row").filter({ has: page.getByRole("cell", { name: "20", exact: true }) });
    await expect(copied.first()).toContainText("succeeded");
    await expect(card.getByRole("meter", { name: `Rate budget used by ${fake.host}` })).toHaveAttribute("aria-valuemax", "70");
    await expect(card).not.toContainText("Lag—");
    await snapshot(page, "sync");

    await card.getByRole("link", { name: fake.host }).click();
    await expect(page.getByRole("heading", { name: fake.host })).toBeVisible();
    await expect(page.getByRole("table", { name: `Sync runs of ${fake.host}` }).getByText("succeeded").first()).toBeVisible();
  });

  test("a viewer reads the sync monitor, also on a 390 px phone", async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await signIn(page, VIEWER);
    await page.goto("/sync");
    await expect(page.getByTestId(`sync-desk-${fake.host}`)).toBeVisible();
    await expect(page.getByRole("button", { name: /Sync .* now/ })).toHaveCount(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await snapshot(page, "sync-390");
    await page.emulateMedia({ colorScheme: "dark" });
    await snapshot(page, "sync-390-dark");
  });
});
