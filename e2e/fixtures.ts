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
