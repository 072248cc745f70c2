import "server-only";
// Reads of ticket_rollups (kept by triggers on zendesk_tickets; definitions in its migration). A range
// of days is read as whole months from the month rows and the days at either end from the day rows,
// so all time costs a few dozen rows per value, not one per day.
import { addHistograms } from "@/lib/data/duration-buckets";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { addDays, bucketStart, type DayRange, type Grain } from "@/lib/validations/period";

export type Measure = "status" | "priority" | "via" | "assignee" | "group" | "satisfaction" | "solved" | "reply" | "resolution";

/** Tickets with `key` ('' = none) for one measure; `minutes` sums the exact durations of a duration bucket. */
export type RollupSum = { measure: Measure; key: string; deskId: number; tickets: number; minutes: number };
export type RollupPoint = { bucket: string; measure: Measure; key: string; tickets: number; minutes: number };

const nextMonth = (day: string) => bucketStart(addDays(bucketStart(day, "month"), 32), "month");

/** Months wholly inside the range: [from, to) as month starts, or null when there is none. */
function wholeMonths(range: DayRange): { from: string; to: string } | null {
  const from = range.from.endsWith("-01") ? range.from : nextMonth(range.from);
  const to = bucketStart(addDays(range.to, 1), "month");
  return from < to ? { from, to } : null;
}

/** The rows covering the range exactly once; month rows only when `months` (not for day or week series). */
function source(measures: readonly Measure[], range: DayRange, desks: number[], months: boolean): Prisma.Sql {
  const desk = desks.length ? Prisma.sql`AND r.desk_id = ANY(${desks}::int[])` : Prisma.empty;
  const measure = Prisma.sql`r.measure = ANY(${[...measures]}::text[])`;
  const whole = months ? wholeMonths(range) : null;
  const dayRanges = whole
    ? [
        { from: range.from, to: addDays(whole.from, -1) },
        { from: whole.to, to: range.to },
      ].filter((r) => r.from <= r.to)
    : [range];
  const parts = dayRanges.map(
    (r) => Prisma.sql`SELECT r.period, r.desk_id, r.measure, r.key, r.tickets, r.minutes, r.histogram FROM ticket_rollups r
      WHERE r.grain = 'day' AND ${measure} AND r.period BETWEEN ${r.from}::date AND ${r.to}::date ${desk}`,
  );
  if (whole) {
    parts.push(Prisma.sql`SELECT r.period, r.desk_id, r.measure, r.key, r.tickets, r.minutes, r.histogram FROM ticket_rollups r
      WHERE r.grain = 'month' AND ${measure} AND r.period >= ${whole.from}::date AND r.period < ${whole.to}::date ${desk}`);
  }
  return parts.length ? Prisma.join(parts, " UNION ALL ") : Prisma.sql`SELECT NULL::date, NULL::int, NULL::text, NULL::text, 0, 0::bigint, NULL::int[] WHERE false`;
}

/** Sums per measure, value and desk over the range (values with no ticket left out). */
export async function sumRollups(measures: readonly Measure[], range: DayRange, desks: number[]): Promise<RollupSum[]> {
  if (range.from > range.to) return [];
  const rows = await db().$queryRaw<{ measure: Measure; key: string; desk_id: number; tickets: bigint; minutes: bigint }[]>`
    SELECT s.measure, s.key, s.desk_id, sum(s.tickets)::bigint AS tickets, sum(s.minutes)::bigint AS minutes
    FROM (${source(measures, range, desks, true)}) s
    GROUP BY 1, 2, 3
    HAVING sum(s.tickets) <> 0`;
  return rows.map((r) => ({ measure: r.measure, key: r.key, deskId: r.desk_id, tickets: Number(r.tickets), minutes: Number(r.minutes) }));
}

/**
 * Sums per bucket of `grain` (its first day, unclipped: weeks start on Monday), measure and value,
 * over all the desks filtered. Day and week series read day rows; months and years may use month rows.
 */
export async function seriesRollups(measures: readonly Measure[], range: DayRange & { grain: Grain }, desks: number[]): Promise<RollupPoint[]> {
  if (range.from > range.to) return [];
  const months = range.grain === "month" || range.grain === "year";
  const rows = await db().$queryRaw<{ bucket: string; measure: Measure; key: string; tickets: bigint; minutes: bigint }[]>`
    SELECT date_trunc(${range.grain}::text, s.period::timestamp)::date::text AS bucket, s.measure, s.key,
           sum(s.tickets)::bigint AS tickets, sum(s.minutes)::bigint AS minutes
    FROM (${source(measures, range, desks, months)}) s
    GROUP BY 1, 2, 3
    HAVING sum(s.tickets) <> 0`;
  return rows.map((r) => ({ bucket: r.bucket, measure: r.measure, key: r.key, tickets: Number(r.tickets), minutes: Number(r.minutes) }));
}

type DurationMeasure = "reply" | "resolution";
/** One duration's rollups added up over a series point (`bucket`), or over the whole range (`bucket` null). */
export type DurationTotals = { bucket: string | null; measure: DurationMeasure; tickets: number; minutes: number; histogram: number[] };

/**
 * First reply and full resolution per series point and over the whole range: a few hundred rollup
 * rows (one per desk, period and duration, each carrying its histogram), added up here.
 */
export async function durationTotals(range: DayRange & { grain: Grain }, desks: number[]): Promise<DurationTotals[]> {
  if (range.from > range.to) return [];
  const months = range.grain === "month" || range.grain === "year";
  const rows = await db().$queryRaw<{ bucket: string; measure: DurationMeasure; tickets: number; minutes: bigint; histogram: number[] | null }[]>`
    SELECT date_trunc(${range.grain}::text, s.period::timestamp)::date::text AS bucket, s.measure, s.tickets, s.minutes, s.histogram
    FROM (${source(["reply", "resolution"], range, desks, months)}) s
    WHERE s.tickets <> 0`;
  const totals = new Map<string, DurationTotals>();
  const add = (bucket: string | null, row: (typeof rows)[number]) => {
    const key = `${bucket}|${row.measure}`;
    const seen = totals.get(key) ?? { bucket, measure: row.measure, tickets: 0, minutes: 0, histogram: [] };
    seen.tickets += row.tickets;
    seen.minutes += Number(row.minutes);
    addHistograms(seen.histogram, row.histogram ?? []);
    totals.set(key, seen);
  };
  for (const row of rows) {
    add(row.bucket, row);
    add(null, row);
  }
  return [...totals.values()];
}

/** The UTC day of the first live ticket of these desks (all desks when none given), null without any. */
export async function firstTicketDay(desks: number[]): Promise<string | null> {
  const desk = (alias: string) => (desks.length ? Prisma.sql`AND ${Prisma.raw(alias)}.desk_id = ANY(${desks}::int[])` : Prisma.empty);
  // The first month with tickets, then its first day: two short index range reads.
  const [row] = await db().$queryRaw<{ day: string | null }[]>`
    SELECT (SELECT min(d.period) FROM ticket_rollups d
            WHERE d.grain = 'day' AND d.measure = 'status' AND d.tickets > 0 ${desk("d")}
              AND d.period >= m.first AND d.period < (m.first + interval '1 month')::date)::text AS day
    FROM (SELECT min(r.period) AS first FROM ticket_rollups r WHERE r.grain = 'month' AND r.measure = 'status' AND r.tickets > 0 ${desk("r")}) m`;
  return row?.day ?? null;
}

/** Live tickets (deleted ones never count) per desk, all time. */
export async function liveTicketsPerDesk(deskIds: number[]): Promise<Map<number, number>> {
  if (deskIds.length === 0) return new Map();
  const rows = await db().$queryRaw<{ desk_id: number; tickets: bigint }[]>`
    SELECT r.desk_id, sum(r.tickets)::bigint AS tickets FROM ticket_rollups r
    WHERE r.grain = 'month' AND r.measure = 'status' AND r.desk_id = ANY(${deskIds}::int[])
    GROUP BY r.desk_id`;
  return new Map(rows.map((r) => [r.desk_id, Number(r.tickets)]));
}
