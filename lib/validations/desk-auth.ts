// Words and dates about a desk's sign-in method, shared by the pages, the CLI and the use cases.
import type { DeskAuthMethod } from "@/lib/validations/desk";

/** Zendesk deactivates every remaining API token on this day, with no extension. */
const API_TOKEN_SHUTOFF = new Date("2027-04-30T00:00:00Z");
export const API_TOKEN_SHUTOFF_TEXT = "30 April 2027";

export const AUTH_METHOD_LABELS: Record<DeskAuthMethod, string> = {
  client_credentials: "OAuth client credentials",
  authorization_code: "OAuth (Connect with Zendesk)",
  api_token: "API token (legacy)",
};

/** The "needs reconnecting" reason of an authorization code desk nobody has connected yet. */
export const NOT_CONNECTED = "Not connected to Zendesk yet: use Connect with Zendesk on the desk's page (or `desk connect`).";

/** The badge of a desk Zendesk no longer accepts (or never did), or null when it signs in fine. */
export function reconnectLabel(reconnectReason: string | null): "Not connected" | "Needs reconnecting" | null {
  if (!reconnectReason) return null;
  return reconnectReason === NOT_CONNECTED ? "Not connected" : "Needs reconnecting";
}

/** The one line that says why a desk gets no requests: its reason, named as what it is. */
export function reconnectText(reconnectReason: string): string {
  return reconnectReason === NOT_CONNECTED ? reconnectReason : `Needs reconnecting: ${reconnectReason}`;
}

/** Whole days until API tokens stop working, counting a day that has begun; 0 once they have. */
export function apiTokenDaysLeft(now = new Date()): number {
  return Math.max(0, Math.ceil((API_TOKEN_SHUTOFF.getTime() - now.getTime()) / 86_400_000));
}

/** The notice an API-token desk carries wherever it is shown. */
export function apiTokenNotice(now = new Date()): string {
  const days = apiTokenDaysLeft(now);
  if (days === 0) return `Zendesk turned API tokens off on ${API_TOKEN_SHUTOFF_TEXT}: switch this desk to OAuth.`;
  return `Zendesk turns API tokens off on ${API_TOKEN_SHUTOFF_TEXT} (${days} day${days === 1 ? "" : "s"} left): switch this desk to OAuth; its synced data and cursors are kept.`;
}

/** How a "Connect with Zendesk" flow ended, as the callback reports it to the page. */
export const CONNECT_OUTCOMES = ["connected", "denied", "refused", "failed"] as const;
export type ConnectOutcome = (typeof CONNECT_OUTCOMES)[number];

const FAILURES: Record<string, string> = {
  invalid_grant:
    "Zendesk refused the authorization code (invalid_grant): it expired (codes live 120 s), was used already, or the redirect URL or PKCE verifier did not match. Nothing changed; connect again.",
  invalid_client: "Zendesk refused the OAuth client id or secret (invalid_client): check them in Admin Center → Apps and integrations → APIs → OAuth clients, then connect again.",
  unauthorized_client: "Zendesk does not let this OAuth client use the authorization code grant (unauthorized_client).",
  invalid_scope: "Zendesk refused the scope (invalid_scope): allow read and webhooks:write on the OAuth client, then connect again.",
  unreachable: "Zendesk could not be reached to trade the code for tokens. Nothing changed; connect again.",
  no_code: "Zendesk sent the admin back without an authorization code. Nothing changed; connect again.",
};

/** The words for a connection outcome; `reason` is an OAuth error code, never text from a URL. */
export function connectMessage(outcome: ConnectOutcome, reason?: string): { ok: boolean; text: string } {
  if (outcome === "connected") return { ok: true, text: "Connected with Zendesk: the desk signs in with OAuth from now on, keeps its synced data and cursors, and its first sync has started." };
  if (outcome === "denied") return { ok: false, text: `Zendesk did not grant access (${reason ?? "access_denied"}): nothing changed. Allow the app on Zendesk's page to connect the desk.` };
  if (outcome === "refused") {
    return { ok: false, text: "This answer from Zendesk was refused: its state is unknown, expired, already used or belongs to another admin's connection. Nothing changed; start again with Connect with Zendesk." };
  }
  return { ok: false, text: FAILURES[reason ?? ""] ?? `Zendesk refused the token request (${reason ?? "unknown"}). Nothing changed; connect again.` };
}
