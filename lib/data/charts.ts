import "server-only";
// The charts page's numbers, each one aggregate query in SQL: rows never travel to JavaScript to be
// counted. Every function takes the same filter (desks, created-date range) from the ticket search.
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { OPEN_STATUSES } from "@/lib/validations/ticket-search";

export type ChartFilter = { desk: number[]; from?: string; to?: string };
export type Slice = { key: string | null; label: string; count: number };
export type DayCount = { day: string; created: number; solved: number };
export type DayBacklog = { day: string; backlog: number };
export type DurationStat = { metric: string; averageHours: number | null; medianHours: number | null; tickets: number };

/** Series without a chosen range show this many days up to the newest ticket. */
const DEFAULT_DAYS = 90;

function baseConditions(filter: ChartFilter): Prisma.Sql[] {
  const c = [Prisma.sql`t.deleted_at IS NULL`];
  if (filter.desk.length) c.push(Prisma.sql`t.desk_id = ANY(${filter.desk}::int[])`);
  return c;
}

function createdConditions(filter: ChartFilter): Prisma.Sql[] {
  const c = baseConditions(filter);
  if (filter.from) c.push(Prisma.sql`t.created_at >= ${filter.from}::date::timestamptz`);
  if (filter.to) c.push(Prisma.sql`t.created_at < (${filter.to}::date + 1)::timestamptz`);
  return c;
}

const where = (c: Prisma.Sql[]) => Prisma.sql`WHERE ${Prisma.join(c, " AND ")}`;

export const DIMENSIONS = ["status", "priority", "via", "assignee", "desk", "satisfaction"] as const;
export type Dimension = (typeof DIMENSIONS)[number];
export type Counts = { total: number; open: number; by: Record<Dimension, Slice[]> };

/** Values shown per dimension; the rest would be unreadable slivers. */
const TOP = 12;

/**
 * Ticket counts per value of every dimension, largest first, from ONE scan (GROUPING SETS): the
 * charts page would otherwise read the table once per chart. Totals fall out of the status counts.
 */
export async function getCounts(filter: ChartFilter): Promise<Counts> {
  // One hash per row (all seven columns), then the six groupings over those far fewer combinations;
  // labels come after the aggregation, so the scan joins nothing. The partial covering index
  // zendesk_tickets_charts_idx makes the scan index-only.
  const rows = await db().$queryRaw<{ dimension: Dimension; key: string | null; label: string; count: bigint }[]>`
    WITH combos AS (
      SELECT t.status, t.priority, t.via, t.assignee_id, t.assignee_name, t.desk_id, t.satisfaction_score, count(*) AS n
      FROM zendesk_tickets t
      ${where(createdConditions(filter))}
      GROUP BY 1, 2, 3, 4, 5, 6, 7),
    g AS (
      SELECT GROUPING(status) AS g_status, GROUPING(priority) AS g_priority, GROUPING(via) AS g_via,
             GROUPING(assignee_id) AS g_assignee, GROUPING(desk_id) AS g_desk,
             status, priority, via, assignee_id, assignee_name, desk_id, satisfaction_score, sum(n)::bigint AS count
      FROM combos
      GROUP BY GROUPING SETS ((status), (priority), (via), (assignee_id, assignee_name), (desk_id), (satisfaction_score)))
    SELECT CASE WHEN g_status = 0 THEN 'status' WHEN g_priority = 0 THEN 'priority' WHEN g_via = 0 THEN 'via'
                WHEN g_assignee = 0 THEN 'assignee' WHEN g_desk = 0 THEN 'desk' ELSE 'satisfaction' END AS dimension,
           CASE WHEN g_status = 0 THEN status WHEN g_priority = 0 THEN priority WHEN g_via = 0 THEN via
                WHEN g_assignee = 0 THEN assignee_id::text WHEN g_desk = 0 THEN desk_id::text ELSE satisfaction_score END AS key,
           CASE WHEN g_status = 0 THEN coalesce(status, 'none') WHEN g_priority = 0 THEN coalesce(priority, 'none')
                WHEN g_via = 0 THEN coalesce(via, 'unknown') WHEN g_assignee = 0 THEN coalesce(assignee_name, 'Unassigned')
                WHEN g_desk = 0 THEN (SELECT coalesce(d.name, d.domain) FROM desks d WHERE d.id = g.desk_id)
                ELSE coalesce(satisfaction_score, 'none') END AS label,
           count
    FROM g`;
  const by = Object.fromEntries(DIMENSIONS.map((d) => [d, [] as Slice[]])) as Record<Dimension, Slice[]>;
  for (const row of rows) by[row.dimension].push({ key: row.key, label: row.label, count: Number(row.count) });
  for (const dimension of DIMENSIONS) {
    by[dimension].sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
    by[dimension] = by[dimension].slice(0, TOP);
  }
  const open = new Set<string>(OPEN_STATUSES);
  const total = by.status.reduce((n, s) => n + s.count, 0);
  return { total, open: by.status.filter((s) => s.key !== null && open.has(s.key)).reduce((n, s) => n + s.count, 0), by };
}

export async function countActiveDesks(filter: ChartFilter): Promise<number> {
  const deskFilter = filter.desk.length ? Prisma.sql`AND id = ANY(${filter.desk}::int[])` : Prisma.empty;
  const [row] = await db().$queryRaw<{ active: bigint }[]>`SELECT count(*) AS active FROM desks WHERE active ${deskFilter}`;
  return Number(row?.active ?? 0);
}

/** The days a series covers: the chosen range, or the last DEFAULT_DAYS days up to the newest ticket. */
export async function seriesRange(filter: ChartFilter): Promise<{ from: string; to: string } | null> {
  const [row] = await db().$queryRaw<{ from: string | null; to: string | null }[]>`
    WITH bounds AS (
      SELECT coalesce(${filter.to ?? null}::date, max(t.created_at)::date) AS to_day, min(t.created_at)::date AS first_day
      FROM zendesk_tickets t ${where(baseConditions(filter))})
    SELECT coalesce(${filter.from ?? null}::date, greatest(first_day, to_day - ${DEFAULT_DAYS - 1}::int))::text AS "from", to_day::text AS "to"
    FROM bounds`;
  return row?.from && row.to && row.from <= row.to ? { from: row.from, to: row.to } : null;
}

export async function getCreatedSolvedPerDay(filter: ChartFilter): Promise<DayCount[]> {
  const range = await seriesRange(filter);
  if (!range) return [];
  const base = where(baseConditions(filter));
  const rows = await db().$queryRaw<{ day: string; created: bigint; solved: bigint }[]>`
    WITH days AS (SELECT generate_series(${range.from}::date, ${range.to}::date, interval '1 day')::date AS day),
    created AS (
      SELECT t.created_at::date AS day, count(*) AS n FROM zendesk_tickets t ${base}
        AND t.created_at >= ${range.from}::date::timestamptz AND t.created_at < (${range.to}::date + 1)::timestamptz GROUP BY 1),
    solved AS (
      SELECT t.solved_at::date AS day, count(*) AS n FROM zendesk_tickets t ${base}
        AND t.solved_at >= ${range.from}::date::timestamptz AND t.solved_at < (${range.to}::date + 1)::timestamptz GROUP BY 1)
    SELECT days.day::text AS day, coalesce(created.n, 0) AS created, coalesce(solved.n, 0) AS solved
    FROM days LEFT JOIN created USING (day) LEFT JOIN solved USING (day) ORDER BY days.day`;
  return rows.map((r) => ({ day: r.day, created: Number(r.created), solved: Number(r.solved) }));
}

/**
 * Unsolved tickets at the end of each day: those open when the range starts, plus created minus solved
 * per day since. The per-day parts read only the range through the created_at and solved_at indexes.
 */
export async function getBacklogPerDay(filter: ChartFilter): Promise<DayBacklog[]> {
  const range = await seriesRange(filter);
  if (!range) return [];
  const start = Prisma.sql`${range.from}::date::timestamptz`;
  const end = Prisma.sql`(${range.to}::date + 1)::timestamptz`;
  const base = where(baseConditions(filter));
  const rows = await db().$queryRaw<{ day: string; backlog: bigint }[]>`
    WITH opening AS (
      SELECT count(*) AS n FROM zendesk_tickets t ${base} AND t.created_at < ${start} AND (t.solved_at IS NULL OR t.solved_at >= ${start})),
    created AS (SELECT t.created_at::date AS day, count(*) AS n FROM zendesk_tickets t ${base} AND t.created_at >= ${start} AND t.created_at < ${end} GROUP BY 1),
    solved AS (SELECT t.solved_at::date AS day, count(*) AS n FROM zendesk_tickets t ${base} AND t.solved_at >= ${start} AND t.solved_at < ${end} GROUP BY 1),
    days AS (SELECT generate_series(${range.from}::date, ${range.to}::date, interval '1 day')::date AS day)
    SELECT days.day::text AS day,
           (SELECT n FROM opening) + sum(coalesce(created.n, 0) - coalesce(solved.n, 0)) OVER (ORDER BY days.day) AS backlog
    FROM days LEFT JOIN created USING (day) LEFT JOIN solved USING (day) ORDER BY days.day`;
  return rows.map((r) => ({ day: r.day, backlog: Number(r.backlog) }));
}

export async function getDurations(filter: ChartFilter): Promise<DurationStat[]> {
  const [row] = await db().$queryRaw<
    { reply_avg: number | null; reply_median: number | null; reply_n: bigint; full_avg: number | null; full_median: number | null; full_n: bigint }[]
  >`
    SELECT avg(t.first_reply_time_in_minutes)::float8 / 60 AS reply_avg,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY t.first_reply_time_in_minutes) / 60 AS reply_median,
           count(t.first_reply_time_in_minutes) AS reply_n,
           avg(t.full_resolution_time_in_minutes)::float8 / 60 AS full_avg,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY t.full_resolution_time_in_minutes) / 60 AS full_median,
           count(t.full_resolution_time_in_minutes) AS full_n
    FROM zendesk_tickets t ${where(createdConditions(filter))}`;
  const round = (v: number | null | undefined) => (v === null || v === undefined ? null : Math.round(v * 10) / 10);
  return [
    { metric: "First reply", averageHours: round(row?.reply_avg), medianHours: round(row?.reply_median), tickets: Number(row?.reply_n ?? 0) },
    { metric: "Full resolution", averageHours: round(row?.full_avg), medianHours: round(row?.full_median), tickets: Number(row?.full_n ?? 0) },
  ];
}
