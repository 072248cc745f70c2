// The app's public address (APP_URL) as Zendesk must reach it to deliver webhooks: https, or plain
// http on this machine for development. Shared by the real-time use cases and the desk page.
const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

export type AppUrlCheck = { ok: true; url: string } | { ok: false; error: string };

export function checkAppUrl(appUrl: string | undefined): AppUrlCheck {
  if (!appUrl) {
    return { ok: false, error: "APP_URL is not set: set it to this app's public address (e.g. https://collector.example.com) so Zendesk can reach it." };
  }
  let url: URL;
  try {
    url = new URL(appUrl);
  } catch {
    return { ok: false, error: `APP_URL (${appUrl}) is not a URL.` };
  }
  if (url.search || url.hash || url.username || url.password) {
    return { ok: false, error: `APP_URL (${url.origin}) must be the bare address of the app, without query, fragment or credentials.` };
  }
  const local = LOCAL_HOSTS.has(url.hostname) || url.hostname.endsWith(".localhost");
  if (url.protocol !== "https:" && !(url.protocol === "http:" && local)) {
    return { ok: false, error: `APP_URL (${url.origin}) must use https:// (plain http:// only on localhost, for development).` };
  }
  return { ok: true, url: `${url.origin}${url.pathname.replace(/\/+$/, "")}` };
}

/** Where a desk's webhook delivers. */
export function webhookEndpoint(appUrl: string, deskId: number): string {
  return `${appUrl}/api/webhooks/zendesk/${deskId}`;
}
