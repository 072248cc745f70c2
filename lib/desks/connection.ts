// "Test connection": one cheap authenticated request, reported as success or the exact failure
// (unknown host, refused, timeout, bad credentials, 5xx). Credentials never appear in a result.
import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import { getDesk } from "@/lib/data/desks";
import { assertAdmin, type Caller } from "@/lib/desks/actor";
import type { DeskRef } from "@/lib/desks/manage";
import { deskCredentials, type DeskCredentials } from "@/lib/sync/credentials";
import { exportLimitForPlan } from "@/lib/sync/export-budget";
import { recordExportLimit, recordPlanLimit } from "@/lib/sync/state";
import { ZendeskClient } from "@/lib/zendesk/client";
import {
  ZendeskAuthError,
  ZendeskNetworkError,
  ZendeskNotFoundError,
  ZendeskRequestError,
  ZendeskTimeoutError,
  ZendeskWaitError,
} from "@/lib/zendesk/errors";
import { ticketFieldPageSchema } from "@/lib/zendesk/schemas";

export type ConnectionResult = {
  ok: boolean;
  message: string;
  /** The account's limit from X-Rate-Limit, when Zendesk sent one. */
  planLimitPerMinute?: number;
  /** The incremental export limit that plan limit implies (10, or 30 with High Volume). */
  exportLimitPerMinute?: number;
};

/**
 * Ticket fields are what a sync reads first, so reading one page of them proves both the credentials
 * and the agent's access; the request is tiny either way.
 */
const PROBE_PATH = "/api/v2/ticket_fields.json";

export type ConnectionOptions = { timeoutMs?: number };

/**
 * With the desk's stored credentials. A desk whose plan limit is not set yet keeps the one Zendesk
 * reports, as the column intends, so the sync monitor can draw its rate budget.
 */
export async function testDeskConnection(caller: Caller, ref: DeskRef, options: ConnectionOptions = {}): Promise<ConnectionResult> {
  assertAdmin(caller.actor, "test desk connections");
  const desk = await getDesk(ref);
  const result = await probe(await deskCredentials(desk.id), options);
  if (!result.planLimitPerMinute) return result;
  const saved = await recordPlanLimit(desk.id, result.planLimitPerMinute);
  const exportsSaved = await recordExportLimit(desk.id, exportLimitForPlan(result.planLimitPerMinute));
  const notes = [saved ? "The plan limit is now set on the desk." : "", exportsSaved ? "The export limit is now set on the desk." : ""];
  return { ...result, message: [result.message, ...notes.filter(Boolean)].join(" ") };
}

/** With credentials typed into the create form, before anything is saved. */
export async function testNewConnection(caller: Caller, credentials: DeskCredentials, options: ConnectionOptions = {}): Promise<ConnectionResult> {
  assertAdmin(caller.actor, "test desk connections");
  return probe(credentials, options);
}

async function probe(credentials: DeskCredentials, options: ConnectionOptions): Promise<ConnectionResult> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const url = new URL(credentials.baseUrl);
  if (!isIP(url.hostname) && url.hostname !== "localhost") {
    try {
      await lookup(url.hostname);
    } catch {
      return { ok: false, message: `Unknown host: ${url.hostname} does not resolve. Check the desk's address.` };
    }
  }
  const client = new ZendeskClient({
    ...credentials,
    timeoutMs,
    // One attempt: the person clicking wants the first failure, not a minute of retries.
    maxAttempts: 1,
    maxInlineWaitMs: 0,
  });
  try {
    const page = await client.get(PROBE_PATH, { "page[size]": 1 }, ticketFieldPageSchema);
    const limit = client.observedRateLimit;
    const exports = limit ? exportLimitForPlan(limit) : null;
    return {
      ok: true,
      ...(limit && exports ? { planLimitPerMinute: limit, exportLimitPerMinute: exports } : {}),
      message: `Connected to ${url.host} as ${credentials.email}: ticket fields readable (${page.ticket_fields.length > 0 ? "at least one" : "none"})${limit ? `, plan limit ${limit.toLocaleString("en-US")} requests/min (incremental exports ${exports}/min)` : ""}.`,
    };
  } catch (error) {
    return { ok: false, message: explain(error, url.host, timeoutMs) };
  }
}

function explain(error: unknown, host: string, timeoutMs: number): string {
  if (error instanceof ZendeskAuthError) return error.message;
  if (error instanceof ZendeskNotFoundError) return `${host} answered 404 for ${PROBE_PATH}: is this the address of a Zendesk Support account?`;
  if (error instanceof ZendeskWaitError) return `Zendesk is rate limiting this account: try again after ${new Date(error.until).toISOString()}.`;
  if (error instanceof ZendeskTimeoutError) return `No answer from ${host} within ${timeoutMs / 1000} s (timeout).`;
  if (error instanceof ZendeskNetworkError) return `Could not connect to ${host} (connection refused or reset).`;
  if (error instanceof ZendeskRequestError) {
    if (error.status && error.status >= 500) return `Zendesk at ${host} is failing: HTTP ${error.status}. Try again later.`;
    return error.message;
  }
  throw error;
}
