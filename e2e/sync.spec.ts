// The sync monitor: "sync now" on a desk pointing at a fake Zendesk, then its run on /sync with
// tickets, requests and the rate-budget gauge; lag measured from the last catch-up; runs that found
// nothing folded into one line; and a sync that waits for Zendesk's rate limit saying until when.
import { expect, test } from "@playwright/test";
import { FakeZendesk } from "@/lib/testing/fake-zendesk/server";
import { addApiTokenDesk, ADMIN, signIn, snapshot, VIEWER } from "./fixtures";

let fake: FakeZendesk;
let limited: FakeZendesk;

// Each test waits for the app's own syncs or renders several pages: room on a loaded machine.
test.describe.configure({ timeout: 180_000 });

test.beforeAll(async () => {
  fake = await FakeZendesk.start({ seed: 12, tickets: 20, rateLimit: { limit: 700 } });
  // One export request a minute, and a 429 with a 40 s Retry-After for the next: the comment export
  // after the ticket export must wait.
  limited = await FakeZendesk.start({ seed: 13, tickets: 5, rateLimit: { limit: 700, exportLimit: 1, windowMs: 60_000, retryAfterSeconds: 40 } });
});
test.afterAll(async () => {
  await fake.close();
  await limited.close();
});

test.describe.serial("sync monitor", () => {
  test("sync now runs the desk and the monitor shows the run, the lag since catching up and the rate budget", async ({ page }) => {
    await signIn(page, ADMIN);
    await addApiTokenDesk(page, fake, { fields: { "Plan limit (requests/min)": "700", "Share for this collector (%)": "10" } });
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
    // Caught up moments ago: the lag is seconds, however old the newest ticket in Zendesk is.
    await expect(card.getByTestId("sync-lag")).toHaveText(/^\d+ s$/);
    await snapshot(page, "sync");

    await card.getByRole("link", { name: fake.host }).click();
    await expect(page.getByRole("heading", { name: fake.host })).toBeVisible();
    await expect(page.getByRole("table", { name: `Sync runs of ${fake.host}` }).getByText("succeeded").first()).toBeVisible();
  });

  test("runs that found nothing new fold into one line instead of one row each", async ({ page }) => {
    await signIn(page, ADMIN);
    await page.goto("/sync");
    const card = page.getByTestId(`sync-desk-${fake.host}`);
    for (let i = 0; i < 2; i++) {
      await card.getByRole("button", { name: `Sync ${fake.host} now` }).click();
      await expect(card.getByText(/Sync (started|requested)|already/)).toBeVisible();
      await page.waitForTimeout(1_500);
      await page.reload();
    }
    await expect(async () => {
      await page.reload();
      await expect(card.getByTestId("idle-runs").first()).toContainText(/\d+ runs? found nothing new in Zendesk/, { timeout: 1_000 });
    }).toPass({ timeout: 20_000 });
    // One line however many: never two idle lines in a row.
    const kinds = await card.getByRole("table").getByRole("row").evaluateAll((rows) => rows.slice(1).map((r) => (r.getAttribute("data-testid") === "idle-runs" ? "idle" : "run")));
    expect(kinds.some((kind, i) => kind === "idle" && kinds[i + 1] === "idle")).toBe(false);
  });

  test("a sync waiting for Zendesk's rate limit says until when", async ({ page }) => {
    await signIn(page, ADMIN);
    await addApiTokenDesk(page, limited);
    const card = page.getByTestId(`sync-desk-${limited.host}`);
    await expect(async () => {
      await page.goto("/sync");
      await expect(card.getByTestId("sync-waiting")).toContainText(/Waiting for Zendesk's rate limit until \d\d:\d\d:\d\d UTC\./, { timeout: 1_000 });
    }).toPass({ timeout: 30_000 });
    await expect(card.getByTestId("sync-waiting")).toContainText(/Zendesk asked to wait \(429\): no requests until \d\d:\d\d:\d\d UTC\./);
    await snapshot(page, "sync-waiting");
  });

  test("a viewer reads the sync monitor, also on a 390 px phone", async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await signIn(page, VIEWER);
    await page.goto("/sync");
    await expect(page.getByTestId(`sync-desk-${fake.host}`)).toBeVisible();
    await expect(page.getByRole("button", { name: /Sync .* now/ })).toHaveCount(0);
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await snapshot(page, "sync-390");
    await page.emulateMedia({ colorScheme: "dark" });
    await snapshot(page, "sync-390-dark");
  });
});
