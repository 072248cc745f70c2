import { expect, type Page } from "@playwright/test";

export const ADMIN = { email: "admin@example.com", password: "admin-password-123" };
export const VIEWER = { email: "viewer@example.com", password: "viewer-password-123" };

export async function signIn(page: Page, user: { email: string; password: string }) {
  // As someone else: the login page sends a signed-in visitor on to the app.
  await page.context().clearCookies();
  await page.goto("/login");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
}

/** A full-page screenshot into the test output, for people reviewing a run. */
export async function snapshot(page: Page, name: string) {
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
}

/**
 * Adds a desk for a fake Zendesk through the desk form on the legacy API-token method (the form's default
 * is OAuth client credentials), with any further labelled fields filled; returns the new desk's id.
 */
export async function addApiTokenDesk(
  page: Page,
  zendesk: { url: string; host: string; email: string; token: string },
  options: { token?: string; fields?: Record<string, string> } = {},
): Promise<number> {
  await page.goto("/desks/new");
  await page.getByLabel("Zendesk address").fill(zendesk.url);
  await page.getByRole("radio", { name: /API token \(legacy\)/ }).check();
  await page.getByLabel("Agent email").fill(zendesk.email);
  await page.getByLabel("API token", { exact: true }).fill(options.token ?? zendesk.token);
  for (const [label, value] of Object.entries(options.fields ?? {})) await page.getByLabel(label).fill(value);
  await page.getByRole("button", { name: "Add desk" }).click();
  await expect(page.getByRole("heading", { name: zendesk.host })).toBeVisible();
  return Number(/\/desks\/(\d+)/.exec(page.url())![1]);
}
