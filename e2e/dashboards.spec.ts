// The dashboards a support lead uses daily, against a desk the app syncs itself from a fake Zendesk
// (1,500 tickets over two days): the overview's KPI cards against the previous period and its desk
// health strip (red for a desk whose credentials Zendesk refuses), agents, SLA and satisfaction, each
// with desk and period filters, drill-down links, and screenshots at 1280 and 390 px.
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import type { FakeTicket } from "@/lib/testing/fake-zendesk/factory";
import { FakeZendesk } from "@/lib/testing/fake-zendesk/server";
import { addApiTokenDesk, ADMIN, signIn, snapshot, VIEWER } from "./fixtures";

let fake: FakeZendesk;
let broken: FakeZendesk;
let deskId = 0;
const DAY1 = "2026-02-01";
const DAY2 = "2026-02-02";

// Each test waits for the app's own syncs or renders several pages: room on a loaded machine.
test.describe.configure({ timeout: 180_000 });

test.beforeAll(async () => {
  // 37 s apart from noon: 1,500 tickets run into the small hours of the next day.
  fake = await FakeZendesk.start({ tickets: 1500, seed: 21, startTime: Date.parse(`${DAY1}T12:00:00Z`) / 1000, commentsPerTicket: [0, 1] });
  broken = await FakeZendesk.start({ tickets: 3, seed: 22 });
});
test.afterAll(async () => {
  await fake.close();
  await broken.close();
});

const tickets = () => fake.state.account.tickets;
const metric = (t: FakeTicket) => fake.state.account.metricSets.get(t.id) as { solved_at: string | null; reply_time_in_minutes: { calendar: number } };
const createdOn = (day: string) => tickets().filter((t) => String(t.created_at).startsWith(day));
const isSolved = (t: FakeTicket) => t.status === "solved" || t.status === "closed";
const score = (t: FakeTicket) => (t.satisfaction_rating as { score: string }).score;
const percent = (part: number, whole: number) => `${Math.round((part / whole) * 1000) / 10} %`;
const period = (from: string, to: string) => `desk=${deskId}&range=custom&from=${from}&to=${to}`;


test.describe.serial("dashboards", () => {
  test("the overview's desk health strip turns red for a failing desk and green for a caught-up one", async ({ page }) => {
    await signIn(page, ADMIN);
    deskId = await addApiTokenDesk(page, fake);
    // Zendesk takes the desk's token when it is added, then refuses it on the comment export (a revoked
    // token): the desk is saved active and its syncs fail.
    broken.inject({ path: /\/incremental\/ticket_events/, status: 401, times: 1_000 });
    await addApiTokenDesk(page, broken);
    await page.goto("/");
    // The app syncs new desks on its own: wait for both first syncs to end.
    await expect(async () => {
      await page.reload();
      await expect(page.getByTestId(`desk-health-${broken.host}`).locator("[data-health]")).toHaveAttribute("data-health", "failing", { timeout: 1_000 });
      await expect(page.getByTestId(`desk-health-${fake.host}`).locator("[data-health]")).toHaveAttribute("data-health", "ok", { timeout: 1_000 });
    }).toPass({ timeout: 60_000 });
    await expect(page.getByTestId("desk-health").getByRole("alert")).toContainText(`1 desk needs attention`);
    await expect(page.getByTestId(`desk-health-${broken.host}`)).toContainText("Last sync failed");
    await expect(page.getByTestId(`desk-health-${fake.host}`)).toContainText(/Caught up \d+ s ago/);
  });

  test("the overview compares each KPI with the previous period and opens the tickets behind it", async ({ page }) => {
    await signIn(page, VIEWER);
    await page.goto(`/?${period(DAY2, DAY2)}`);
    const day1 = createdOn(DAY1);
    const day2 = createdOn(DAY2);
    const created = page.getByTestId("kpi-created");
    await expect(created.getByTestId("kpi-value")).toHaveText(day2.length.toLocaleString("en-US"));
    const change = Math.round(((day2.length - day1.length) / day1.length) * 1000) / 10;
    await expect(created.getByTestId("kpi-change")).toHaveText(`${change > 0 ? "+" : ""}${change} % vs previous period (${day1.length.toLocaleString("en-US")} in ${DAY1})`);
    const unsolved = tickets().filter((t) => ["new", "open", "pending", "hold"].includes(t.status)).length;
    await expect(page.getByTestId("kpi-unsolved").getByTestId("kpi-value")).toHaveText(unsolved.toLocaleString("en-US"));
    const good = day2.filter((t) => score(t) === "good").length;
    const bad = day2.filter((t) => score(t) === "bad").length;
    await expect(page.getByTestId("kpi-csat").getByTestId("kpi-value")).toHaveText(percent(good, good + bad));
    await expect(page.getByTestId("kpi-first-reply-median").getByTestId("kpi-value")).toHaveText(/^\d+(\.\d)? (min|h)$/);
    await snapshot(page, "dashboard-overview");
    await page.setViewportSize({ width: 390, height: 844 });
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await snapshot(page, "dashboard-overview-390");
    await page.setViewportSize({ width: 1280, height: 800 });

    await created.click();
    await expect(page).toHaveURL(new RegExp(`createdFrom=${DAY2}&createdTo=${DAY2}`));
    await expect(page.getByTestId("ticket-total")).toHaveText(`${day2.length.toLocaleString("en-US")} tickets`);
  });

  test("agents: every agent with solved, medians, reopens, CSAT and load, sortable and exportable", async ({ page }) => {
    await signIn(page, VIEWER);
    await page.goto(`/agents?${period(DAY1, DAY2)}`);
    const agents = fake.state.account.users.filter((u) => u.role === "agent");
    await expect(page.getByTestId("agents-count")).toHaveText(`Agents 1–${agents.length + 1} of ${agents.length + 1}`);
    const rows = page.getByTestId("agent-row");
    await expect(rows).toHaveCount(agents.length + 1);
    // Solved, most first (the default sort).
    const solvedBy = (id: number | null) => tickets().filter((t) => t.assignee_id === id && isSolved(t)).length;
    const most = Math.max(...agents.map((a) => solvedBy(a.id as number)), solvedBy(null));
    await expect(rows.first().locator("td").nth(1)).toHaveText(String(most));
    await snapshot(page, "agents");

    await page.getByRole("link", { name: "Agent", exact: true }).click();
    await expect(page).toHaveURL(/sort=name/);
    const names = await rows.locator("td:first-child").allInnerTexts();
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
    await expect(page.getByRole("columnheader", { name: "Agent" })).toHaveAttribute("aria-sort", "ascending");

    const unassignedOpen = tickets().filter((t) => t.assignee_id === null && ["new", "open", "pending", "hold"].includes(t.status)).length;
    const unassigned = rows.filter({ hasText: "Unassigned" });
    await expect(unassigned.locator("td").last()).toHaveText(String(unassignedOpen));

    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: /Export CSV/ }).click();
    const csv = readFileSync((await (await download).path())!, "utf8");
    // A byte-order mark first, so Excel reads UTF-8 (String.trim would drop it: check it apart).
    expect(csv.startsWith("\uFEFF")).toBe(true);
    const lines = csv.slice(1).trim().split("\r\n");
    expect(lines[0]).toBe("agent,agent_id,desk_id,solved,first_reply_median_minutes,full_resolution_median_minutes,reopened,csat_good,csat_bad,csat_percent,unsolved_now");
    expect(lines).toHaveLength(agents.length + 2);

    await unassigned.locator("td").last().getByRole("link").click();
    await expect(page).toHaveURL(/assignee=none/);
    await expect(page.getByTestId("ticket-total")).toHaveText(`${unassignedOpen} tickets`);

    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`/agents?${period(DAY1, DAY2)}`);
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await snapshot(page, "agents-390");
  });

  test("SLA: an admin sets the desk's targets, and the tickets over them are counted by group and over time", async ({ page }) => {
    await signIn(page, ADMIN);
    await page.goto(`/sla?${period(DAY1, DAY2)}`);
    const targets = page.getByTestId(`sla-targets-${deskId}`);
    await expect(targets.getByTestId("sla-first-reply")).toHaveText("8 h");
    await targets.getByLabel("First reply (hours)").fill("0");
    await targets.getByRole("button", { name: "Save targets" }).click();
    await expect(targets.getByText("The first reply target must be more than 0 hours.")).toBeVisible();
    await targets.getByLabel("First reply (hours)").fill("2");
    await targets.getByLabel("Full resolution (hours)").fill("50");
    await targets.getByRole("button", { name: "Save targets" }).click();
    await expect(targets.getByText(`SLA targets of ${fake.host} saved: first reply 2 h, full resolution 50 h.`)).toBeVisible();
    await expect(targets.getByTestId("sla-first-reply")).toHaveText("2 h");

    // Every ticket here is months old: a solved one is over when it took longer, an unsolved one is over.
    const replyOver = tickets().filter((t) => metric(t).reply_time_in_minutes.calendar > 120).length;
    await expect(page.getByTestId("kpi-over-first-reply-target").getByTestId("kpi-value")).toHaveText(replyOver.toLocaleString("en-US"));
    await expect(page.getByTestId("kpi-over-first-reply-target")).toContainText(percent(replyOver, tickets().length));
    await expect(page.getByTestId("chart-over-target-over-time").locator("svg.recharts-surface").first()).toBeVisible();
    await expect(page.getByTestId("sla-group").first()).toBeVisible();
    await snapshot(page, "sla");

    await page.setViewportSize({ width: 390, height: 844 });
    await signIn(page, VIEWER);
    await page.goto(`/sla?${period(DAY1, DAY2)}`);
    await expect(page.getByTestId(`sla-targets-${deskId}`).getByTestId("sla-first-reply")).toHaveText("2 h");
    await expect(page.getByRole("button", { name: "Save targets" })).toHaveCount(0);
    // Charts size themselves to their box a moment after they stream in; the settled page fits.
    await expect(page.getByTestId("chart-over-target-over-time").locator("svg.recharts-surface").first()).toBeVisible();
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await snapshot(page, "sla-390");
  });

  test("satisfaction: CSAT as good / (good + bad) with its counts, over time and by group", async ({ page }) => {
    await signIn(page, VIEWER);
    await page.goto(`/satisfaction?${period(DAY1, DAY2)}`);
    const good = tickets().filter((t) => score(t) === "good").length;
    const bad = tickets().filter((t) => score(t) === "bad").length;
    await expect(page.getByTestId("kpi-csat").getByTestId("kpi-value")).toHaveText(percent(good, good + bad));
    await expect(page.getByTestId("kpi-good").getByTestId("kpi-value")).toHaveText(good.toLocaleString("en-US"));
    await expect(page.getByTestId("kpi-bad").getByTestId("kpi-value")).toHaveText(bad.toLocaleString("en-US"));
    await expect(page.getByTestId("chart-csat-over-time").locator("svg.recharts-surface").first()).toBeVisible();
    await expect(page.getByTestId("satisfaction-group").first()).toBeVisible();
    await snapshot(page, "satisfaction");

    await page.getByTestId("kpi-bad").click();
    await expect(page).toHaveURL(/satisfaction=bad%2Cbad_with_comment|satisfaction=bad,bad_with_comment/);
    await expect(page.getByTestId("ticket-total")).toHaveText(`${bad.toLocaleString("en-US")} tickets`);

    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`/satisfaction?${period(DAY1, DAY2)}`);
    // Charts size themselves to their box a moment after they stream in; the settled page fits.
    await expect(page.getByTestId("chart-csat-over-time").locator("svg.recharts-surface").first()).toBeVisible();
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await snapshot(page, "satisfaction-390");
  });
});
