// Real time, the fetching side: tickets webhooks named as changed are read alone through the ordinary
// API (Show Ticket / Show Many Tickets with the export's sideloads, and their comments when a delivery
// was about comments), never the exports, whose budget stays for the catch-up sync. Rows are written
// with the export's mapping and rule: a stored row is never replaced by an older version. A queue
// larger than the desk's API share can fetch in a few seconds (a macro touching thousands of tickets)
// is left to one export-driven sync instead.
import { db } from "@/lib/db/client";
import { openDeskClient, type SyncTuning } from "@/lib/sync/desk-client";
import { DeskNeedsReconnectError } from "@/lib/sync/errors";
import { commentRows, groupRows, organizationRows, ticketRows, userRows } from "@/lib/sync/map";
import { findRenamed, refreshTicketNames } from "@/lib/sync/names";
import { TX } from "@/lib/sync/pages";
import { addCounts, recentCount } from "@/lib/sync/realtime-counters";
import { markFieldsStaleIfUnknown, recordRealtimeFetch } from "@/lib/sync/state";
import { claimTickets, completeClaims, pendingTickets, releaseClaims, type Claim, type Timing } from "@/lib/sync/ticket-queue";
import { upsertComments, upsertGroups, upsertOrganizations, upsertTickets, upsertUsers } from "@/lib/sync/upsert";
import { fetchTicketComments, fetchTicketsById, SHOW_MANY_MAX, type ChangedTickets } from "@/lib/zendesk/endpoints";
import { ZendeskNotFoundError, ZendeskWaitError } from "@/lib/zendesk/errors";
import type { Comment } from "@/lib/zendesk/schemas";

export type FetchOptions = {
  tuning?: SyncTuning;
  timing?: Partial<Timing>;
  /** How long the queue may take to fetch through the API before an export sync is cheaper. */
  overflowSeconds?: number;
};

export type FetchResult =
  /** Nothing queued that this process may take (rows other fetchers hold are theirs). */
  | { kind: "empty" }
  /** Queued rows become due (or Zendesk allows requests again) at `until`. */
  | { kind: "wait"; until: number }
  /** Too many for the API share: an export-driven sync should take them; `lastNotifiedAt` says whether the burst goes on. */
  | { kind: "overflow"; pending: number; lastNotifiedAt: number }
  | { kind: "inactive" }
  | { kind: "fetched"; tickets: number; comments: number; requests: number; missing: number[]; badItems: number };

/** The events of one action arrive within milliseconds; a busy ticket is still fetched within a second. */
const DEFAULT_TIMING: Timing = { debounceMs: 200, maxDelayMs: 1_000 };
const DEFAULT_OVERFLOW_SECONDS = 5;
/**
 * Real-time fetches may spend at most this share of the desk's budget in a minute: a burst arriving
 * slowly (deliveries come one after the other) never queues much at once, yet reading thousands of
 * tickets' comments one by one would starve the rest; past it, the export takes over. The catch-up
 * sync asks the exports, which have their own limit (10 or 30 a minute), so what else spends the
 * desk's share (field definitions, a viewer's comment refresh, a connection test) needs a few
 * requests a minute: a fifth of the share is left for it.
 */
const REALTIME_SHARE_OF_BUDGET = 0.8;
/** A claim outlives any fetch of 100 tickets; a fetcher that died gives its rows back when it runs out. */
const CLAIM_MS = 60_000;
/** Zendesk's smallest plan, until the desk knows its own (as the pacer assumes). */
const FALLBACK_PLAN_LIMIT = 200;

/**
 * Whether the export should take over: the queue would cost more requests than the desk's API share
 * allows in `seconds`, or, with what real-time fetches spent in the last minute or so
 * (`recentRequests`), more than half of that share in a minute.
 */
export function overflows(
  pending: { total: number; withComments: number },
  desk: { rateLimitPerMinute: number | null; rateLimitShare: number },
  seconds: number,
  recentRequests = 0,
): boolean {
  const budgetPerMinute = Math.max(1, Math.floor(((desk.rateLimitPerMinute ?? FALLBACK_PLAN_LIMIT) * desk.rateLimitShare) / 100));
  const requests = Math.ceil(pending.total / SHOW_MANY_MAX) + pending.withComments;
  return requests > (budgetPerMinute * seconds) / 60 || recentRequests + requests > budgetPerMinute * REALTIME_SHARE_OF_BUDGET;
}

/** Fetches and stores one batch (at most 100 tickets) of the desk's queue; call again while it fetches. */
export async function fetchQueuedTickets(deskId: number, options: FetchOptions = {}): Promise<FetchResult> {
  const timing = { ...DEFAULT_TIMING, ...options.timing };
  let opened: Awaited<ReturnType<typeof openDeskClient>>;
  try {
    opened = await openDeskClient(deskId, options.tuning);
  } catch (error) {
    // Nothing is asked of Zendesk until an admin reconnects the desk; its next sync covers the queue.
    if (error instanceof DeskNeedsReconnectError) return { kind: "inactive" };
    throw error;
  }
  const { client, desk } = opened;
  if (!desk.active) return { kind: "inactive" };
  const pending = await pendingTickets(deskId, timing);
  if (pending.total === 0) return { kind: "empty" };
  const recentRequests = await recentCount(deskId, "fetch.requests", 60);
  if (overflows(pending, desk, options.overflowSeconds ?? DEFAULT_OVERFLOW_SECONDS, recentRequests)) {
    await db().$transaction((tx) => addCounts(tx, deskId, { "fetch.overflows": 1 }));
    return { kind: "overflow", pending: pending.total, lastNotifiedAt: pending.lastNotifiedAt?.getTime() ?? Date.now() };
  }
  const claims = await claimTickets(deskId, SHOW_MANY_MAX, timing, CLAIM_MS);
  if (claims.length === 0) {
    return pending.claimable > 0 && pending.nextDueAt ? { kind: "wait", until: pending.nextDueAt.getTime() } : { kind: "empty" };
  }
  let fetched: { changed: ChangedTickets; comments: (Comment & { ticket_id: number })[]; bad: number };
  try {
    fetched = await fetchClaimed(client, claims);
  } catch (error) {
    await releaseClaims(deskId, claims);
    if (error instanceof ZendeskWaitError) return { kind: "wait", until: error.until };
    throw error;
  }
  const { changed } = fetched;
  const tickets = ticketRows(changed.tickets, changed.metricSets);
  const comments = commentRows(fetched.comments);
  const newest = tickets.reduce<string | null>((max, t) => (t.updated_at && (!max || t.updated_at > max) ? t.updated_at : max), null);
  const written = await db().$transaction(async (tx) => {
    const [users, groups, organizations] = [userRows(changed.users), groupRows(changed.groups), organizationRows(changed.organizations)];
    const renamed = await findRenamed(tx, desk.domain, users, groups, organizations);
    // People an export page may be writing right now are left alone unless these are newer.
    await upsertUsers(tx, deskId, desk.domain, users, { skipStored: true });
    await upsertGroups(tx, deskId, desk.domain, groups, { skipStored: true });
    await upsertOrganizations(tx, deskId, desk.domain, organizations, { skipStored: true });
    const ticketCount = await upsertTickets(tx, deskId, desk.domain, tickets);
    await refreshTicketNames(tx, desk.domain, renamed);
    await markFieldsStaleIfUnknown(tx, deskId, desk.domain, [...new Set(tickets.flatMap((t) => Object.keys(t.custom_fields)))]);
    const commentCount = await upsertComments(tx, deskId, desk.domain, comments);
    // Deleted tickets are left to the export, which says so with their last state.
    await completeClaims(tx, deskId, claims);
    await recordRealtimeFetch(tx, deskId, newest);
    await addCounts(tx, deskId, { "fetch.tickets": changed.tickets.length, "fetch.requests": client.stats.requests });
    return { tickets: ticketCount, comments: commentCount };
  }, TX);
  return { kind: "fetched", ...written, requests: client.stats.requests, missing: changed.missing, badItems: changed.bad + fetched.bad };
}

async function fetchClaimed(client: Awaited<ReturnType<typeof openDeskClient>>["client"], claims: Claim[]) {
  const changed = await fetchTicketsById(client, claims.map((c) => c.ticketId));
  const found = new Set(changed.tickets.map((t) => t.id));
  const comments: (Comment & { ticket_id: number })[] = [];
  let bad = 0;
  for (const claim of claims) {
    if (!claim.needsComments || !found.has(claim.ticketId)) continue;
    try {
      const read = await fetchTicketComments(client, claim.ticketId);
      comments.push(...read.comments.map((c) => ({ ...c, ticket_id: claim.ticketId })));
      bad += read.bad;
    } catch (error) {
      // Deleted between the two requests: the export has the last word on it.
      if (!(error instanceof ZendeskNotFoundError)) throw error;
    }
  }
  return { changed, comments, bad };
}
