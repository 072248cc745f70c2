// Desks admin in the browser: a create with field errors first, test connection (before and after
// saving) against a fake Zendesk, a failed test that refuses an active desk unless saved inactive,
// the legacy API-token notice and the one-step switch to OAuth keeping the synced tickets, edit with
// secrets kept write-only, deactivate, backfill validation, delete; and a viewer refused server-side.
import { expect, test, type Page } from "@playwright/test";
import { FakeZendesk } from "@/lib/testing/fake-zendesk/server";
import { ADMIN, signIn, snapshot, VIEWER } from "./fixtures";

let fake: FakeZendesk;
const CLIENT = { id: "zdc-e2e-server", secret: "e2e-client-secret-0123" };

test.beforeAll(async () => {
  fake = await FakeZendesk.start({ seed: 11, tickets: 5, oauth: { clients: [{ identifier: CLIENT.id, secret: CLIENT.secret }] } });
});
test.afterAll(async () => {
  await fake.close();
});

/** The default way: OAuth client credentials, tested before the desk is saved. */
async function addDesk(page: Page) {
  await page.goto("/desks/new");
  await page.getByLabel("Zendesk address").fill(fake.url);
  await page.getByLabel("OAuth client identifier").fill(CLIENT.id);
  await page.getByLabel("Client secret").fill(CLIENT.secret);
  await page.getByRole("button", { name: "Add desk" }).click();
  await expect(page.getByRole("heading", { name: fake.host })).toBeVisible();
  await expect(page.getByText("Desk added: its connection to Zendesk works")).toBeVisible();
}

test.describe.serial("desks", () => {
  test("an admin creates a desk, fixing field errors first, and tests its connection", async ({ page }) => {
    test.slow();
    await signIn(page, ADMIN);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Desks" }).click();
    await page.getByRole("link", { name: "Add desk" }).click();
    await expect(page.getByRole("radio", { name: /OAuth client credentials/ })).toBeChecked();
    await page.getByRole("radio", { name: /API token \(legacy\)/ }).check();
    await page.getByLabel("Zendesk address").fill("not a desk!");
    await page.getByLabel("Agent email").fill("agent");
    await page.getByLabel("API token", { exact: true }).fill("short");
    await page.getByRole("button", { name: "Add desk" }).click();
    await expect(page.getByText('"not a desk!" is not a Zendesk subdomain, host name or URL')).toBeVisible();
    await expect(page.getByText("Enter the email of the Zendesk agent the token belongs to")).toBeVisible();
    await expect(page.getByText("The API token is too short")).toBeVisible();
    await expect(page.getByLabel("Zendesk address")).toHaveAttribute("aria-invalid", "true");
    await snapshot(page, "desk-new-field-errors");

    await page.getByLabel("Zendesk address").fill(fake.url);
    await page.getByLabel("Agent email").fill(fake.email);
    await page.getByLabel("API token", { exact: true }).fill("wrong-token-123");
    await page.getByRole("button", { name: "Test connection" }).click();
    await expect(page.getByText(`Zendesk at ${fake.host} rejected the credentials (HTTP 401)`)).toBeVisible();
    // Testing keeps what was typed.
    await expect(page.getByLabel("Zendesk address")).toHaveValue(fake.url);
    await page.getByLabel("API token", { exact: true }).fill(fake.token);
    await page.getByRole("button", { name: "Test connection" }).click();
    await expect(page.getByText(`Connected to ${fake.host} as ${fake.email}`)).toBeVisible();
    await page.getByRole("button", { name: "Add desk" }).click();
    await expect(page.getByRole("heading", { name: fake.host })).toBeVisible();
    // Tested on the way in, so the page does not ask for a test.
    await expect(page.getByText("Desk added: its connection to Zendesk works")).toBeVisible();
    await expect(page.getByText(/Test (the|its) connection/)).toHaveCount(0);
    await expect(page.getByTestId("api-token-notice")).toContainText(/turns API tokens off on 30 April 2027 \(\d+ days? left\)/);
    // Write-only: the stored token is never rendered into the page.
    await expect(page.getByLabel("New API token")).toHaveValue("");
    expect(await page.content()).not.toContain(fake.token);

    await page.getByRole("button", { name: "Test connection" }).click();
    await expect(page.getByText(`Connected to ${fake.host} as ${fake.email}`)).toBeVisible();
    await snapshot(page, "desk-edit");

    await page.goto("/desks");
    await expect(page.getByTestId(`desk-row-${fake.host}`)).toContainText("Active");
    await expect(page.getByTestId(`desk-row-${fake.host}`)).toContainText(/API token · \d+ days left/);
    // This desk and the seeded one.
    await expect(page.getByTestId("api-token-notice")).toContainText("2 desks still sign in with an API token: Zendesk turns API tokens off on 30 April 2027");
    await snapshot(page, "desks");
  });

  test("a second desk for the same account is refused beside the address", async ({ page }) => {
    await signIn(page, ADMIN);
    await page.goto("/desks/new");
    await page.getByRole("radio", { name: /API token \(legacy\)/ }).check();
    await page.getByLabel("Zendesk address").fill(fake.url);
    await page.getByLabel("Agent email").fill(fake.email);
    await page.getByLabel("API token", { exact: true }).fill(fake.token);
    await page.getByLabel("Start syncing right away").uncheck();
    await page.getByRole("button", { name: "Add desk" }).click();
    await expect(page.getByText(`A desk for ${fake.host} already exists`)).toBeVisible();
    // What was typed survives the refusal, except the token, which never comes back from the server.
    await expect(page.getByLabel("Zendesk address")).toHaveValue(fake.url);
    await expect(page.getByLabel("Start syncing right away")).not.toBeChecked();
    await expect(page.getByRole("radio", { name: /API token \(legacy\)/ })).toBeChecked();
    await expect(page.getByLabel("Agent email")).toHaveValue(fake.email);
    await expect(page.getByLabel("API token", { exact: true })).toHaveValue("");
  });

  test("a desk whose connection test fails is not saved active; 'save anyway (inactive)' keeps it, inactive", async ({ page }) => {
    test.slow();
    const other = fake.url.replace("127.0.0.1", "localhost");
    await signIn(page, ADMIN);
    await page.goto("/desks/new");
    await page.getByLabel("Zendesk address").fill(other);
    await page.getByLabel("Label (optional)").fill("Support APAC");
    await page.getByLabel("OAuth client identifier").fill(CLIENT.id);
    await page.getByLabel("Client secret").fill("not-the-client-secret");
    await page.getByRole("button", { name: "Add desk" }).click();
    const refusal = page.getByTestId("connection-refusal");
    await expect(refusal).toContainText("Not saved: the connection test failed.");
    await expect(refusal).toContainText("refused the OAuth client id or secret (invalid_client)");
    // Everything typed is kept, except the secret.
    await expect(page.getByLabel("Zendesk address")).toHaveValue(other);
    await expect(page.getByLabel("Label (optional)")).toHaveValue("Support APAC");
    await expect(page.getByLabel("OAuth client identifier")).toHaveValue(CLIENT.id);
    await expect(page.getByLabel("Client secret")).toHaveValue("");
    expect(await page.content()).not.toContain("not-the-client-secret");
    await snapshot(page, "desk-new-test-failed");

    await page.getByLabel("Client secret").fill("not-the-client-secret");
    await page.getByRole("button", { name: "Save anyway (inactive)" }).click();
    await expect(page.getByText("Desk added, inactive: its connection test failed.")).toBeVisible();
    await expect(page.getByRole("button", { name: "Activate", exact: true })).toBeVisible();
    await page.getByRole("button", { name: "Delete desk" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Delete desk and its data" }).click();
    await expect(page).toHaveURL(/\/desks$/);
  });

  test("an API-token desk moves to OAuth client credentials in one step, keeping its tickets", async ({ page }) => {
    test.slow();
    await signIn(page, ADMIN);
    await page.goto("/desks");
    await page.getByRole("link", { name: fake.host }).click();
    await expect(page.getByRole("heading", { name: fake.host })).toBeVisible();
    // The in-process schedule has synced the desk since it was added.
    await expect(async () => {
      await page.reload();
      await expect(page.locator('dt:text-is("Tickets") + dd')).toContainText("5");
    }).toPass({ timeout: 30_000 });

    await page.getByRole("radio", { name: /OAuth client credentials/ }).check();
    await page.getByLabel("OAuth client identifier").fill(CLIENT.id);
    await page.getByLabel("Client secret").fill("not-the-client-secret");
    await page.getByRole("button", { name: "Switch to client credentials" }).click();
    await expect(page.getByTestId("connection-refusal")).toContainText("invalid_client");
    await expect(page.getByTestId("api-token-notice")).toBeVisible();

    await page.getByLabel("Client secret").fill(CLIENT.secret);
    await page.getByRole("button", { name: "Switch to client credentials" }).click();
    await expect(page.getByText("Saved: the desk now signs in with OAuth client credentials; its synced data and cursors are kept.")).toBeVisible();
    await page.reload();
    await expect(page.getByTestId("api-token-notice")).toHaveCount(0);
    await expect(page.getByTestId("desk-sign-in")).toContainText("OAuth client credentials");
    await expect(page.getByTestId("desk-sign-in")).toContainText(CLIENT.id);
    await expect(page.locator('dt:text-is("Tickets") + dd')).toContainText("5");
    expect(await page.content()).not.toContain(CLIENT.secret);
    await page.getByRole("button", { name: "Test connection" }).click();
    await expect(page.getByText(`Connected to ${fake.host} with OAuth client ${CLIENT.id}`)).toBeVisible();
  });

  test("a viewer reads desks but is refused every change, by the server too", async ({ browser }) => {
    const context = await browser.newContext();
    const adminPage = await context.newPage();
    await signIn(adminPage, ADMIN);
    await adminPage.goto("/desks");
    await adminPage.getByRole("link", { name: fake.host }).click();
    await expect(adminPage.getByRole("button", { name: "Deactivate" })).toBeVisible();
    const deskUrl = adminPage.url();

    // The same browser becomes a viewer; the admin's page is still open with its forms.
    const viewerPage = await context.newPage();
    await viewerPage.goto("/");
    await viewerPage.getByRole("button", { name: "Sign out" }).first().click();
    await signIn(viewerPage, VIEWER);
    await viewerPage.goto("/desks");
    await expect(viewerPage.getByTestId(`desk-row-${fake.host}`)).toBeVisible();
    await expect(viewerPage.getByRole("link", { name: "Add desk" })).toHaveCount(0);
    await viewerPage.goto(deskUrl);
    await expect(viewerPage.getByRole("heading", { name: "Admins only" })).toBeVisible();
    await viewerPage.goto("/desks/new");
    await expect(viewerPage.getByRole("heading", { name: "Admins only" })).toBeVisible();

    await adminPage.getByRole("button", { name: "Deactivate" }).click();
    await expect(adminPage.getByText("Only admins can change desks.")).toBeVisible();
    await adminPage.getByLabel("Label (optional)").fill("renamed by a viewer");
    await adminPage.getByRole("button", { name: "Save changes" }).click();
    await expect(adminPage.getByText("Only admins can change desks.")).toHaveCount(2);

    await viewerPage.goto("/desks");
    await expect(viewerPage.getByTestId(`desk-row-${fake.host}`)).toContainText("Active");
    await expect(viewerPage.getByTestId(`desk-row-${fake.host}`)).not.toContainText("renamed by a viewer");
    // A viewer's desk link leads to what they may see: the desk's sync runs.
    await viewerPage.getByRole("link", { name: fake.host }).click();
    await expect(viewerPage).toHaveURL(/\/sync\/\d+$/);
    await expect(viewerPage.getByRole("link", { name: "Manage this desk" })).toHaveCount(0);
    await context.close();
  });

  test("an admin edits, deactivates and deletes a desk after confirming", async ({ page }) => {
    await signIn(page, ADMIN);
    await page.goto("/desks");
    await page.getByRole("link", { name: fake.host }).click();

    await page.getByLabel("Seconds between syncs").fill("5");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByText("At least 10 seconds")).toBeVisible();
    await page.getByLabel("Seconds between syncs").fill("120");
    await page.getByLabel("Label (optional)").fill("Support EU");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByText("Saved.", { exact: true })).toBeVisible();
    // The kept token still works.
    await page.getByRole("button", { name: "Test connection" }).click();
    await expect(page.getByText(`Connected to ${fake.host}`)).toBeVisible();

    await page.getByRole("button", { name: "Backfill" }).click();
    await expect(page.getByText("Pick the day to re-export from")).toBeVisible();
    await page.getByLabel("Backfill from date").fill("2024-01-01");
    await page.getByRole("button", { name: "Backfill" }).click();
    await expect(page.getByText("Backfill from 2024-01-01 started")).toBeVisible();

    await page.getByRole("button", { name: "Deactivate" }).click();
    await expect(page.getByText("Deactivated: no more syncs until activated.")).toBeVisible();
    await expect(page.getByRole("button", { name: "Activate", exact: true })).toBeVisible();
    await page.getByRole("button", { name: "Sync now" }).click();
    await expect(page.getByText("This desk is inactive: activate it to sync.")).toBeVisible();

    await page.getByRole("button", { name: "Delete desk" }).click();
    const dialog = page.getByRole("alertdialog");
    await expect(dialog).toContainText(`Delete ${fake.host}?`);
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(dialog).toHaveCount(0);
    await page.getByRole("button", { name: "Delete desk" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Delete desk and its data" }).click();
    await expect(page).toHaveURL(/\/desks$/);
    await expect(page.getByTestId(`desk-row-${fake.host}`)).toHaveCount(0);
  });

  test("the desks pages fit a 390 px phone", async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await signIn(page, ADMIN);
    await page.goto("/desks/new");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await snapshot(page, "desk-new-390");
    await addDesk(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await snapshot(page, "desk-edit-390");
    await page.goto("/desks");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await snapshot(page, "desks-390");
  });
});
