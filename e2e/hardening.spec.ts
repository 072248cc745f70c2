// What an attacker-and-fault probe checked, from the outside: the security headers on every route,
// a real 403 on admin-only pages, sessions that end at sign-out, malformed URLs answered cleanly, and
// the health and Inngest endpoints of an install without Inngest.
import { expect, test, type APIResponse } from "@playwright/test";
import { ADMIN, signIn, VIEWER } from "./fixtures";

function expectSecurityHeaders(response: APIResponse, path: string, options: { csp: boolean }) {
  const headers = response.headers();
  expect(headers["x-content-type-options"], path).toBe("nosniff");
  expect(headers["x-frame-options"], path).toBe("DENY");
  expect(headers["referrer-policy"], path).toBe("strict-origin-when-cross-origin");
  if (options.csp) {
    const csp = headers["content-security-policy"] ?? "";
    expect(csp, path).toContain("frame-ancestors 'none'");
    expect(csp, path).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(csp, path).toContain("img-src 'self' data: blob:");
  }
}

test("every route carries the security headers; Next's scripts carry the CSP nonce", async ({ request, page }) => {
  const login = await request.get("/login");
  const html = await login.text();
  const asset = /\/_next\/static\/[^"]+\.js/.exec(html)?.[0];
  expect(asset).toBeTruthy();
  for (const path of ["/login", "/", "/tickets", "/users", "/api/health", "/api/inngest", "/api/auth/session", "/no-such-page", asset!]) {
    const response = await request.get(path, { maxRedirects: 0 });
    expectSecurityHeaders(response, path, { csp: !path.startsWith("/_next/") });
  }
  const nonce = /'nonce-([^']+)'/.exec(login.headers()["content-security-policy"]!)![1];
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  expect(scripts.length).toBeGreaterThan(0);
  for (const script of scripts) expect(script).toContain(`nonce="${nonce}"`);
  // The page still works under its policy: the form hydrates and signs in.
  await signIn(page, VIEWER);
});

test("a viewer gets a real 403 for admin-only pages; an admin gets them", async ({ page }) => {
  await signIn(page, VIEWER);
  for (const path of ["/users", "/desks/new", "/desks/1"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(403);
    await expect(page.getByRole("heading", { name: "Admins only" })).toBeVisible();
  }
  await page.context().clearCookies();
  await signIn(page, ADMIN);
  expect((await page.goto("/users"))?.status()).toBe(200);
});

test("a session cookie stops working at sign-out, in every copy of it", async ({ page, browser }) => {
  await signIn(page, VIEWER);
  const cookies = await page.context().cookies();
  await page.getByRole("button", { name: "Sign out" }).first().click();
  await expect(page).toHaveURL(/\/login/);
  const stolen = await browser.newContext();
  await stolen.addCookies(cookies);
  const other = await stolen.newPage();
  await other.goto("/tickets");
  await expect(other).toHaveURL(/\/login/);
  await stolen.close();
});

test("a newline in callbackUrl is ignored, not a server error", async ({ page, request }) => {
  expect((await request.get("/login?callbackUrl=%2F%0AX-Injected%3A%201")).status()).toBe(200);
  await page.goto("/login?callbackUrl=%2F%0Atickets");
  await page.getByLabel("Email").fill(VIEWER.email);
  await page.getByLabel("Password").fill(VIEWER.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
});

test("malformed URLs get a notice on pages and a 400 from the export, never an error page", async ({ page }) => {
  await signIn(page, VIEWER);
  const response = await page.goto("/tickets?createdFrom=0000-01-01&tags=a%00b&assignee=99999999999999999999&after=eyJ2IjoiMDAwMC0wMS0wMSIsImlkIjoiMSJ9");
  expect(response?.status()).toBe(200);
  await expect(page.getByText(/Ignored in the address: .*createdFrom/)).toBeVisible();
  // An id past int8: the not-found page (streamed, so its status is already 200), not an error page.
  await page.goto("/tickets/99999999999999999999");
  await expect(page.getByRole("heading", { name: /not found/i })).toBeVisible();
  const exported = await page.request.get("/api/tickets/export?desk=99999999999");
  expect(exported.status()).toBe(400);
  expect(await exported.text()).toMatch(/^Bad filter: desk: /);
});

test("health reports the database and the in-process sync loop; /api/inngest says Inngest is not configured", async ({ request }) => {
  const health = await request.get("/api/health");
  expect(health.status()).toBe(200);
  expect(await health.json()).toMatchObject({ ok: true, database: { ok: true }, sync: { scheduler: "in-process", loop: { state: "running" } } });
  const inngest = await request.put("/api/inngest", { headers: { host: "attacker.test" } });
  expect(inngest.status()).toBe(404);
});
