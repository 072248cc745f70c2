import { expect, test } from "@playwright/test";
import { signIn, snapshot, VIEWER } from "./fixtures";
import { SEEDED, seededTickets } from "./seeded";

test("charts show the seeded desk and a bar opens the filtered ticket list", async ({ page }) => {
  await signIn(page, VIEWER);
  // Other specs add desks of their own; the click-through checks stay on the seeded one.
  await page.goto(`/charts?desk=${SEEDED.deskId}`);
  await expect(page.getByRole("heading", { name: "Charts" })).toBeVisible();
  const status = page.getByTestId("chart-by-status");
  await expect(status.locator(".recharts-bar-rectangle").first()).toBeVisible();
  await expect(page.getByTestId("chart-by-desk")).toContainText(String(SEEDED.tickets));
  for (const title of ["tickets-over-time", "backlog-over-time", "by-priority", "by-channel", "by-assignee", "first-reply-and-resolution-time", "satisfaction-scores"]) {
    await expect(page.getByTestId(`chart-${title}`).locator("svg.recharts-surface").first()).toBeVisible();
  }
  await snapshot(page, "charts");

  // Bars are in the same order as the link list under the chart.
  const labels = await status.getByRole("list").getByRole("link").allInnerTexts();
  const index = labels.findIndex((label) => label.startsWith("pending "));
  expect(index).toBeGreaterThanOrEqual(0);
  await status.locator(".recharts-bar-rectangle").nth(index).click();

  await expect(page).toHaveURL(new RegExp(`/tickets\\?desk=${SEEDED.deskId}&status=pending$`));
  const pending = seededTickets().filter((t) => t.status === "pending").length;
  await expect(page.getByTestId("ticket-total")).toHaveText(`${pending} tickets`);
  await expect(page.getByTestId("ticket-row").getByText("pending", { exact: true })).toHaveCount(Math.min(pending, 50));
});

test("a channel slice opens the list filtered by channel, and says so", async ({ page }) => {
  await signIn(page, VIEWER);
  await page.goto(`/charts?desk=${SEEDED.deskId}`);
  const channel = page.getByTestId("chart-by-channel");
  // The chart streams in: read the slice order only once its link list is there.
  await expect(channel.getByRole("link", { name: /^api / })).toBeVisible();
  const labels = await channel.getByRole("list").getByRole("link").allInnerTexts();
  const index = labels.findIndex((label) => label.startsWith("api "));
  expect(index).toBeGreaterThanOrEqual(0);
  await channel.locator(".recharts-pie-sector").nth(index).click();
  await expect(page).toHaveURL(new RegExp(`/tickets\\?desk=${SEEDED.deskId}&via=api$`));
  const viaApi = seededTickets().filter((t) => (t.via as { channel: string }).channel === "api").length;
  await expect(page.getByTestId("ticket-total")).toHaveText(`${viaApi} tickets`);
  await expect(page.getByRole("list", { name: "Filters from charts" })).toContainText("Channel: api");
});

test("charts filter by desk and date range and show empty states", async ({ page }) => {
  await signIn(page, VIEWER);
  await page.goto("/charts");
  await page.getByLabel("Desk", { exact: true }).selectOption(String(SEEDED.deskId));
  await page.getByLabel("Created from").fill("2020-01-01");
  await page.getByLabel("Created to").fill("2020-01-31");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/desk=1&createdFrom=2020-01-01.*createdTo=2020-01-31/);
  await expect(page.getByTestId("chart-by-status")).toContainText("No tickets for these filters.");
  await expect(page.getByTestId("chart-satisfaction-scores")).toContainText("No tickets for these filters.");
  await expect(page.getByTestId("chart-tickets-over-time")).toContainText("No tickets for these filters.");

  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/charts");
  await expect(page.getByTestId("chart-by-status").locator(".recharts-bar-rectangle").first()).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await snapshot(page, "charts-390");
});
