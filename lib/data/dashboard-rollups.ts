import "server-only";
// Reads of ticket_dashboard_rollups (per agent and per group; kept by triggers on zendesk_tickets,
// definitions in its migration). A range is read as whole years, then whole months, then days; a range
// reaching past the first or last day with data is widened to whole years first (nothing is counted
// out there), so all time costs a few rows per agent or group, not one per day.
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { addDays, bucketStart, type DayRange, type Grain } from "@/lib/validations/period";

export type DashboardMeasure =
  | "agent_solved"
  | "agent_reopened"
  | "agent_good"
  | "agent_bad"
  | "agent_reply"
  | "agent_resolution"
  | "agent_open"
  | "group_tickets"
  | "group_good"
  | "group_bad"
  | "group_offered"
  | "group_reply"
  | "group_resolution";

type Level = "day" | "month" | "year";
/** Rows of one grain whose period lies in [from, to]. */
type Part = { grain: Level; from: string; to: string };

const nextStart = (day: string, grain: "month" | "year") => bucketStart(addDays(bucketStart(day, grain), grain === "month" ? 32 : 367), grain);

/** The range as whole buckets of the coarsest level, then the finer levels at either end. */
export function decompose(range: DayRange, levels: readonly Level[]): Part[] {
  if (range.from > range.to) return [];
  const [level, ...finer] = levels;
  if (level === undefined || level === "day") return [{ grain: "day", from: range.from, to: range.to }];
  const first = bucketStart(range.from, level) === range.from ? range.from : nextStart(range.from, level);
  const afterLast = bucketStart(addDays(range.to, 1), level);
  if (first >= afterLast) return decompose(range, finer);
  return [
    { grain: level, from: first, to: addDays(afterLast, -1) },
    ...decompose({ from: range.from, to: addDays(first, -1) }, finer),
    ...decompose({ from: afterLast, to: range.to }, finer),
  ];
}

/** Levels a series point of `grain` may be read from (a week spans months: days only). */
const LEVELS: Record<Grain | "total", Level[]> = { day: ["day"], week: ["day"], month: ["month", "day"], year: ["year", "month", "day"], total: ["year", "month", "day"] };

const deskFilter = (desks: number[]) => (desks.length ? Prisma.sql`AND r.desk_id = ANY(${desks}::int[])` : Prisma.empty);

/** The first and last day with counts of these measures, or null without any. */
async function dataBounds(measures: readonly DashboardMeasure[], desks: number[]): Promise<DayRange | null> {
  // One short ordered index read per measure and end, not a scan of every day row.
  const [row] = await db().$queryRaw<{ first: string | null; last: string | null }[]>`
    SELECT (SELECT min(f.p) FROM unnest(${[...measures]}::text[]) m
              CROSS JOIN LATERAL (SELECT r.period AS p FROM ticket_dashboard_rollups r
                                  WHERE r.grain = 'day' AND r.measure = m AND r.tickets <> 0 ${deskFilter(desks)} ORDER BY r.period LIMIT 1) f)::text AS first,
           (SELECT max(l.p) FROM unnest(${[...measures]}::text[]) m
              CROSS JOIN LATERAL (SELECT r.period AS p FROM ticket_dashboard_rollups r
                                  WHERE r.grain = 'day' AND r.measure = m AND r.tickets <> 0 ${deskFilter(desks)} ORDER BY r.period DESC LIMIT 1) l)::text AS last`;
  return row?.first && row.last ? { from: row.first, to: row.last } : null;
}

/**
 * The rollup rows covering the range exactly once, as a subquery with columns period, desk_id,
 * measure, key, bucket, tickets; `grain` is the series point size (or "total" for one sum).
 */
export async function dashboardRows(measures: readonly DashboardMeasure[], range: DayRange, desks: number[], grain: Grain | "total"): Promise<Prisma.Sql | null> {
  if (range.from > range.to) return null;
  const bounds = await dataBounds(measures, desks);
  if (bounds === null || range.to < bounds.from || range.from > bounds.to) return null;
  const widened = { from: range.from <= bounds.from ? "0001-01-01" : range.from, to: range.to >= bounds.to ? "9999-12-31" : range.to };
  const parts = decompose(widened, LEVELS[grain]).map(
    (p) => Prisma.sql`SELECT r.period, r.desk_id, r.measure, r.key, r.bucket, r.tickets FROM ticket_dashboard_rollups r
      WHERE r.grain = ${p.grain} AND r.measure = ANY(${[...measures]}::text[]) AND r.period BETWEEN ${p.from}::date AND ${p.to}::date ${deskFilter(desks)}`,
  );
  return Prisma.join(parts, " UNION ALL ");
}

/** A duration histogram: bucket (see lib/data/duration-buckets.ts) → tickets. */
export type Histogram = Map<number, number>;
export type KeyTotals = { deskId: number; key: string; measure: DashboardMeasure; tickets: number; histogram: Histogram | null };

/** Sums per desk, measure and key over the range; duration measures with their histogram. */
export async function sumDashboardRollups(measures: readonly DashboardMeasure[], range: DayRange, desks: number[]): Promise<KeyTotals[]> {
  const rows = await dashboardRows(measures, range, desks, "total");
  if (rows === null) return [];
  const result = await db().$queryRaw<{ desk_id: number; measure: DashboardMeasure; key: string; tickets: bigint; buckets: number[]; counts: number[] }[]>`
    SELECT b.desk_id, b.measure, b.key, sum(b.tickets)::bigint AS tickets, array_agg(b.bucket) AS buckets, array_agg(b.tickets::int) AS counts
    FROM (SELECT s.desk_id, s.measure, s.key, s.bucket, sum(s.tickets)::bigint AS tickets FROM (${rows}) s
          GROUP BY 1, 2, 3, 4 HAVING sum(s.tickets) <> 0) b
    GROUP BY 1, 2, 3`;
  return result.map((r) => ({
    deskId: r.desk_id,
    measure: r.measure,
    key: r.key,
    tickets: Number(r.tickets),
    histogram: r.buckets[0] === -1 ? null : new Map(r.buckets.map((b, i) => [b, r.counts[i]!])),
  }));
}
