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

export async function getTotals(filter: ChartFilter): Promise<{ total: number; open: number; activeDesks: number }> {
  const deskFilter = filter.desk.length ? Prisma.sql`AND id = ANY(${filter.desk}::int[])` : Prisma.empty;
  const [tickets, desks] = await Promise.all([
    db().$queryRaw<{ total: bigint; open: bigint }[]>`
      SELECT count(*) AS total, count(*) FILTER (WHERE t.status = ANY(${[...OPEN_STATUSES]}::text[])) AS open
      FROM zendesk_tickets t ${where(createdConditions(filter))}`,
    db().$queryRaw<{ active: bigint }[]>`SELECT count(*) AS active FROM desks WHERE active ${deskFilter}`,
  ]);
  return { total: Number(tickets[0]?.total ?? 0), open: Number(tickets[0]?.open ?? 0), activeDesks: Number(desks[0]?.active ?? 0) };
}

export const DIMENSIONS = ["status", "priority", "via", "assignee", "desk", "satisfaction"] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** Fixed SQL per dimension: the key filters the ticket table, the label is what people read. */
const DIMENSION_SQL: Record<Dimension, { key: Prisma.Sql; label: Prisma.Sql; join?: Prisma.Sql }> = {
  status: { key: Prisma.sql`t.status`, label: Prisma.sql`coalesce(t.status, 'none')` },
  priority: { key: Prisma.sql`t.priority`, label: Prisma.sql`coalesce(t.priority, 'none')` },
  via: { key: Prisma.sql`t.via`, label: Prisma.sql`coalesce(t.via, 'unknown')` },
  assignee: { key: Prisma.sql`t.assignee_id::text`, label: Prisma.sql`coalesce(t.assignee_name, 'Unassigned')` },
  desk: { key: Prisma.sql`t.desk_id::text`, label: Prisma.sql`coalesce(d.name, d.domain)`, join: Prisma.sql`JOIN desks d ON d.id = t.desk_id` },
  satisfaction: { key: Prisma.sql`t.satisfaction_score`, label: Prisma.sql`coalesce(t.satisfaction_score, 'none')` },
};

/** Ticket counts per value of a dimension, largest first, at most `limit` values. */
export async function getCountsBy(filter: ChartFilter, dimension: Dimension, limit = 12): Promise<Slice[]> {
  const { key, label, join } = DIMENSION_SQL[dimension];
  const rows = await db().$queryRaw<{ key: string | null; label: string; count: bigint }[]>`
    SELECT ${key} AS key, min(${label}) AS label, count(*) AS count
    FROM zendesk_tickets t ${join ?? Prisma.empty}
    ${where(createdConditions(filter))}
    GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT ${limit}`;
  return rows.map((r) => ({ key: r.key, label: r.label, count: Number(r.count) }));
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

/** Unsolved tickets at the end of each day: created so far minus solved so far. */
export async function getBacklogPerDay(filter: ChartFilter): Promise<DayBacklog[]> {
  const range = await seriesRange(filter);
  if (!range) return [];
  const end = Prisma.sql`(${range.to}::date + 1)::timestamptz`;
  const start = Prisma.sql`${range.from}::date::timestamptz`;
  const rows = await db().$queryRaw<{ day: string; backlog: bigint }[]>`
    WITH base AS MATERIALIZED (
      SELECT t.created_at, t.solved_at FROM zendesk_tickets t ${where(baseConditions(filter))} AND t.created_at < ${end}),
    opening AS (SELECT count(*) FILTER (WHERE created_at < ${start}) - count(*) FILTER (WHERE solved_at < ${start}) AS n FROM base),
    created AS (SELECT created_at::date AS day, count(*) AS n FROM base WHERE created_at >= ${start} GROUP BY 1),
    solved AS (SELECT solved_at::date AS day, count(*) AS n FROM base WHERE solved_at >= ${start} AND solved_at < ${end} GROUP BY 1),
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
