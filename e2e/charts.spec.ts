// The charts page: colours that mean something (status = the list's badges, good green, bad red,
// a channel's colour fixed whatever the filter), readable duration axes, "top N of M", a link behind
// every bar (Unassigned and "none" too), and periods that are checked and bounded.
import { expect, test, type Page } from "@playwright/test";
import { signIn, snapshot, VIEWER } from "./fixtures";
import { SEEDED, seededTickets } from "./seeded";

const DAY = "2026-01-05"; // every seeded ticket was created that day (UTC)
const CHARTS = `/charts?desk=${SEEDED.deskId}&range=custom&from=${DAY}&to=${DAY}`;

// Pages render in seconds on a loaded machine: room for a few of them per test.
test.describe.configure({ timeout: 120_000 });

const rgb = (hex: string) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(", ")})`;

/** The fill of the bar or slice drawn for `label`: marks are in the same order as the link list. */
async function fillOf(page: Page, testId: string, label: string, mark: string): Promise<string> {
  const chart = page.getByTestId(testId);
  const list = chart.getByRole("list", { name: /open as ticket list$/ });
  await expect(list).toBeVisible();
  const labels = await list.locator("li").allInnerTexts();
  const index = labels.findIndex((text) => text.startsWith(`${label} `));
  expect(index, `${label} in ${labels.join(" | ")}`).toBeGreaterThanOrEqual(0);
  return (await chart.locator(mark).nth(index).locator("path").first().getAttribute("fill")) ?? "";
}

test("colours follow meaning: status as the list's badges, good green and bad red, channels fixed across filters", async ({ page }) => {
  await signIn(page, VIEWER);
  await page.goto(CHARTS);
  await expect(page.getByRole("heading", { name: "Charts" })).toBeVisible();
  for (const title of ["tickets-over-time", "unsolved-over-time", "by-status", "by-priority", "by-channel", "satisfaction-ratings", "by-assignee", "by-group", "by-desk", "first-reply-time", "full-resolution-time"]) {
    await expect(page.getByTestId(`chart-${title}`).locator("svg.recharts-surface").first()).toBeVisible();
  }
  await snapshot(page, "charts");

  const openFill = await fillOf(page, "chart-by-status", "open", ".recharts-bar-rectangle");
  const solvedFill = await fillOf(page, "chart-by-status", "solved", ".recharts-bar-rectangle");
  expect(await fillOf(page, "chart-satisfaction-ratings", "good", ".recharts-pie-sector")).toBe("#16a34a");
  expect(await fillOf(page, "chart-satisfaction-ratings", "bad", ".recharts-pie-sector")).toBe("#dc2626");
  const apiFill = await fillOf(page, "chart-by-channel", "api", ".recharts-pie-sector");

  // The list's badges in the same colours.
  await page.goto(`/tickets?desk=${SEEDED.deskId}&status=open`);
  const openBadge = page.getByTestId("ticket-row").first().getByText("open", { exact: true });
  await expect(openBadge).toHaveCSS("color", rgb(openFill));
  await page.goto(`/tickets?desk=${SEEDED.deskId}&status=solved`);
  await expect(page.getByTestId("ticket-row").first().getByText("solved", { exact: true })).toHaveCSS("color", rgb(solvedFill));

  // Another filter (only urgent tickets' channels would reorder the slices): api keeps its colour.
  await page.goto(`/charts?range=all`);
  expect(await fillOf(page, "chart-by-channel", "api", ".recharts-pie-sector")).toBe(apiFill);
});

test("every bar opens its tickets, Unassigned and priority none included, and the lists agree with the bars", async ({ page }) => {
  await signIn(page, VIEWER);
  await page.goto(CHARTS);
  const unassigned = seededTickets().filter((t) => t.assignee_id === null).length;
  const assignees = page.getByTestId("chart-by-assignee");
  await expect(assignees.getByRole("link", { name: `Unassigned ${unassigned}` })).toBeVisible();
  const agents = new Set(seededTickets().map((t) => t.assignee_id).filter((id) => id !== null)).size;
  await expect(assignees.getByTestId("chart-note")).toHaveText(agents + 1 > 12 ? new RegExp(`^Top 12 of ${agents + 1} assignees`) : `All ${agents + 1} assignees.`);

  await assignees.getByRole("link", { name: `Unassigned ${unassigned}` }).click();
  await expect(page).toHaveURL(/assignee=none/);
  await expect(page.getByTestId("ticket-total")).toHaveText(`${unassigned} tickets`);

  await page.goto(CHARTS);
  const noPriority = seededTickets().filter((t) => t.priority === null).length;
  const priority = page.getByTestId("chart-by-priority");
  await expect(priority.getByRole("link", { name: `none ${noPriority}` })).toBeVisible();
  // The bar itself, not only the list under it.
  const labels = await priority.getByRole("list", { name: /open as ticket list$/ }).locator("li").allInnerTexts();
  await priority.locator(".recharts-bar-rectangle").nth(labels.findIndex((l) => l.startsWith("none "))).click();
  await expect(page).toHaveURL(/priority=none/);
  await expect(page.getByTestId("ticket-total")).toHaveText(`${noPriority} tickets`);

  await page.goto(CHARTS);
  const pending = seededTickets().filter((t) => t.status === "pending").length;
  await page.getByTestId("chart-by-status").getByRole("link", { name: `pending ${pending}` }).click();
  await expect(page).toHaveURL(/status=pending/);
  await expect(page.getByTestId("ticket-total")).toHaveText(`${pending} tickets`);
});

test("names every number: Unsolved is new+open+pending+hold, and the open bar is only open", async ({ page }) => {
  await signIn(page, VIEWER);
  await page.goto(`/charts?desk=${SEEDED.deskId}&range=all`);
  const unsolved = seededTickets().filter((t) => ["new", "open", "pending", "hold"].includes(t.status)).length;
  const open = seededTickets().filter((t) => t.status === "open").length;
  const card = page.getByTestId("kpi-unsolved");
  await expect(card.getByTestId("kpi-value")).toHaveText(String(unsolved));
  await expect(card).toContainText("Every ticket new, open, pending or on hold now.");
  await expect(page.getByTestId("chart-by-status").getByRole("link", { name: `open ${open}` })).toBeVisible();
  await expect(page.getByTestId("kpi-created").getByTestId("kpi-value")).toHaveText(String(SEEDED.tickets));
  // The same number on the desks list (deleted tickets excluded everywhere).
  await page.goto("/desks");
  await expect(page.getByRole("columnheader", { name: "Tickets (deleted excluded)" })).toBeVisible();
});

test("durations sit on their own axes, each in a readable unit", async ({ page }) => {
  await signIn(page, VIEWER);
  await page.goto(CHARTS);
  for (const id of ["chart-first-reply-time", "chart-full-resolution-time"]) {
    const chart = page.getByTestId(id);
    await expect(chart.getByTestId("chart-note")).toHaveText(/^Median \d+(\.\d)? (min|h|d) \(within 5 %\), average \d+(\.\d)? (min|h|d), over \d+ tickets\.$/);
    // The axis is drawn once the chart has measured its box, a moment after the note.
    const ticks = chart.locator(".recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value");
    await expect.poll(() => ticks.count()).toBeGreaterThan(1);
    expect((await ticks.allTextContents()).every((t) => / (min|h|d)$/.test(t))).toBe(true);
  }
});

test("a period with From after To, or in the future, says so; an absurd range is bounded", async ({ page }) => {
  await signIn(page, VIEWER);
  await page.goto("/charts");
  await page.getByLabel("From", { exact: true }).fill("2026-03-05");
  await page.getByLabel("To", { exact: true }).fill("2026-03-01");
  await page.getByRole("button", { name: "Apply dates" }).click();
  await expect(page.getByTestId("period-error")).toHaveText(/“From” \(2026-03-05\) is after “To” \(2026-03-01\)/);
  await expect(page.getByTestId("chart-by-status")).toHaveCount(0);

  await page.goto("/charts?range=custom&from=2030-01-01&to=2030-12-31");
  await expect(page.getByTestId("period-error")).toHaveText(/starts on 2030-01-01, after today/);
  await expect(page.getByTestId("kpi-unsolved")).toHaveCount(0);

  const started = Date.now();
  const response = await page.goto(`/charts?desk=${SEEDED.deskId}&createdFrom=0001-01-01&createdTo=9999-12-31`);
  expect(response?.status()).toBe(200);
  await expect(page.getByTestId("period-summary")).toContainText("Shown up to today");
  await expect(page.getByTestId("period-summary")).toContainText("Shown from the first ticket, 2026-01-05.");
  // The chart's own surface (the legend's icons are small SVGs of the same class).
  await expect(page.getByTestId("chart-tickets-over-time").locator("svg.recharts-surface").first()).toBeVisible();
  expect(Date.now() - started).toBeLessThan(15_000);
  expect((await page.content()).length).toBeLessThan(2_000_000);
});

test("charts fit a 390 px phone", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, VIEWER);
  await page.goto(CHARTS);
  await expect(page.getByTestId("chart-by-status").locator(".recharts-bar-rectangle").first()).toBeVisible();
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await snapshot(page, "charts-390");
});
