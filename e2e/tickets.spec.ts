import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { ADMIN, signIn, snapshot, VIEWER } from "./fixtures";
import { customValue, SEEDED, seededTickets } from "./seeded";

const betaOpen = seededTickets().filter((t) => t.status === "open" && customValue(t, 101) === "beta");

test("filters tickets by a custom field and by status, as a shareable link", async ({ page }) => {
  await signIn(page, VIEWER);
  // Other specs add desks of their own; these checks stay on the seeded one.
  await page.goto(`/tickets?desk=${SEEDED.deskId}`);
  await expect(page.getByTestId("ticket-total")).toHaveText(`${SEEDED.tickets} tickets`);
  await snapshot(page, "tickets");

  await page.getByLabel("Field").selectOption("Product 📦");
  await page.getByLabel("Value").selectOption({ label: "Beta" });
  await page.getByRole("button", { name: "Add filter" }).click();
  await expect(page.getByRole("list", { name: "Active custom-field filters" })).toContainText('Product 📦 is "Beta"');
  await page.getByRole("checkbox", { name: "open", exact: true }).check();
  await page.getByRole("button", { name: "Apply filters" }).click();

  await expect(page).toHaveURL(/status=open/);
  await expect(page.getByTestId("ticket-total")).toHaveText(`${betaOpen.length} tickets`);
  const rows = page.getByTestId("ticket-row");
  await expect(rows).toHaveCount(betaOpen.length);
  const ids = await rows.locator("td:first-child").allInnerTexts();
  expect(ids.map(Number).sort((a, b) => a - b)).toEqual(betaOpen.map((t) => t.id).sort((a, b) => a - b));
  await expect(rows.getByText("open", { exact: true })).toHaveCount(betaOpen.length);

  // The same URL in a fresh page gives the same view.
  const shared = page.url();
  const other = await page.context().newPage();
  await other.goto(shared);
  await expect(other.getByTestId("ticket-row")).toHaveCount(betaOpen.length);
  await snapshot(page, "tickets-filtered");
});

test("sorts, hides a column and pages with the URL", async ({ page }) => {
  await signIn(page, ADMIN);
  await page.goto(`/tickets?desk=${SEEDED.deskId}&size=25&sort=id&dir=asc`);
  const firstIds = page.getByTestId("ticket-row").locator("td:first-child");
  await expect(firstIds.first()).toHaveText("1");
  await page.getByRole("button", { name: "#" }).click();
  await expect(page).toHaveURL(/dir=desc|sort=id(?!.*dir=asc)/);
  await expect(firstIds.first()).toHaveText(String(SEEDED.tickets));
  await page.getByRole("link", { name: "Next page" }).click();
  await expect(firstIds.first()).toHaveText(String(SEEDED.tickets - 25));
  await page.getByRole("link", { name: "Previous page" }).click();
  await expect(firstIds.first()).toHaveText(String(SEEDED.tickets));

  await page.getByRole("button", { name: "Columns" }).click();
  // The box follows the URL, so it flips once the new view has loaded.
  await page.getByRole("checkbox", { name: "Assignee" }).click();
  await expect(page).toHaveURL(/cols=/);
  await expect(page.getByRole("columnheader", { name: "Assignee" })).toHaveCount(0);
  await expect(page.getByRole("checkbox", { name: "Assignee" })).not.toBeChecked();
});

test("opens a ticket and sees its comments, internal notes marked and HTML made safe", async ({ page }) => {
  await signIn(page, VIEWER);
  await page.goto(`/tickets?desk=${SEEDED.deskId}`);
  await page.getByRole("searchbox", { name: /Search subject/ }).fill("enterprise");
  await page.getByRole("searchbox", { name: /Search subject/ }).press("Enter");
  await expect(page.getByTestId("ticket-row")).toHaveCount(1);
  await page.getByTestId("ticket-row").getByRole("link").click();

  await expect(page.getByRole("heading", { level: 1 })).toContainText(`#${SEEDED.htmlTicket}`);
  const comments = page.getByTestId("comment");
  await expect(comments.filter({ hasText: SEEDED.htmlText }).locator("strong")).toHaveText(SEEDED.htmlText);
  const note = comments.filter({ hasText: SEEDED.internalNote });
  await expect(note).toHaveAttribute("data-public", "false");
  await expect(note.getByText("internal note")).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
  await expect(page.locator('a[href^="javascript:"]')).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Open in Zendesk" })).toHaveAttribute("href", new RegExp(`/agent/tickets/${SEEDED.htmlTicket}$`));
  await expect(page.getByLabel("Custom fields", { exact: true })).toContainText("Product 📦");

  await page.getByRole("button", { name: "Refresh comments" }).click();
  await expect(page.getByRole("status").filter({ hasText: /Re-read \d+ comments from Zendesk/ })).toBeVisible();
  await snapshot(page, "ticket");
});

test("exports the filtered view as CSV", async ({ page }) => {
  await signIn(page, VIEWER);
  await page.goto(`/tickets?desk=${SEEDED.deskId}&status=open&cf=${encodeURIComponent("Product 📦::is::beta")}`);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export CSV" }).click()]);
  const text = readFileSync(await download.path(), "utf8").replace(/^\uFEFF/, "");
  const lines = text.trim().split("\r\n");
  // The view's columns (the default ones here), times named with the zone they are in.
  expect(lines[0]).toMatch(/^id,subject,status,priority,assignee,group,created_at \(.+\),updated_at \(.+\)$/);
  expect(lines).toHaveLength(betaOpen.length + 1);
  const ids = lines.slice(1).map((line) => Number(line.split(",")[0]));
  expect(ids.sort((a, b) => a - b)).toEqual(betaOpen.map((t) => t.id).sort((a, b) => a - b));
});

test("the ticket list and a ticket work at 390 px", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, VIEWER);
  await page.goto("/tickets");
  await expect(page.getByTestId("ticket-row").first()).toBeVisible();
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await snapshot(page, "tickets-390");
  await page.getByTestId("ticket-row").first().getByRole("link").click();
  await expect(page.getByRole("heading", { name: /^Replies/ })).toBeVisible();
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await snapshot(page, "ticket-390");
});

test("an unknown ticket shows the not-found page and the export refuses anonymous users", async ({ page, request }) => {
  await signIn(page, VIEWER);
  await page.goto("/tickets/999999999");
  await expect(page.getByRole("heading", { name: "Ticket not found" })).toBeVisible();
  const anonymous = await request.get("/api/tickets/export");
  expect(anonymous.status()).toBe(401);
});
