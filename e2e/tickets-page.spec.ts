// The ticket page a lead reads in two seconds (status, priority, people, channel, satisfaction, times,
// the description apart from the replies, authors with their role), addressed by Zendesk id; a second
// desk whose ids clash with the seeded one; and that desk masking personal data from viewers on every
// page and in the CSV, the masked values never reaching the browser, while admins still see them.
import { readFileSync } from "node:fs";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { FakeZendesk } from "@/lib/testing/fake-zendesk/server";
import { addApiTokenDesk, ADMIN, signIn, snapshot, VIEWER } from "./fixtures";
import { SEEDED, seededTickets } from "./seeded";

let fake: FakeZendesk;
/** The second desk's ticket whose requester is an end user, renamed so the name is unique. */
let secretTicket: number;
const SECRET_NAME = "Zelda Quintessa";
const SECRET_REPLY = "Kiwibird reference code 4471";
let secretEmail: string;
let secretDescription: string;

test.beforeAll(async () => {
  fake = await FakeZendesk.start({ seed: 31, tickets: 30 });
  const users = fake.state.account.users;
  // Above 20: the sync spec's desk has tickets 1-20 too; this one clashes with the seeded desk only.
  const ticket = fake.state.account.tickets.find((t) => t.id > 20 && users.find((u) => u.id === t.requester_id)?.role === "end-user")!;
  secretTicket = ticket.id;
  fake.state.renameUser(Number(ticket.requester_id), SECRET_NAME);
  secretEmail = String(users.find((u) => u.id === ticket.requester_id)!.email);
  secretDescription = String(ticket.description);
  fake.state.addComment(secretTicket, SECRET_REPLY);
});
test.afterAll(async () => {
  await fake.close();
});

async function as(browser: Browser, user: typeof ADMIN): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, user);
  return page;
}

test("a ticket page shows the basics first, the description apart, and authors with their role", async ({ page }) => {
  const source = seededTickets().find((t) => t.id === SEEDED.htmlTicket)!;
  await signIn(page, VIEWER);
  await page.goto(`/tickets/${SEEDED.htmlTicket}?desk=${SEEDED.deskId}`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(`#${SEEDED.htmlTicket}`);
  await expect(page.getByTestId("status-badge")).toHaveText(source.status);
  await expect(page.getByTestId("priority-badge")).toHaveText(source.priority ? `${String(source.priority)} priority` : "no priority");
  const summary = page.getByRole("region", { name: "Ticket summary" });
  for (const label of ["Requester", "Organization", "Assignee", "Group", "Channel", "Type", "Satisfaction", "Tags", "Created", "Updated", "Solved"]) {
    await expect(summary.getByText(label, { exact: true })).toBeVisible();
  }
  await expect(summary).toContainText(String((source.via as { channel: string }).channel));
  await expect(summary).toContainText(/@example\.com/);
  await expect(summary.getByTestId("time-zone")).toContainText("Times in");
  await expect(page.getByTestId("description")).toBeVisible();
  await expect(page.getByRole("heading", { name: /^Replies \(\d+\)$/ })).toBeVisible();
  await expect(page.getByTestId("description").getByTestId("author-role")).toHaveText("end user");
  await expect(page.getByText("All columns", { exact: false })).toBeVisible();
  await snapshot(page, "ticket-page");

  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await expect(page.getByTestId("description")).toBeVisible();
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await snapshot(page, "ticket-page-390");
});

test.describe.serial("a second desk with the same ticket ids", () => {
  let deskId: string;

  test("an admin adds it; /tickets/<id> asks which desk, and each link opens its own ticket", async ({ page }) => {
    await signIn(page, ADMIN);
    deskId = String(await addApiTokenDesk(page, fake));
    // The server's sync loop copies the new desk within seconds.
    await expect(async () => {
      await page.goto(`/tickets?desk=${deskId}`);
      await expect(page.getByTestId("ticket-total")).toHaveText("30 tickets", { timeout: 1_000 });
    }).toPass({ timeout: 30_000 });

    await page.goto(`/tickets/${secretTicket}`);
    // The seeded desk, this one, and any another spec left behind.
    await expect(page.getByRole("heading", { name: new RegExp(`^Ticket #${secretTicket} is in \\d+ desks$`) })).toBeVisible();
    await snapshot(page, "ticket-chooser");
    await page.getByRole("link", { name: new RegExp(`in ${fake.host.replace(/[.]/g, "\\.")}`) }).click();
    await expect(page).toHaveURL(new RegExp(`/tickets/${secretTicket}\\?desk=${deskId}$`));
    await expect(page.getByRole("region", { name: "Ticket summary" })).toContainText(SECRET_NAME);
    await expect(page.getByRole("region", { name: "Ticket summary" })).toContainText(secretEmail);

    // In the list, clashing ids link with their desk.
    await page.goto(`/tickets?desk=${deskId}&sort=id&dir=asc`);
    await expect(page.getByTestId("ticket-row").first().getByRole("link")).toHaveAttribute("href", `/tickets/1?desk=${deskId}`);
  });

  test("masked for viewers: list, ticket page, search and CSV; the values never reach the browser", async ({ page, browser }) => {
    await signIn(page, ADMIN);
    await page.goto(`/desks/${deskId}`);
    await page.getByRole("checkbox", { name: /Mask personal data from viewers/ }).check();
    await expect(page.getByText(/Personal data masked: viewers no longer see/)).toBeVisible();
    await expect(page.getByRole("checkbox", { name: /Mask personal data from viewers/ })).toBeChecked();
    await snapshot(page, "desk-privacy");

    const viewer = await as(browser, VIEWER);
    const secrets = [SECRET_NAME, secretEmail, SECRET_REPLY, secretDescription];
    const noSecrets = async (target: Page) => {
      const html = await target.content();
      for (const secret of secrets) expect(html).not.toContain(secret);
    };

    await viewer.goto(`/tickets?desk=${deskId}&sort=id&dir=asc&cols=id,subject,requester,requesterEmail`);
    const row = viewer.getByTestId("ticket-row").filter({ has: viewer.getByRole("cell", { name: String(secretTicket), exact: true }) });
    await expect(row.getByText("(hidden)")).toHaveCount(2);
    await noSecrets(viewer);
    await snapshot(viewer, "tickets-masked");

    await viewer.goto(`/tickets/${secretTicket}?desk=${deskId}`);
    await expect(viewer.getByRole("region", { name: "Ticket summary" })).toContainText("(hidden)");
    await expect(viewer.getByTestId("description")).toContainText("Hidden: this desk masks comment bodies for viewers.");
    await expect(viewer.getByText("Hidden: this desk masks comment bodies for viewers.")).not.toHaveCount(0);
    await noSecrets(viewer);
    await snapshot(viewer, "ticket-masked");
    await viewer.setViewportSize({ width: 390, height: 844 });
    await viewer.reload();
    expect(await viewer.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await snapshot(viewer, "ticket-masked-390");
    await viewer.setViewportSize({ width: 1280, height: 720 });

    await viewer.goto(`/tickets?desk=${deskId}&q=Kiwibird`);
    await expect(viewer.getByTestId("ticket-total")).toHaveText("0 tickets");

    await viewer.goto(`/tickets?desk=${deskId}&cols=id,subject,requester,requesterEmail`);
    const [download] = await Promise.all([viewer.waitForEvent("download"), viewer.getByRole("link", { name: "Export CSV" }).click()]);
    const csv = readFileSync(await download.path(), "utf8");
    expect(csv).toContain("(hidden)");
    for (const secret of [SECRET_NAME, secretEmail]) expect(csv).not.toContain(secret);

    // Admins still see everything.
    await page.goto(`/tickets/${secretTicket}?desk=${deskId}`);
    await expect(page.getByRole("region", { name: "Ticket summary" })).toContainText(SECRET_NAME);
    await expect(page.getByText(SECRET_REPLY)).toBeVisible();
    await page.goto(`/tickets?desk=${deskId}&q=Kiwibird`);
    await expect(page.getByTestId("ticket-total")).toHaveText("1 ticket");
    await viewer.context().close();
  });

  test("the admin removes the desk again", async ({ page }) => {
    await signIn(page, ADMIN);
    await page.goto(`/desks/${deskId}`);
    await page.getByRole("button", { name: "Delete desk" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Delete desk and its data" }).click();
    await expect(page).toHaveURL(/\/desks$/);
    await page.goto(`/tickets/${secretTicket}`);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(`#${secretTicket}`);
  });
});
