// The ticket list as a support lead uses it: priority by severity with blanks last, "1–100 of 300" and
// jumping to a page, explained empty results, forgiving full text, a column picker that closes,
// custom-field and SLA columns exported exactly, saved views with a shareable link, and every time in
// the reader's time zone.
import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { ADMIN, signIn, snapshot, VIEWER } from "./fixtures";
import { customValue, SEEDED, seededTickets } from "./seeded";

const tickets = seededTickets();
const LIST = `/tickets?desk=${SEEDED.deskId}`;
const RANK: Record<string, number> = { low: 1, normal: 2, high: 3, urgent: 4 };

async function priorities(page: Page): Promise<string[]> {
  return page.getByTestId("ticket-row").locator("td:nth-child(4)").allInnerTexts();
}

test("sorts priority by severity with blank priorities last, and jumps to a page", async ({ page }) => {
  await signIn(page, VIEWER);
  await page.goto(`${LIST}&sort=priority&dir=desc&size=100`);
  await expect(page.getByTestId("page-position")).toHaveText("1–100 of 300");
  const first = await priorities(page);
  expect(first[0]).toBe("urgent");
  const ranks = first.map((p) => RANK[p] ?? 0);
  expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
  await snapshot(page, "tickets-priority-sorted");

  await page.getByLabel("Page", { exact: true }).fill("3");
  await page.getByRole("button", { name: "Go" }).click();
  await expect(page.getByTestId("page-position")).toHaveText("201–300 of 300");
  const blanks = tickets.filter((t) => t.priority === null).length;
  const last = await priorities(page);
  expect(last.slice(-blanks).every((p) => p === "—")).toBe(true);
  expect(last.slice(0, -blanks).every((p) => p !== "—")).toBe(true);

  await page.getByRole("link", { name: "Previous page" }).click();
  await expect(page.getByTestId("page-position")).toHaveText("101–200 of 300");
  await page.getByRole("link", { name: "Next page" }).click();
  await expect(page.getByTestId("page-position")).toHaveText("201–300 of 300");
});

test("explains an impossible date range, a future start and a search that is too long", async ({ page }) => {
  await signIn(page, VIEWER);
  await page.goto(`${LIST}&createdFrom=2026-03-05&createdTo=2026-03-01`);
  await expect(page.getByRole("alert").filter({ hasText: "Created from 2026-03-05 is after created to 2026-03-01: no ticket can match. Swap the dates." })).toBeVisible();
  await expect(page.getByTestId("page-position")).toHaveText("No tickets");
  await snapshot(page, "tickets-date-range-explained");

  await page.goto(`${LIST}&solvedFrom=2099-01-01`);
  await expect(page.getByRole("alert").filter({ hasText: /Solved from 2099-01-01 is in the future \(today is \d{4}-\d\d-\d\d\): no ticket can match yet/ })).toBeVisible();

  await page.goto(LIST);
  const box = page.getByRole("searchbox", { name: /Search subject/ });
  await box.fill("refund ".repeat(100).trim());
  await box.press("Enter");
  await expect(page.getByRole("alert").filter({ hasText: "The search text is limited to 200 characters; yours has 699. Shorten it to search." })).toBeVisible();
  // The text stays in the box to be shortened.
  await expect(box).toHaveValue("refund ".repeat(100).trim());
});

test("finds word forms and words without accents", async ({ page }) => {
  await signIn(page, VIEWER);
  const total = async (q: string) => {
    await page.goto(`${LIST}&q=${encodeURIComponent(q)}`);
    const text = await page.getByTestId("ticket-total").innerText();
    return Number(text.replace(/\D/g, ""));
  };
  const refund = await total("refund");
  expect(refund).toBeGreaterThan(0);
  expect(await total("refunds")).toBe(refund);
  const cafe = await total("Café");
  expect(cafe).toBeGreaterThan(0);
  expect(await total("cafe")).toBe(cafe);
  expect(await total("CAFES")).toBe(cafe);
});

test("picks custom-field and SLA columns, closes on Escape or a click outside, and exports exactly them", async ({ page }) => {
  await signIn(page, VIEWER);
  await page.goto(`${LIST}&sort=id&dir=asc&size=25`);
  const button = page.getByRole("button", { name: "Columns" });
  const panel = page.getByRole("group", { name: "Visible columns" });
  await button.click();
  await expect(panel).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(panel).toBeHidden();
  await expect(button).toBeFocused();
  await button.click();
  await page.getByRole("heading", { name: "Tickets" }).click();
  await expect(panel).toBeHidden();

  await button.click();
  await panel.getByRole("checkbox", { name: "First reply", exact: true }).check();
  await expect(page).toHaveURL(/cols=[^&]*firstReply/);
  await expect(page.getByRole("columnheader", { name: "First reply" })).toBeVisible();
  // Still open for the next choice.
  await panel.getByRole("checkbox", { name: "Product 📦" }).check();
  await expect(page.getByRole("columnheader", { name: "Product 📦" })).toBeVisible();
  await panel.getByRole("checkbox", { name: "Group", exact: true }).uncheck();
  await expect(page.getByRole("columnheader", { name: "Group" })).toHaveCount(0);
  await snapshot(page, "tickets-column-picker");
  await page.keyboard.press("Escape");

  const firstRow = page.getByTestId("ticket-row").first();
  const product = customValue(tickets[0]!, 101);
  await expect(firstRow.getByRole("cell").last()).toHaveText(product === "beta" ? "Beta" : product === "alpha" ? "Alpha" : "");

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export CSV" }).click()]);
  const lines = readFileSync(await download.path(), "utf8").replace(/^\uFEFF/, "").trim().split("\r\n");
  expect(lines[0]).toMatch(/^id,subject,status,priority,assignee,created_at \(.+\),updated_at \(.+\),first_reply_time_in_minutes,Product 📦$/);
  expect(lines).toHaveLength(SEEDED.tickets + 1);
  const [id, ...rest] = lines[1]!.split(",");
  expect(id).toBe("1");
  expect(rest.at(-1)).toBe(product === "beta" ? "Beta" : product === "alpha" ? "Alpha" : "");
});

test("saves a view, opens it from its chip and from its shared link, and deletes it", async ({ page, browser }) => {
  await signIn(page, VIEWER);
  await page.goto(`${LIST}&status=open&cf=${encodeURIComponent("Product 📦::is::beta")}&cols=id,subject,requester,firstReply&sort=created`);
  const expected = await page.getByTestId("ticket-total").innerText();
  await page.getByRole("button", { name: "Save view" }).click();
  await page.getByLabel("Name").fill("Open beta");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  const views = page.getByRole("region", { name: "Saved views" });
  await expect(views.getByRole("link", { name: "Open beta" })).toHaveAttribute("aria-current", "page");
  await snapshot(page, "tickets-saved-view");

  await page.goto("/tickets");
  await views.getByRole("link", { name: "Open beta" }).click();
  await expect(page).toHaveURL(/status=open/);
  await expect(page.getByTestId("ticket-total")).toHaveText(expected);
  await expect(page.getByRole("columnheader", { name: "First reply" })).toBeVisible();

  await views.getByRole("button", { name: "Copy the link to Open beta" }).click();
  const message = await views.getByRole("status").innerText();
  const shared = /(http\S+\/tickets\/views\/\d+)/.exec(message)?.[1];
  expect(shared).toBeTruthy();

  // Another user opens the link and gets the same list, without the view among their own.
  const other = await browser.newContext();
  const admin = await other.newPage();
  await signIn(admin, ADMIN);
  await admin.goto(shared!);
  await expect(admin).toHaveURL(/\/tickets\?.*status=open/);
  await expect(admin.getByTestId("ticket-total")).toHaveText(expected);
  await expect(admin.getByRole("region", { name: "Saved views" }).getByRole("link", { name: "Open beta" })).toHaveCount(0);
  await other.close();

  await views.getByRole("button", { name: "Delete the view Open beta" }).click();
  await expect(views.getByRole("link", { name: "Open beta" })).toHaveCount(0);
});

test.describe("in the reader's time zone", () => {
  test.use({ timezoneId: "America/New_York" });

  test("shows list and ticket times in the browser's zone, or the one the user picks", async ({ page }) => {
    await signIn(page, VIEWER);
    await page.goto(`${LIST}&sort=id&dir=asc&size=25`);
    await expect(page.getByTestId("time-zone")).toContainText("Times in America/New_York");
    // Ticket 1 was created at 2026-01-05 08:00 UTC.
    const created = page.getByTestId("ticket-row").first().locator("td:nth-child(7)");
    await expect(created).toHaveText("2026-01-05 03:00");
    await snapshot(page, "tickets-new-york");

    await page.getByTestId("time-zone").getByRole("button", { name: "Change" }).click();
    await page.getByLabel("Time zone").selectOption("Asia/Tokyo");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect(page.getByTestId("time-zone")).toContainText("Times in Asia/Tokyo (UTC+09:00, your setting)");
    await expect(created).toHaveText("2026-01-05 17:00");

    await page.getByTestId("ticket-row").first().getByRole("link").click();
    await expect(page.getByRole("region", { name: "Ticket summary" })).toContainText("2026-01-05 17:00");

    // Back to following the browser.
    await page.getByTestId("time-zone").getByRole("button", { name: "Change" }).click();
    await page.getByLabel("Time zone").selectOption("");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect(page.getByTestId("time-zone")).toContainText("Times in America/New_York");
  });
});

test("the list with its new controls fits 390 px", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, VIEWER);
  await page.goto(`${LIST}&sort=priority&dir=desc&size=25&cols=id,subject,priority,firstReply`);
  await expect(page.getByTestId("page-position")).toHaveText("1–25 of 300");
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await snapshot(page, "tickets-list-390");
  await page.getByRole("button", { name: "Columns" }).click();
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await snapshot(page, "tickets-column-picker-390");
});
