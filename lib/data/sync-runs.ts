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

export async function listRecentSyncRuns(deskIds: number[], perDesk = 10, now = new Date()): Promise<Map<number, SyncRunRow[]>> {
  const result = new Map<number, SyncRunRow[]>(deskIds.map((id) => [id, []]));
  if (deskIds.length === 0) return result;
  // Top-N per desk in one query; the (desk_id, started_at DESC) index serves each lateral scan.
  const rows = await db().$queryRaw<
    {
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
    }[]
  >`
    SELECT r.* FROM unnest(${deskIds}::int[]) AS d(id)
    CROSS JOIN LATERAL (
      SELECT id, desk_id, trigger, status, started_at, finished_at, pages, rows, comments, requests, rate_limited, bad_items, error
      FROM sync_runs WHERE desk_id = d.id ORDER BY started_at DESC LIMIT ${perDesk}
    ) r`;
  for (const row of rows) {
    const end = row.finished_at ?? now;
    result.get(row.desk_id)?.push({
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
