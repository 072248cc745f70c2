// Navigation for everyone: a viewer is never offered a link to a page that would refuse them, the
// phone's tab bar shows every section at once, and the app has its icons and stays out of search engines.
import { expect, test } from "@playwright/test";
import { ADMIN, signIn, snapshot, VIEWER } from "./fixtures";

// The crawl renders every section and asks for every link: room on a loaded machine.
test.describe.configure({ timeout: 180_000 });

const PAGES = ["/", "/tickets", "/charts", "/agents", "/sla", "/satisfaction", "/sync", "/desks"];

test("a viewer is offered no link to a page that refuses them", async ({ page }) => {
  await signIn(page, VIEWER);
  const links = new Set<string>();
  for (const path of PAGES) {
    await page.goto(path);
    await expect(page.locator("main h1").first()).toBeVisible();
    // One link per page and kind: a page refuses by its path, so /tickets/7 stands for every ticket.
    for (const href of await page.locator("a[href^='/']").evaluateAll((as) => as.map((a) => a.getAttribute("href")!))) {
      const path = href.split(/[?#]/)[0]!;
      if (!path.startsWith("/api/") && ![...links].some((seen) => seen.split("?")[0]!.replace(/\/\d+/g, "/:id") === path.replace(/\/\d+/g, "/:id"))) links.add(href);
    }
  }
  // The desks list and the sync monitor link each desk's sync page, never its admin page.
  const sync = [...links].find((href) => /^\/sync\/\d+$/.test(href));
  expect(sync, "a desk's sync page is linked").toBeDefined();
  const refused: string[] = [];
  for (const href of links) {
    const response = await page.request.get(href, { maxRedirects: 0 });
    if (response.status() === 403 || response.status() === 401) refused.push(`${href} → ${response.status()}`);
  }
  expect(refused).toEqual([]);
  expect([...links].filter((href) => href.startsWith("/users") || href === "/desks/new" || /^\/desks\/\d+/.test(href))).toEqual([]);
});

test("the phone's tab bar shows every section without scrolling, admins' Users too", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, ADMIN);
  const nav = page.getByRole("navigation", { name: "Main" });
  const labels = ["Overview", "Tickets", "Charts", "Agents", "SLA", "Satisfaction", "Sync", "Desks", "Users"];
  for (const label of labels) {
    const link = nav.getByRole("link", { name: label, exact: true });
    await expect(link).toBeInViewport({ ratio: 1 });
    const box = (await link.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
  }
  expect(await nav.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  await nav.getByRole("link", { name: "Desks", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Desks" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Desks", exact: true })).toHaveAttribute("aria-current", "page");
  await snapshot(page, "navigation-390");
});

test("the app has a favicon, an app icon and a robots.txt that keeps it out of search engines", async ({ page, request }) => {
  await signIn(page, VIEWER);
  await expect(page.locator('head link[rel="icon"][href^="/icon.svg"]')).toHaveCount(1);
  await expect(page.locator('head link[rel="apple-touch-icon"][href^="/apple-touch-icon.png"]')).toHaveCount(1);
  await expect(page.locator('head meta[name="robots"]')).toHaveAttribute("content", /noindex/);
  for (const [path, type] of [
    ["/icon.svg", "image/svg+xml"],
    ["/apple-touch-icon.png", "image/png"],
    ["/favicon.ico", "image/"],
  ] as const) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(200);
    expect(response.headers()["content-type"], path).toContain(type);
  }
  const robots = await request.get("/robots.txt");
  expect(robots.status()).toBe(200);
  expect(await robots.text()).toMatch(/User-agent: \*\s+Disallow: \/\s*$/m);
});
