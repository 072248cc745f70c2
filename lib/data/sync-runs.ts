import "server-only";
// The sync monitor: recent sync_runs per desk and the request rate they add up to, set against the
// desk's rate budget (its share of the account's per-minute limit).
import { db } from "@/lib/db/client";

export type SyncRunRow = {
  id: string;
  deskId: number;
  trigger: string;
  status: "running" | "succeeded" | "failed";
  startedAt: Date;
  finishedAt: Date | null;
  /** Until now for a run still going. */
  seconds: number;
  pages: number;
  rows: number;
  comments: number;
  requests: number;
  rateLimited: number;
  badItems: number;
  error: string | null;
};

export type RateBudget = {
  /** Requests per minute this collector may spend; null while the plan limit is unknown. */
  budgetPerMinute: number | null;
  planLimitPerMinute: number | null;
  sharePercent: number;
  /** Average requests per minute over the window, from the runs that started in it. */
  recentPerMinute: number;
  windowMinutes: number;
};

const RATE_WINDOW_MINUTES = 10;

/** Consecutive runs that found nothing new (succeeded, no rows, no 429s, nothing set aside), as one line. */
export type IdleRuns = {
  kind: "idle";
  id: string;
  count: number;
  firstStartedAt: Date;
  lastStartedAt: Date;
  requests: number;
};
export type SyncRunEntry = ({ kind: "run" } & SyncRunRow) | IdleRuns;

/** How far back the monitor looks for a desk's entries: a desk syncs about once a minute. */
const LOOK_BACK_RUNS = 2_000;

type RunRow = {
  id: bigint;
  desk_id: number;
  trigger: string;
  status: SyncRunRow["status"];
  started_at: Date;
  finished_at: Date | null;
  pages: number;
  rows: number;
  comments: number;
  requests: number;
  rate_limited: number;
  bad_items: number;
  error: string | null;
  idle_runs: number;
  first_started_at: Date;
};

/**
 * The newest `perDesk` entries per desk: a run that did something is one entry; consecutive runs that
 * found nothing new are one entry with their count, so a quiet desk's minute-by-minute runs do not
 * push the last real one off the page.
 */
export async function listRecentSyncRuns(deskIds: number[], perDesk = 10, now = new Date()): Promise<Map<number, SyncRunEntry[]>> {
  const result = new Map<number, SyncRunEntry[]>(deskIds.map((id) => [id, []]));
  if (deskIds.length === 0) return result;
  // Gaps and islands over the desk's newest runs (the (desk_id, started_at DESC) index): an idle run
  // belongs to the island of the idle runs since the last run that did something.
  const rows = await db().$queryRaw<RunRow[]>`
    SELECT e.* FROM unnest(${deskIds}::int[]) AS d(id)
    CROSS JOIN LATERAL (
      WITH recent AS (
        SELECT r.*, (r.status = 'succeeded' AND r.rows = 0 AND r.comments = 0 AND r.rate_limited = 0 AND r.bad_items = 0 AND r.error IS NULL) AS idle
        FROM sync_runs r WHERE r.desk_id = d.id ORDER BY r.started_at DESC LIMIT ${LOOK_BACK_RUNS}),
      islands AS (
        SELECT recent.*, sum(CASE WHEN idle THEN 0 ELSE 1 END) OVER (ORDER BY started_at DESC, id DESC) AS island FROM recent)
      SELECT max(id) AS id, d.id AS desk_id, min(trigger) AS trigger, min(status::text)::sync_run_status AS status,
             max(started_at) AS started_at, max(finished_at) AS finished_at, sum(pages)::int AS pages, sum(rows)::int AS rows,
             sum(comments)::int AS comments, sum(requests)::int AS requests, sum(rate_limited)::int AS rate_limited,
             sum(bad_items)::int AS bad_items, min(error) AS error, count(*)::int AS idle_runs, min(started_at) AS first_started_at
      FROM islands
      GROUP BY island, CASE WHEN idle THEN 0 ELSE id END
      ORDER BY max(started_at) DESC
      LIMIT ${perDesk}) e`;
  for (const row of rows) {
    const idle = row.status === "succeeded" && row.rows === 0 && row.comments === 0 && row.rate_limited === 0 && row.bad_items === 0 && row.error === null;
    if (idle) {
      result.get(row.desk_id)?.push({
        kind: "idle",
        id: String(row.id),
        count: row.idle_runs,
        firstStartedAt: row.first_started_at,
        lastStartedAt: row.started_at,
        requests: row.requests,
      });
      continue;
    }
    const end = row.finished_at ?? now;
    result.get(row.desk_id)?.push({
      kind: "run",
      id: String(row.id),
      deskId: row.desk_id,
      trigger: row.trigger,
      status: row.status,
      startedAt: row.started_at,
      finishedAt: row.finished_at,
      seconds: Math.max(0, Math.round((end.getTime() - row.started_at.getTime()) / 100) / 10),
      pages: row.pages,
      rows: row.rows,
      comments: row.comments,
      requests: row.requests,
      rateLimited: row.rate_limited,
      badItems: row.bad_items,
      error: row.error,
    });
  }
  return result;
}

export function budgetPerMinute(planLimitPerMinute: number | null, sharePercent: number): number | null {
  return planLimitPerMinute === null ? null : Math.floor((planLimitPerMinute * sharePercent) / 100);
}

/**
 * Requests per minute over the last RATE_WINDOW_MINUTES, per desk. A run that began before the window
 * counts with the share of its requests that fits in it (assuming an even pace), so a long backfill
 * still shows on the gauge.
 */
export async function recentRequestRates(deskIds: number[], now = new Date()): Promise<Map<number, number>> {
  if (deskIds.length === 0) return new Map();
  const since = new Date(now.getTime() - RATE_WINDOW_MINUTES * 60_000);
  const rows = await db().$queryRaw<{ desk_id: number; requests: number }[]>`
    SELECT desk_id, SUM(
      CASE WHEN started_at >= ${since} THEN requests
      ELSE requests * EXTRACT(EPOCH FROM (COALESCE(finished_at, ${now}) - ${since}::timestamptz))
                    / GREATEST(EXTRACT(EPOCH FROM (COALESCE(finished_at, ${now}) - started_at)), 1)
      END)::float8 AS requests
    FROM sync_runs
    WHERE desk_id = ANY(${deskIds}::int[]) AND started_at <= ${now} AND (finished_at IS NULL OR finished_at >= ${since})
    GROUP BY desk_id`;
  const perDesk = new Map(rows.map((r) => [r.desk_id, r.requests]));
  return new Map(deskIds.map((id) => [id, Math.round(((perDesk.get(id) ?? 0) / RATE_WINDOW_MINUTES) * 10) / 10]));
}

export function rateBudget(desk: { rateLimitPerMinute: number | null; rateLimitShare: number }, recentPerMinute: number): RateBudget {
  return {
    budgetPerMinute: budgetPerMinute(desk.rateLimitPerMinute, desk.rateLimitShare),
    planLimitPerMinute: desk.rateLimitPerMinute,
    sharePercent: desk.rateLimitShare,
    recentPerMinute,
    windowMinutes: RATE_WINDOW_MINUTES,
  };
}
