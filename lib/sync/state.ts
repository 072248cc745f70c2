// The one writer of a desk's sync state (cursors, last sync, errors, Retry-After block, plan limit
// seen, "needs reconnecting") and of its runs' rows in sync_runs. Pages, field reads, the client and the run call these,
// so each fact has one owner. Desk configuration (name, credentials, active…) is lib/data/desks.ts's.
import { db } from "@/lib/db/client";
import { lockDeskCursors } from "@/lib/db/locks";
import { Prisma } from "@/lib/generated/prisma/client";
import type { RequestHistory } from "@/lib/zendesk/pacer";

type Tx = Prisma.TransactionClient;

/**
 * Who started a run and what that means: the CLI, the in-process loop and a "sync now" in the app
 * without Inngest hold the desk's advisory lock while they run; Inngest runs hold none (Inngest allows
 * one per desk). A sync someone started by hand from the CLI reads the field definitions every time.
 */
/**
 * `rereadsLastMinute`: Zendesk's event export may not be asked for the last minute, so a run whose event
 * cursor is newer either asks from a minute ago (re-reading what it stored: after a burst, thousands of
 * events) or leaves comments to a run a minute on. A one-off `sync --once` wants everything up to now;
 * the repeating runs (and a burst's own sync) take the next minute instead.
 */
export const TRIGGERS = {
  cli: { holdsDeskLock: true, readsFieldsEveryRun: true, rereadsLastMinute: true },
  watch: { holdsDeskLock: true, readsFieldsEveryRun: false, rereadsLastMinute: false },
  app: { holdsDeskLock: true, readsFieldsEveryRun: false, rereadsLastMinute: false },
  /** A burst of webhook deliveries too large to fetch ticket by ticket, synced in this process instead. */
  realtime: { holdsDeskLock: true, readsFieldsEveryRun: false, rereadsLastMinute: false },
  inngest: { holdsDeskLock: false, readsFieldsEveryRun: false, rereadsLastMinute: false },
} as const;

export type SyncTrigger = keyof typeof TRIGGERS;

/** What a page, field read or repair spent and set aside; `sent` is for pacing the next step. */
export type Counts = { requests: number; rateLimited: number; badItems: number; sent: RequestHistory };

export type DeskState = {
  id: number;
  domain: string;
  active: boolean;
  ticketCursor: string | null;
  eventStartTime: number | null;
  syncSince: Date;
  fieldsSyncedAt: Date | null;
  rateLimitPerMinute: number | null;
  rateLimitShare: number;
  retryAfterUntil: Date | null;
  exportLimitPerMinute: number | null;
  userCursor: string | null;
  organizationStartTime: number | null;
  /** Why Zendesk no longer accepts the desk's grant; while set, nothing calls Zendesk for it. */
  reconnectReason: string | null;
};

export async function loadDeskState(deskId: number): Promise<DeskState> {
  const row = await db().desk.findUniqueOrThrow({
    where: { id: deskId },
    select: {
      id: true,
      domain: true,
      active: true,
      ticketCursor: true,
      eventStartTime: true,
      syncSince: true,
      fieldsSyncedAt: true,
      rateLimitPerMinute: true,
      rateLimitShare: true,
      retryAfterUntil: true,
      exportLimitPerMinute: true,
      userCursor: true,
      organizationStartTime: true,
      reconnectReason: true,
    },
  });
  const seconds = (value: bigint | null) => (value === null ? null : Number(value));
  return { ...row, eventStartTime: seconds(row.eventStartTime), organizationStartTime: seconds(row.organizationStartTime) };
}

/**
 * Opens a run. Runs of the same kind still marked running are dead: Inngest allows one run per desk
 * and the others hold the desk's advisory lock, so a leftover was killed or cancelled.
 */
export async function openRun(deskId: number, trigger: SyncTrigger): Promise<{ runId: string; startedAt: number }> {
  const holdsDeskLock = TRIGGERS[trigger].holdsDeskLock;
  const [, run] = await db().$transaction([
    db().syncRun.updateMany({
      where: { deskId, status: "running", holdsDeskLock },
      data: { status: "failed", finishedAt: new Date(), error: "interrupted: the process stopped or the run was cancelled" },
    }),
    db().syncRun.create({ data: { deskId, trigger, holdsDeskLock }, select: { id: true, startedAt: true } }),
    db().desk.update({ where: { id: deskId }, data: { lastSyncStartedAt: new Date() }, select: { id: true } }),
  ]);
  return { runId: String(run.id), startedAt: run.startedAt.getTime() };
}

export type ClosedRun = { rows: number; comments: number; requests: number; rateLimited: number; badItems: number; pages: number; finishedAt: Date };

/** Ends a run; `caughtUp` (both exports reached their end) moves the desk's lag back to zero. */
export async function closeRun(deskId: number, runId: string, error?: string, caughtUp = false): Promise<ClosedRun> {
  const finishedAt = new Date();
  const message = error?.slice(0, 2000) ?? null;
  const [run] = await db().$transaction([
    db().syncRun.update({
      where: { id: BigInt(runId) },
      data: { status: error ? "failed" : "succeeded", finishedAt, error: message, waitingUntil: null },
    }),
    db().desk.update({
      where: { id: deskId },
      data: {
        lastSyncFinishedAt: finishedAt,
        lastError: message,
        ...(error ? {} : { lastSuccessAt: finishedAt }),
        ...(caughtUp && !error ? { lastCaughtUpAt: finishedAt } : {}),
      },
      select: { id: true },
    }),
  ]);
  return { rows: run.rows, comments: run.comments, requests: run.requests, rateLimited: run.rateLimited, badItems: run.badItems, pages: run.pages, finishedAt };
}

/** Adds to a run's counters, inside a page's transaction or on its own (requests of a page that did not commit). */
export async function countOnRun(
  runId: string,
  counts: Pick<Counts, "requests" | "rateLimited" | "badItems">,
  written: { pages?: number; rows?: number; comments?: number } = {},
  tx: Tx = db(),
): Promise<void> {
  await tx.$executeRaw`
    UPDATE sync_runs SET
      pages = pages + ${written.pages ?? 0}, rows = rows + ${written.rows ?? 0}, comments = comments + ${written.comments ?? 0},
      requests = requests + ${counts.requests}, rate_limited = rate_limited + ${counts.rateLimited},
      bad_items = bad_items + ${counts.badItems}
    WHERE id = ${BigInt(runId)}`;
}

/** The run waits for Zendesk's rate limit until `until`: the sync monitor says so meanwhile. */
export async function recordWait(runId: string, until: Date): Promise<void> {
  await db().$executeRaw`UPDATE sync_runs SET waiting_until = ${until} WHERE id = ${BigInt(runId)} AND status = 'running'`;
}

export type CursorColumn = "ticket_cursor" | "event_start_time" | "user_cursor" | "organization_start_time";

/** Takes the desk's cursor lock and checks that the cursor is still the one a page started from. */
export async function lockCursor(tx: Tx, deskId: number, column: CursorColumn, expected: string | number | null): Promise<boolean> {
  await lockDeskCursors(tx, deskId);
  const rows = await tx.$queryRaw<{ cursor: string | null }[]>`
    SELECT ${Prisma.raw(column)}::text AS cursor FROM desks WHERE id = ${deskId}`;
  const current = rows[0]?.cursor ?? null;
  return current === (expected === null ? null : String(expected));
}

/**
 * After a ticket page: the next cursor, the newest change seen, the plan limit Zendesk reported, and,
 * at the end of the export, that every ticket change made until now is stored.
 */
export async function advanceTicketCursor(
  tx: Tx,
  deskId: number,
  next: { cursor: string | null; newestChange: string | null; observedRateLimit: number | null },
): Promise<void> {
  await tx.$executeRaw`
    UPDATE desks SET
      ticket_cursor = coalesce(${next.cursor}, ticket_cursor),
      newest_change_at = greatest(newest_change_at, ${next.newestChange}::timestamptz),
      rate_limit_per_minute = coalesce(rate_limit_per_minute, ${next.observedRateLimit}::int),
      updated_at = now()
    WHERE id = ${deskId}`;
}

/** After tickets named by webhooks were stored: when, and the newest change among them. */
export async function recordRealtimeFetch(tx: Tx, deskId: number, newestChange: string | null): Promise<void> {
  await tx.$executeRaw`
    UPDATE desks SET realtime_fetched_at = now(), newest_change_at = greatest(newest_change_at, ${newestChange}::timestamptz)
    WHERE id = ${deskId}`;
}

export async function advanceEventCursor(tx: Tx, deskId: number, nextStartTime: number): Promise<void> {
  await tx.$executeRaw`UPDATE desks SET event_start_time = ${nextStartTime}, updated_at = now() WHERE id = ${deskId}`;
}

/** After a users page; a page that names no cursor keeps the one it started from. */
export async function advanceUserCursor(tx: Tx, deskId: number, cursor: string | null): Promise<void> {
  await tx.$executeRaw`UPDATE desks SET user_cursor = coalesce(${cursor}, user_cursor), updated_at = now() WHERE id = ${deskId}`;
}

export async function advanceOrganizationCursor(tx: Tx, deskId: number, nextStartTime: number): Promise<void> {
  await tx.$executeRaw`UPDATE desks SET organization_start_time = ${nextStartTime}, updated_at = now() WHERE id = ${deskId}`;
}

export async function markFieldsSynced(tx: Tx, deskId: number): Promise<void> {
  await tx.$executeRaw`UPDATE desks SET fields_synced_at = now(), updated_at = now() WHERE id = ${deskId}`;
}

/** A custom field the stored definitions lack (added since they were read) makes the run read them again at its end. */
export async function markFieldsStaleIfUnknown(tx: Tx, deskId: number, domain: string, fieldIds: string[]): Promise<void> {
  if (fieldIds.length === 0) return;
  await tx.$executeRaw`
    UPDATE desks SET fields_synced_at = NULL
    WHERE id = ${deskId} AND fields_synced_at IS NOT NULL AND EXISTS (
      SELECT 1 FROM jsonb_array_elements_text(${JSON.stringify(fieldIds)}::jsonb) AS f(id)
      WHERE NOT EXISTS (SELECT 1 FROM zendesk_ticket_fields d WHERE d.domain = ${domain} AND d.zendesk_id = f.id::bigint))`;
}

/** A Retry-After block every process respects; never shortens one another process stored. */
export async function holdOffUntil(deskId: number, until: Date): Promise<void> {
  await db().$executeRaw`
    UPDATE desks SET retry_after_until = greatest(retry_after_until, ${until}::timestamptz) WHERE id = ${deskId}`;
}

/** Keeps the plan limit Zendesk reports on a desk that has none, so the rate budget can be drawn. */
export async function recordPlanLimit(deskId: number, perMinute: number): Promise<boolean> {
  const saved = await db().desk.updateMany({ where: { id: deskId, rateLimitPerMinute: null }, data: { rateLimitPerMinute: perMinute } });
  return saved.count > 0;
}

/** Keeps the export limit Zendesk's plan limit implies on a desk that has none (an admin's choice stays). */
export async function recordExportLimit(deskId: number, perMinute: number): Promise<boolean> {
  const saved = await db().desk.updateMany({ where: { id: deskId, exportLimitPerMinute: null }, data: { exportLimitPerMinute: perMinute } });
  return saved.count > 0;
}

/** Backfill: the next sync exports everything changed since `since` again (upserts make it safe). */
export async function resetCursors(deskId: number, since: Date): Promise<void> {
  // Under the cursor lock: a page committing meanwhile would otherwise move a cursor just reset.
  await db().$transaction(async (tx) => {
    await lockDeskCursors(tx, deskId);
    await tx.desk.update({
      where: { id: deskId },
      data: { ticketCursor: null, eventStartTime: null, userCursor: null, organizationStartTime: null, syncSince: since, fieldsSyncedAt: null },
    });
  });
}

export type DueDesk = { id: number; domain: string; lastSyncFinishedAt: string | null };

/**
 * Zendesk refused the desk's grant for good (revoked, refresh token expired, client deleted or its
 * secret changed), or the desk was never connected: no process calls Zendesk for it until an admin
 * reconnects it. Keeps the first reason and time when it is already set.
 */
export async function markReconnectNeeded(deskId: number, reason: string, tx: Tx = db()): Promise<void> {
  await tx.$executeRaw`
    UPDATE desks SET reconnect_reason = coalesce(reconnect_reason, ${reason.slice(0, 1000)}),
      reconnect_needed_since = coalesce(reconnect_needed_since, now()), updated_at = now()
    WHERE id = ${deskId}`;
}

/** An admin reconnected the desk (new grant or new client credentials): syncs may call Zendesk again. */
export async function clearReconnectNeeded(deskId: number, tx: Tx = db()): Promise<void> {
  await tx.$executeRaw`
    UPDATE desks SET reconnect_reason = NULL, reconnect_needed_since = NULL, updated_at = now()
    WHERE id = ${deskId} AND reconnect_reason IS NOT NULL`;
}

/** Active desks whose wait interval has passed since their last sync ended and that are not blocked. */
export async function findDueDesks(now = new Date()): Promise<DueDesk[]> {
  const rows = await db().$queryRaw<{ id: number; domain: string; finished: Date | null }[]>`
    SELECT id, domain, last_sync_finished_at AS finished FROM desks
    WHERE active AND reconnect_reason IS NULL
      AND (last_sync_finished_at IS NULL OR last_sync_finished_at + make_interval(secs => wait_interval_seconds) <= ${now})
      AND (retry_after_until IS NULL OR retry_after_until <= ${now})
    ORDER BY last_sync_finished_at NULLS FIRST, id`;
  return rows.map((r) => ({ id: r.id, domain: r.domain, lastSyncFinishedAt: r.finished?.toISOString() ?? null }));
}

/** Why a queued sync must not run (removed, inactive, needs reconnecting), or null when it may. */
export async function deskSyncBlocker(deskId: number): Promise<string | null> {
  const desk = await db().desk.findUnique({ where: { id: deskId }, select: { active: true, reconnectReason: true } });
  if (!desk?.active) return "desk is inactive or removed";
  return desk.reconnectReason ? `desk needs reconnecting: ${desk.reconnectReason}` : null;
}
