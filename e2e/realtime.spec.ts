// Real time in the browser: an admin turns it on from the desk page (the app creates the webhook at
// a fake Zendesk, whose signed deliveries reach this server's webhook route), a change made in
// Zendesk shows on the ticket list and page within seconds with its freshness, the sync monitor
// shows the deliveries beside the export runs, and real-time goes off again. Screens at 1280 and 390 px.
import { expect, test, type Page } from "@playwright/test";
import { FakeZendesk } from "@/lib/testing/fake-zendesk/server";
import { addApiTokenDesk, ADMIN, signIn, snapshot } from "./fixtures";

let fake: FakeZendesk;

test.beforeAll(async () => {
  fake = await FakeZendesk.start({ seed: 13, tickets: 8, rateLimit: { limit: 700 } });
});
test.afterAll(async () => {
  await fake.close();
});

async function both(page: Page, name: string) {
  await snapshot(page, `${name}-1280`);
  await page.setViewportSize({ width: 390, height: 844 });
  await snapshot(page, `${name}-390`);
  await page.setViewportSize({ width: 1280, height: 720 });
}

test.describe.serial("real time", () => {
  let deskPath = "";

  test("an admin turns real-time on, and a change made in Zendesk shows within seconds", async ({ page }) => {
    await signIn(page, ADMIN);
    deskPath = `/desks/${await addApiTokenDesk(page, fake)}`;
    const deskId = deskPath.split("/").at(-1)!;

    const panel = page.getByTestId("realtime-panel");
    await expect(panel).toContainText("off");
    await expect(panel).toContainText(/Public address of this app \(APP_URL\)\s*http:\/\/127\.0\.0\.1:\d+/);
    await panel.getByRole("button", { name: "Turn on real-time" }).click();
    const endpoint = new RegExp(`Real-time is on: Zendesk sends ticket changes to http://127\\.0\\.0\\.1:\\d+/api/webhooks/zendesk/${deskId}\\. Zendesk's test request got through\\.`);
    await expect(panel.getByText(endpoint)).toBeVisible({ timeout: 20_000 });
    expect(fake.webhooks.webhooks).toHaveLength(1);
    await page.reload();
    await expect(panel.getByRole("button", { name: "Turn off real-time" })).toBeVisible();
    await both(page, "realtime-desk-on");

    const changedAt = Date.now();
    fake.state.updateTicket(3, { subject: "Printer on fire 🔥", priority: "urgent" });
    await page.goto(`/tickets?desk=${deskId}&q=${encodeURIComponent("Printer on fire")}`);
    await expect(async () => {
      await page.reload();
      await expect(page.getByTestId("ticket-row").getByText("Printer on fire 🔥")).toBeVisible({ timeout: 500 });
    }).toPass({ timeout: 15_000 });
    // Seen in the list within a few seconds of the change (the route, the fetch, a page load).
    expect(Date.now() - changedAt).toBeLessThan(10_000);
    await expect(page.getByTestId(`freshness-${deskId}`)).toContainText(/updated (just now|\d+ s ago)/);
    await expect(page.getByTestId(`freshness-${deskId}`)).toContainText("real-time");
    await both(page, "realtime-tickets");

    await page.getByTestId("ticket-row").getByRole("link", { name: /Printer on fire/ }).click();
    await expect(page.getByRole("heading", { name: /Printer on fire 🔥/ })).toBeVisible();
    await expect(page.getByTestId("ticket-freshness")).toContainText(/Last change copied (just now|\d+ s ago)/);
    await both(page, "realtime-ticket");
  });

  test("the sync monitor shows the webhook's deliveries, refusals included, beside the export runs", async ({ page, request }) => {
    await signIn(page, ADMIN);
    const deskId = deskPath.split("/").at(-1)!;
    // Someone without the secret: refused, and counted.
    const forged = await request.post(`/api/webhooks/zendesk/${deskId}`, {
      headers: { "x-zendesk-webhook-signature": "bm9wZQ==", "x-zendesk-webhook-signature-timestamp": new Date().toISOString() },
      data: { subject: "zen:ticket:3" },
    });
    expect(forged.status()).toBe(401);
    expect((await request.post("/api/webhooks/zendesk/987654", { data: {} })).status()).toBe(404);

    await page.goto(`/sync/${deskId}`);
    const deliveries = page.getByTestId(`webhook-deliveries-${deskId}`);
    await expect(async () => {
      await page.reload();
      await expect(deliveries).toContainText(/Refused\s*1 \(bad signature 1\)/, { timeout: 500 });
    }).toPass({ timeout: 10_000 });
    await expect(deliveries).toContainText(/Tickets fetched\s*[1-9]/);
    await expect(deliveries).toContainText(/last one (just now|\d+ s ago)/);
    await both(page, "realtime-sync-desk");
    await page.goto("/sync");
    await expect(page.getByTestId(`sync-desk-${fake.host}`).getByTestId(`webhook-deliveries-${deskId}`)).toBeVisible();
    await both(page, "realtime-sync");
  });

  test("an admin turns real-time off, and the webhook is gone from Zendesk", async ({ page }) => {
    await signIn(page, ADMIN);
    await page.goto(deskPath);
    const panel = page.getByTestId("realtime-panel");
    await panel.getByRole("button", { name: "Turn off real-time" }).click();
    await expect(panel.getByText("Real-time is off: the catch-up sync keeps the desk current.")).toBeVisible();
    expect(fake.webhooks.webhooks).toHaveLength(0);
    await page.reload();
    await expect(panel.getByRole("button", { name: "Turn on real-time" })).toBeVisible();
    await both(page, "realtime-desk-off");
  });
});
