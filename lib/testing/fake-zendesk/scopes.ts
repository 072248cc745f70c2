// OAuth scopes as Zendesk documents them ("read", "write", "impersonate", "<resource>:read|write") and
// which scope each fake endpoint needs. The per-endpoint resource is our inference: Zendesk's docs
// list the scopable resources but not the endpoints each covers (see /work/notes/zendesk-oauth.md).
import type { Reply } from "@/lib/testing/fake-zendesk/reply";

const RESOURCES = new Set([
  "tickets", "users", "auditlogs", "organizations", "hc", "apps", "triggers", "automations", "targets",
  "webhooks", "macros", "requests", "satisfaction_ratings", "dynamic_content", "any_channel", "web_widget",
  "security", "unrestricted",
]);

export const parseScope = (scope: string | undefined): string[] => (scope ?? "").split(/\s+/).filter(Boolean);

/** Zendesk issues a token even for a malformed scope; every request with it is then Forbidden. */
export function scopesValid(scopes: readonly string[]): boolean {
  return scopes.length > 0 && scopes.every((s) => {
    if (s === "read" || s === "write" || s === "impersonate") return true;
    const [resource, access, extra] = s.split(":");
    return extra === undefined && RESOURCES.has(resource!) && (access === undefined || access === "read" || access === "write");
  });
}

/** `tickets` alone means read and write on tickets, as the docs say of a scope without access. */
export function grants(scopes: readonly string[], resource: string | null, access: "read" | "write"): boolean {
  if (scopes.includes(access)) return true;
  if (!resource) return false;
  return scopes.includes(`${resource}:${access}`) || scopes.includes(resource);
}

/** Whether every scope asked for lies within a client's allowed scopes. */
export function withinAllowed(requested: readonly string[], allowed: readonly string[] | undefined): boolean {
  if (!allowed) return true;
  return requested.every((scope) => {
    if (allowed.includes(scope)) return true;
    const [resource, access] = scope.split(":");
    if (access === "read" || access === "write") return allowed.includes(access) || allowed.includes(resource!);
    return false;
  });
}

/** The resource whose scope an API path needs; null when any valid token may call it. */
export function resourceOf(path: string): string | null | "account" {
  if (path === "/api/v2/oauth/tokens/current") return null;
  const incremental = /^\/api\/v2\/incremental\/([a-z_]+)/.exec(path);
  if (incremental) {
    const kind = incremental[1]!;
    if (kind === "tickets" || kind === "ticket_events") return "tickets";
    if (kind === "users") return "users";
    if (kind === "organizations") return "organizations";
    return "account";
  }
  const top = /^\/api\/v2\/([a-z_]+)/.exec(path)?.[1];
  if (top === "tickets" || top === "ticket_fields") return "tickets";
  if (top === "users" || top === "organizations" || top === "webhooks") return top;
  return "account";
}

export const forbidden = (): Reply => ({
  status: 403,
  body: { error: "Forbidden", description: "You do not have access to this page. Please contact the account owner of this help desk for further help." },
});
