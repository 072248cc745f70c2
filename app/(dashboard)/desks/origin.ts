import "server-only";
// The origin the admin's browser used to reach the app: where Zendesk sends them back after "Connect
// with Zendesk" when APP_URL is not set.
import { headers } from "next/headers";

export async function requestOrigin(): Promise<string | null> {
  const h = await headers();
  const origin = h.get("origin");
  if (origin && origin !== "null") return origin;
  const host = h.get("x-forwarded-host") ?? h.get("host");
  if (!host) return null;
  const proto = h.get("x-forwarded-proto")?.split(",")[0]?.trim() ?? "http";
  return `${proto}://${host}`;
}
