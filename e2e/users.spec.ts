// Users admin: add with a field error first, change role, wrong passwords slowed down (never a lock
// that keeps others out), a password reset, remove.
import { expect, test, type Page } from "@playwright/test";
import { ADMIN, signIn, snapshot, VIEWER } from "./fixtures";

const suffix = Date.now().toString(36);
const person = { email: `lead-${suffix}@example.com`, password: "first-password-1" };

async function tryLogin(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test.describe.serial("users", () => {
  test("an admin adds a user after a field error and changes their role", async ({ page }) => {
    await signIn(page, ADMIN);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Users" }).click();
    await page.getByLabel("Email").fill(person.email);
    await page.getByLabel("Password", { exact: true }).fill("short");
    await page.getByRole("button", { name: "Add user" }).click();
    await expect(page.getByText("The password needs at least 10 characters")).toBeVisible();
    await expect(page.getByLabel("Email")).toHaveValue(person.email);
    await page.getByLabel("Password", { exact: true }).fill(person.password);
    await page.getByRole("button", { name: "Add user" }).click();
    await expect(page.getByText(`Added ${person.email} as viewer.`)).toBeVisible();

    const row = page.getByTestId(`user-row-${person.email}`);
    await row.getByLabel(`Role of ${person.email}`).selectOption("admin");
    await row.getByRole("button", { name: "Set role" }).click();
    await expect(row.getByText(`${person.email} is now admin.`)).toBeVisible();
    await expect(row.getByLabel(`Role of ${person.email}`)).toHaveValue("admin");
    await snapshot(page, "users");
  });

  test("wrong passwords slow that account down from this address, never lock anyone out; a reset ends sessions", async ({ page }) => {
    // A dozen sign-ins and the back-off waits between them.
    test.slow();
    const throttled = page.getByText(/Too many sign-in attempts\. Wait \d+ seconds/);
    // Three free failures, then each one doubles the wait: within a few quick tries the form says wait.
    const guess = async (email: string) => {
      for (let i = 0; i < 8; i++) {
        await tryLogin(page, email, "wrong-password");
        await expect(page.getByRole("alert").filter({ hasText: /\w/ })).toBeVisible();
        if (await throttled.isVisible()) return;
      }
      throw new Error(`never throttled for ${email}`);
    };
    await guess(person.email);
    // The same words for an email that does not exist: throttling tells nothing about accounts.
    await guess(`nobody-${suffix}@example.com`);

    // Another account from the same address is not held up.
    await signIn(page, ADMIN);
    await page.goto("/users");
    const row = page.getByTestId(`user-row-${person.email}`);
    await row.getByRole("button", { name: `Reset password of ${person.email}` }).click();
    const dialog = page.getByRole("alertdialog");
    await dialog.getByLabel("New password").fill("second-password-2");
    await dialog.getByRole("button", { name: "Set password" }).click();
    await expect(dialog.getByText(`New password set for ${person.email}; their sessions are ended.`)).toBeVisible();

    await page.context().clearCookies();
    // The back-off passes within seconds; then the right password works.
    await expect(async () => {
      await tryLogin(page, person.email, "second-password-2");
      await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout: 30_000, intervals: [2_000, 4_000, 8_000] });
  });

  test("an admin removes a user after confirming, on a 390 px phone; viewers never reach the page", async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await signIn(page, ADMIN);
    await page.goto("/users");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await snapshot(page, "users-390");
    await expect(page.getByTestId(`user-row-${ADMIN.email}`).getByText("you", { exact: true })).toBeVisible();
    await expect(page.getByTestId(`user-row-${ADMIN.email}`).getByRole("button", { name: /Remove/ })).toHaveCount(0);
    await page.getByRole("button", { name: `Remove ${person.email}` }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Remove user" }).click();
    await expect(page.getByTestId(`user-row-${person.email}`)).toHaveCount(0);

    await page.context().clearCookies();
    await signIn(page, VIEWER);
    await page.goto("/users");
    await expect(page.getByRole("heading", { name: "Admins only" })).toBeVisible();
  });
});
