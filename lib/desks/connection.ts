// "Test connection": a few cheap authenticated requests, reported as success or the exact failure
// (unknown host, refused, timeout, bad client id/secret, wrong scope, revoked grant, no access to the
// incremental exports, 5xx). Credentials and tokens never appear in a result.
import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import { z } from "zod";
import { getDesk } from "@/lib/data/desks";
import { assertAdmin, type Caller } from "@/lib/desks/actor";
import type { DeskRef } from "@/lib/desks/manage";
import { deskCredentials } from "@/lib/sync/credentials";
import { DeskNeedsReconnectError } from "@/lib/sync/errors";
import { exportLimitForPlan } from "@/lib/sync/export-budget";
import { recordExportLimit, recordPlanLimit } from "@/lib/sync/state";
import { apiTokenAuth, ZendeskClient, type ZendeskAuth } from "@/lib/zendesk/client";
import { safeStartTime } from "@/lib/zendesk/endpoints";
import {
  ZendeskAuthError,
  ZendeskNetworkError,
  ZendeskNotFoundError,
  ZendeskRequestError,
  ZendeskTimeoutError,
  ZendeskWaitError,
} from "@/lib/zendesk/errors";
import { requestToken, type OAuthClient } from "@/lib/zendesk/oauth";
import { ticketFieldPageSchema } from "@/lib/zendesk/schemas";

export type ConnectionResult = {
  ok: boolean;
  message: string;
  /** The account's limit from X-Rate-Limit, when Zendesk sent one. */
  planLimitPerMinute?: number;
  /** The incremental export limit that plan limit implies (10, or 30 with High Volume). */
  exportLimitPerMinute?: number;
};

/** Credentials typed into a form or the CLI, before they are saved. */
export type NewCredentials =
  | { method: "api_token"; email: string; token: string }
  | { method: "client_credentials"; clientId: string; clientSecret: string };

/** Ticket fields are what a sync reads first; the ticket export is what it reads most. */
const FIELDS_PATH = "/api/v2/ticket_fields.json";
const EXPORT_PATH = "/api/v2/incremental/tickets/cursor.json";

export type ConnectionOptions = { timeoutMs?: number };

/**
 * With the desk's stored credentials (an OAuth token is renewed if it must be, and a refused refresh
 * marks the desk "needs reconnecting"). A desk whose plan limit is not set yet keeps the one Zendesk
 * reports, as the column intends, so the sync monitor can draw its rate budget.
 */
export async function testDeskConnection(caller: Caller, ref: DeskRef, options: ConnectionOptions = {}): Promise<ConnectionResult> {
  assertAdmin(caller.actor, "test desk connections");
  const desk = await getDesk(ref);
  // Nothing is sent for a desk whose grant Zendesk refused: only reconnecting it helps.
  if (desk.reconnectReason) return { ok: false, message: new DeskNeedsReconnectError(desk.reconnectReason).message };
  const { baseUrl, auth } = await deskCredentials(desk.id, options);
  const who = desk.authMethod === "api_token" ? `as ${desk.email}` : `with OAuth client ${desk.oauthClientId}`;
  const result = await probe(baseUrl, auth, who, options);
  if (!result.planLimitPerMinute) return result;
  const saved = await recordPlanLimit(desk.id, result.planLimitPerMinute);
  const exportsSaved = await recordExportLimit(desk.id, exportLimitForPlan(result.planLimitPerMinute));
  const notes = [saved ? "The plan limit is now set on the desk." : "", exportsSaved ? "The export limit is now set on the desk." : ""];
  return { ...result, message: [result.message, ...notes.filter(Boolean)].join(" ") };
}

/** With credentials typed into a form or the CLI, before anything is saved. */
export async function testNewConnection(caller: Caller, baseUrl: string, credentials: NewCredentials, options: ConnectionOptions = {}): Promise<ConnectionResult> {
  assertAdmin(caller.actor, "test desk connections");
  if (credentials.method === "api_token") return probe(baseUrl, apiTokenAuth(credentials.email, credentials.token), `as ${credentials.email}`, options);
  const client = { clientId: credentials.clientId, clientSecret: credentials.clientSecret };
  return probe(baseUrl, unsavedClientAuth(baseUrl, client, options), `with OAuth client ${credentials.clientId}`, options);
}

/** Client credentials not saved yet: a token for this test only, never stored. */
function unsavedClientAuth(baseUrl: string, client: OAuthClient, options: ConnectionOptions): ZendeskAuth {
  let token: string | null = null;
  return {
    scheme: "oauth",
    identity: `oauth:${client.clientId}`,
    async header() {
      token ??= (await requestToken(baseUrl, client, { grant: "client_credentials" }, { timeoutMs: options.timeoutMs ?? 10_000 })).accessToken;
      return `Bearer ${token}`;
    },
    async renew() {
      token = null;
    },
  };
}

const currentTokenSchema = z.object({ token: z.object({ scopes: z.array(z.string()).catch([]), user_id: z.number().nullish() }) });
const exportProbeSchema = z.object({ tickets: z.array(z.unknown()).nullish() });

/** The scopes that let the collector read everything it syncs. */
const readsTickets = (scopes: string[]) => scopes.includes("read") || scopes.includes("tickets:read") || scopes.includes("tickets");

async function probe(baseUrl: string, auth: ZendeskAuth, who: string, options: ConnectionOptions): Promise<ConnectionResult> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const url = new URL(baseUrl);
  if (!isIP(url.hostname) && url.hostname !== "localhost") {
    try {
      await lookup(url.hostname);
    } catch {
      return { ok: false, message: `Unknown host: ${url.hostname} does not resolve. Check the desk's address.` };
    }
  }
  // One attempt: the person clicking wants the first failure, not a minute of retries.
  const client = new ZendeskClient({ baseUrl, auth, timeoutMs, maxAttempts: 1, maxInlineWaitMs: 0 });
  let step = "fields";
  try {
    let grant = "";
    if (auth.scheme === "oauth") {
      step = "token";
      const current = await client.get("/api/v2/oauth/tokens/current.json", {}, currentTokenSchema);
      const scopes = current.token.scopes;
      if (!readsTickets(scopes)) {
        return {
          ok: false,
          message: `Connected to ${url.host} ${who}, but the token's scope is "${scopes.join(" ")}": the collector needs read (or at least tickets:read). Fix the OAuth client's allowed scopes.`,
        };
      }
      grant = ` (scope ${scopes.join(" ")}${current.token.user_id ? `, Zendesk user ${current.token.user_id}` : ""})`;
    }
    step = "fields";
    const page = await client.get(FIELDS_PATH, { "page[size]": 1 }, ticketFieldPageSchema);
    step = "export";
    // Counted as an ordinary request: one probe must not wait for the export budget a sync uses.
    await client.get(EXPORT_PATH, { start_time: safeStartTime(Date.now() - 60_000), per_page: 1 }, exportProbeSchema);
    const limit = client.observedRateLimit;
    const exports = limit ? exportLimitForPlan(limit) : null;
    return {
      ok: true,
      ...(limit && exports ? { planLimitPerMinute: limit, exportLimitPerMinute: exports } : {}),
      message: `Connected to ${url.host} ${who}${grant}: ticket fields (${page.ticket_fields.length > 0 ? "at least one" : "none"}) and the incremental ticket export readable${limit ? `, plan limit ${limit.toLocaleString("en-US")} requests/min (incremental exports ${exports}/min)` : ""}.`,
    };
  } catch (error) {
    return { ok: false, message: explain(error, url.host, timeoutMs, step) };
  }
}

function explain(error: unknown, host: string, timeoutMs: number, step: string): string {
  if (error instanceof ZendeskAuthError && error.status === 403 && step === "export") {
    return `Zendesk at ${host} refused the incremental ticket export (HTTP 403): the credentials work, but the Zendesk user they act for must be an admin, with the read scope for OAuth.`;
  }
  if (error instanceof ZendeskAuthError) return error.message;
  if (error instanceof ZendeskNotFoundError) {
    return step === "token"
      ? `${host} answered 404 for the OAuth token information: is this the address of a Zendesk Support account?`
      : `${host} answered 404 for ${step === "export" ? EXPORT_PATH : FIELDS_PATH}: is this the address of a Zendesk Support account?`;
  }
  if (error instanceof ZendeskWaitError) return `Zendesk is rate limiting this account: try again after ${new Date(error.until).toISOString()}.`;
  if (error instanceof ZendeskTimeoutError) return `No answer from ${host} within ${timeoutMs / 1000} s (timeout).`;
  if (error instanceof ZendeskNetworkError) return `Could not connect to ${host} (connection refused or reset).`;
  if (error instanceof ZendeskRequestError) {
    if (error.status && error.status >= 500) return `Zendesk at ${host} is failing: HTTP ${error.status}. Try again later.`;
    return error.message;
  }
  throw error;
}
