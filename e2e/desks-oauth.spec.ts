// "Connect with Zendesk" in the browser, end to end: a desk added on the authorization code method
// goes to the fake Zendesk's consent page and back to the app's callback (PKCE), then syncs; a replayed
// and a forged state are refused; a denial changes nothing; a revoked grant shows "Needs reconnecting"
// on the desk page and the sync monitor until the admin reconnects.
import { expect, test } from "@playwright/test";
import { FakeZendesk } from "@/lib/testing/fake-zendesk/server";
import { ADMIN, signIn, snapshot } from "./fixtures";

const PORT = Number(process.env.E2E_PORT ?? 3100);
const CALLBACK = `http://127.0.0.1:${PORT}/api/desks/oauth/callback`;
const CLIENT = { id: "zdc-e2e-connect", secret: "e2e-connect-secret-0123" };

let fake: FakeZendesk;

test.beforeAll(async () => {
  fake = await FakeZendesk.start({
    seed: 21,
    tickets: 6,
    // From 2027-04-30 on, no API token works: this desk must sign in with OAuth alone.
    apiTokens: false,
    oauth: { clients: [{ identifier: CLIENT.id, secret: CLIENT.secret, redirectUris: [CALLBACK] }] },
  });
});
test.afterAll(async () => {
  await fake.close();
});

const ticketsFact = (page: import("@playwright/test").Page) => page.locator('dt:text-is("Tickets") + dd');

test.describe.serial("connect with Zendesk", () => {
  let deskUrl = "";
  let callbackUrl = "";

  test("an admin adds a desk, allows it on Zendesk's page, comes back connected, and the first sync runs", async ({ page }) => {
    test.slow();
    await signIn(page, ADMIN);
    await page.goto("/desks/new");
    await page.getByRole("radio", { name: /OAuth: Connect with Zendesk/ }).check();
    await expect(page.getByText(CALLBACK)).toBeVisible();
    await page.getByLabel("Zendesk address").fill(fake.url);
    await page.getByLabel("OAuth client identifier").fill(CLIENT.id);
    await page.getByLabel("Client secret (confidential clients)").fill(CLIENT.secret);
    await page.getByRole("button", { name: "Add desk" }).click();
    await expect(page.getByRole("heading", { name: fake.host })).toBeVisible();
    await expect(page.getByText("Desk added. Connect it with Zendesk below")).toBeVisible();
    await expect(page.getByText("Not connected", { exact: true })).toBeVisible();
    await expect(ticketsFact(page)).toHaveText("0");
    deskUrl = page.url().replace(/\?.*$/, "");
    expect(fake.count(/^\/api\//)).toBe(0);

    const callback = page.waitForRequest((request) => request.url().startsWith(CALLBACK));
    await page.getByRole("button", { name: "Connect with Zendesk" }).click();
    callbackUrl = (await callback).url();
    expect(new URL(callbackUrl).searchParams.get("code")).toEqual(expect.any(String));
    await expect(page.getByText("Connected with Zendesk: the desk signs in with OAuth from now on")).toBeVisible();
    await expect(page).toHaveURL(/\/desks\/\d+\?connect=connected$/);
    // The authorization page got a PKCE challenge; the verifier went only from the app to Zendesk.
    const authorize = fake.requests.find((r) => r.path === "/oauth/authorizations/new")!;
    expect(authorize.query).toMatchObject({ client_id: CLIENT.id, redirect_uri: CALLBACK, code_challenge_method: "S256", scope: "read webhooks:write" });
    expect(callbackUrl).not.toContain(authorize.query.code_challenge!);

    await expect(async () => {
      await page.goto(deskUrl);
      await expect(ticketsFact(page)).toHaveText("6");
    }).toPass({ timeout: 30_000 });
    await expect(page.getByTestId("desk-sign-in")).toContainText("OAuth (Connect with Zendesk)");
    await expect(page.getByTestId("desk-sign-in")).toContainText("Refresh token");
    expect(fake.requests.filter((r) => r.path.startsWith("/api/")).every((r) => r.auth === "bearer")).toBe(true);
    await snapshot(page, "desk-oauth-connected");
  });

  test("a replayed or forged answer is refused and changes nothing", async ({ page }) => {
    await signIn(page, ADMIN);
    const exchanges = fake.oauth.counters.tokenRequests.authorization_code;
    await page.goto(callbackUrl);
    await expect(page).toHaveURL(/\/desks\?connect=refused$/);
    await expect(page.getByText("This answer from Zendesk was refused: its state is unknown, expired, already used")).toBeVisible();
    await page.goto(`/api/desks/oauth/callback?code=forged-code&state=${"x".repeat(43)}`);
    await expect(page.getByText("This answer from Zendesk was refused")).toBeVisible();
    expect(fake.oauth.counters.tokenRequests.authorization_code).toBe(exchanges);
    await page.goto(deskUrl);
    await expect(page.getByTestId("desk-reconnect")).toHaveCount(0);
  });

  test("a denial on Zendesk's page changes nothing", async ({ page }) => {
    await signIn(page, ADMIN);
    await page.goto(deskUrl);
    fake.oauth.consent = "deny";
    await page.getByRole("button", { name: "Reconnect with Zendesk" }).click();
    await expect(page.getByText("Zendesk did not grant access (access_denied): nothing changed.")).toBeVisible();
    fake.oauth.consent = "auto-consent";
    await expect(page.getByTestId("desk-reconnect")).toHaveCount(0);
  });

  test("a revoked grant shows 'Needs reconnecting' everywhere until the admin reconnects", async ({ page }) => {
    test.slow();
    await signIn(page, ADMIN);
    fake.oauth.revokeGrant(CLIENT.id);
    await page.goto(deskUrl);
    await page.getByRole("button", { name: "Test connection" }).click();
    await expect(page.getByText(/^Needs reconnecting: Zendesk at .* refused the desk's refresh token \(invalid_grant\)/)).toBeVisible();
    await page.reload();
    await expect(page.getByText("Needs reconnecting", { exact: true })).toBeVisible();
    await expect(page.getByTestId("desk-reconnect")).toContainText("refused the desk's refresh token (invalid_grant)");
    await expect(page.getByTestId("desk-reconnect")).toContainText("Nothing is requested from Zendesk for this desk until it is connected again below");
    await snapshot(page, "desk-oauth-needs-reconnecting");
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await snapshot(page, "desk-oauth-needs-reconnecting-390");
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto("/sync");
    await expect(page.getByTestId(`sync-desk-${fake.host}`)).toContainText("Needs reconnecting: Zendesk at");

    await page.goto(deskUrl);
    await page.getByRole("button", { name: "Reconnect with Zendesk" }).click();
    await expect(page.getByText("Connected with Zendesk")).toBeVisible();
    await expect(page.getByTestId("desk-reconnect")).toHaveCount(0);
    await page.getByRole("button", { name: "Test connection" }).click();
    await expect(page.getByText(`Connected to ${fake.host} with OAuth client ${CLIENT.id}`)).toBeVisible();
  });
});
