// One export page per call: fetch → map → one transaction that upserts the rows, advances the desk's
// cursor and adds to the run's counters. A crash before the commit leaves the cursor where it was, so
// the page is fetched again; a cursor moved by another process in the meantime discards the page.
import { allowLongStatements, db } from "@/lib/db/client";
import { openDeskClient, type SyncTuning } from "@/lib/sync/desk-client";
import { commentRows, groupRows, organizationRows, ticketRows, userRows } from "@/lib/sync/map";
import { findRenamed, refreshTicketNames } from "@/lib/sync/names";
import {
  advanceEventCursor,
  advanceTicketCursor,
  countOnRun,
  lockCursor,
  markFieldsStaleIfUnknown,
  recordWait,
  type Counts,
} from "@/lib/sync/state";
import { updateCommentPrivacy, upsertComments, upsertGroups, upsertOrganizations, upsertTickets, upsertUsers } from "@/lib/sync/upsert";
import type { ZendeskClient } from "@/lib/zendesk/client";
import { fetchTicketEventPage, fetchTicketExportPage, safeStartTime } from "@/lib/zendesk/endpoints";
import { ZendeskWaitError } from "@/lib/zendesk/errors";
import type { RequestHistory } from "@/lib/zendesk/pacer";

type Phase = "tickets" | "comments" | "users" | "organizations";

export type SyncHooks = {
  /** Runs after a page was fetched and mapped, before its transaction: tests inject crashes here. */
  beforeCommit?: (phase: Phase) => void | Promise<void>;
};

export type PageOptions = {
  tuning?: SyncTuning;
  hooks?: SyncHooks;
  history?: RequestHistory;
  /** An event cursor under a minute old: ask from a minute ago (true) or ask nothing this run. */
  rereadLastMinute?: boolean;
};

export type PageResult =
  | (Counts & {
      kind: "page";
      rows: number;
      endOfStream: boolean;
      committed: boolean;
      /** Not the end, yet the page gave no way on (no cursor, or the one it was asked with): asking again repeats it. */
      stalled: boolean;
    })
  | (Counts & { kind: "wait"; until: number })
  /** The desk was deactivated since the run began: the run stops here, in whichever process it runs. */
  | (Counts & { kind: "inactive" });

export const TX = { maxWait: 30_000, timeout: 120_000 };

export const countsOf = (client: ZendeskClient, badItems = 0): Counts => ({ ...client.stats, badItems, sent: client.sent });

/** Fetches with the client; a wait longer than a step should hold becomes a "wait" result. */
export async function fetching<T>(client: ZendeskClient, runId: string, fetch: () => Promise<T>): Promise<T | PageResult> {
  try {
    return await fetch();
  } catch (error) {
    // Requests spent on a page that did not commit still count against the desk.
    await countOnRun(runId, countsOf(client));
    if (error instanceof ZendeskWaitError) {
      await recordWait(runId, new Date(error.until));
      return { kind: "wait", until: error.until, ...countsOf(client) };
    }
    throw error;
  }
}

/** `written` is the row count of a committed page, false when another sync had moved the cursor. */
export async function settle(runId: string, counts: Counts, written: number | false, endOfStream: boolean, stalled = false): Promise<PageResult> {
  if (written === false) await countOnRun(runId, counts);
  return { kind: "page", rows: written || 0, endOfStream, committed: written !== false, stalled, ...counts };
}

export const isResult = (value: unknown): value is PageResult => typeof value === "object" && value !== null && "kind" in value;

export const inactive = (client: ZendeskClient): PageResult => ({ kind: "inactive", ...countsOf(client) });

export async function syncTicketPage(deskId: number, runId: string, options: PageOptions = {}): Promise<PageResult> {
  const { client, desk } = await openDeskClient(deskId, options.tuning, options.history);
  if (!desk.active) return inactive(client);
  const from = desk.ticketCursor ? { cursor: desk.ticketCursor } : { startTime: Math.floor(desk.syncSince.getTime() / 1000) };
  const page = await fetching(client, runId, () => fetchTicketExportPage(client, from, options.tuning?.pageSize));
  if (isResult(page)) return page;
  const tickets = ticketRows(page.tickets, page.metricSets);
  const newest = tickets.reduce<string | null>((max, t) => (t.updated_at && (!max || t.updated_at > max) ? t.updated_at : max), null);
  await options.hooks?.beforeCommit?.("tickets");
  const counts = countsOf(client, page.bad);
  const committed = await db().$transaction(async (tx) => {
    await allowLongStatements(tx);
    if (!(await lockCursor(tx, deskId, "ticket_cursor", desk.ticketCursor))) return false;
    const [users, groups, organizations] = [userRows(page.users), groupRows(page.groups), organizationRows(page.organizations)];
    const renamed = await findRenamed(tx, desk.domain, users, groups, organizations);
    await upsertUsers(tx, deskId, desk.domain, users);
    await upsertGroups(tx, deskId, desk.domain, groups);
    await upsertOrganizations(tx, deskId, desk.domain, organizations);
    const written = await upsertTickets(tx, deskId, desk.domain, tickets);
    await refreshTicketNames(tx, desk.domain, renamed);
    await markFieldsStaleIfUnknown(tx, deskId, desk.domain, [...new Set(tickets.flatMap((t) => Object.keys(t.custom_fields)))]);
    await advanceTicketCursor(tx, deskId, { cursor: page.afterCursor, newestChange: newest, observedRateLimit: client.observedRateLimit });
    await countOnRun(runId, counts, { pages: 1, rows: written }, tx);
    return written;
  }, TX);
  const stalled = !page.endOfStream && (page.afterCursor === null || page.afterCursor === desk.ticketCursor);
  return settle(runId, counts, committed, page.endOfStream, stalled);
}

export async function syncCommentPage(deskId: number, runId: string, options: PageOptions = {}): Promise<PageResult> {
  const { client, desk } = await openDeskClient(deskId, options.tuning, options.history);
  if (!desk.active) return inactive(client);
  const start = desk.eventStartTime ?? Math.floor(desk.syncSince.getTime() / 1000);
  // The export may not be asked for the last minute: from here it would re-read events already
  // stored (after a burst, thousands) with an export request. Unless the run wants everything up to
  // now, nothing is asked; the next run a minute on reads on from this cursor.
  if (!options.rereadLastMinute && safeStartTime(start) < start) return { kind: "page", rows: 0, endOfStream: true, committed: true, stalled: false, ...countsOf(client) };
  const page = await fetching(client, runId, () => fetchTicketEventPage(client, start, options.tuning?.pageSize));
  if (isResult(page)) return page;
  const comments = commentRows(page.comments);
  await options.hooks?.beforeCommit?.("comments");
  const counts = countsOf(client, page.bad);
  const committed = await db().$transaction(async (tx) => {
    await allowLongStatements(tx);
    if (!(await lockCursor(tx, deskId, "event_start_time", desk.eventStartTime))) return false;
    const written = await upsertComments(tx, deskId, desk.domain, comments);
    // After the upsert: a comment written and made internal within one page ends internal.
    await updateCommentPrivacy(tx, desk.domain, page.privacyChanges);
    await advanceEventCursor(tx, deskId, page.nextStartTime);
    await countOnRun(runId, counts, { pages: 1, comments: written }, tx);
    return written;
  }, TX);
  return settle(runId, counts, committed, page.endOfStream);
}
