import "server-only";
// Reads of ticket_dashboard_rollups (kept by triggers on zendesk_tickets; definitions in its migration):
// one row per desk, agent or group, and UTC month (agents) or UTC day and month (groups), with the
// counts and the duration histograms. A range is read as whole months and the days at either end.
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { addDays, bucketStart, type DayRange, type Grain } from "@/lib/validations/period";

type Level = "day" | "month";
/** Rows of one grain whose period lies in [from, to]. */
export type Part = { grain: Level; from: string; to: string };

export const nextMonth = (day: string) => bucketStart(addDays(bucketStart(day, "month"), 32), "month");

/** The range as whole months (when `months`), then the days at either end. */
export function decompose(range: DayRange, months: boolean): Part[] {
  if (range.from > range.to) return [];
  if (!months) return [{ grain: "day", from: range.from, to: range.to }];
  const first = bucketStart(range.from, "month") === range.from ? range.from : nextMonth(range.from);
  const afterLast = bucketStart(addDays(range.to, 1), "month");
  if (first >= afterLast) return [{ grain: "day", from: range.from, to: range.to }];
  return [
    { grain: "month", from: first, to: addDays(afterLast, -1) },
    ...(range.from < first ? [{ grain: "day" as const, from: range.from, to: addDays(first, -1) }] : []),
    ...(afterLast <= range.to ? [{ grain: "day" as const, from: afterLast, to: range.to }] : []),
  ];
}

/** A duration histogram: element b counts bucket b (lib/data/duration-buckets.ts); null elements count 0. */
export type Histogram = (number | null)[];

export type TeamCounts = { tickets: number; reopened: number; good: number; bad: number; offered: number; reply: number[]; resolution: number[] };
export type TeamRow = TeamCounts & { deskId: number; key: string };

export const zeroCounts = (): TeamCounts => ({ tickets: 0, reopened: 0, good: 0, bad: 0, offered: 0, reply: [], resolution: [] });

/** Adds a histogram (element b counts bucket b) into another, `sign` times. */
export function addHistogram(into: number[], more: Histogram, sign = 1): void {
  for (let b = 0; b < more.length; b++) {
    const n = more[b];
    if (n) into[b] = (into[b] ?? 0) + sign * n;
  }
}

export function addCounts(into: TeamCounts, more: TeamCounts | (Omit<TeamCounts, "reply" | "resolution"> & { reply: Histogram; resolution: Histogram }), sign = 1): void {
  into.tickets += sign * more.tickets;
  into.reopened += sign * more.reopened;
  into.good += sign * more.good;
  into.bad += sign * more.bad;
  into.offered += sign * more.offered;
  addHistogram(into.reply, more.reply, sign);
  addHistogram(into.resolution, more.resolution, sign);
}

export const deskFilter = (alias: string, desks: number[]) => (desks.length ? Prisma.sql`AND ${Prisma.raw(alias)}.desk_id = ANY(${desks}::int[])` : Prisma.empty);

/**
 * The group rollup rows covering the range exactly once, as a subquery with columns period, desk_id,
 * key, tickets, good, bad, offered, reply, resolution. Day and week series read day rows only.
 */
export function groupRows(range: DayRange, desks: number[], grain: Grain | "total"): Prisma.Sql | null {
  const parts = decompose(range, grain === "month" || grain === "year" || grain === "total").map(
    (p) => Prisma.sql`SELECT r.period, r.desk_id, r.key, r.tickets, r.good, r.bad, r.offered, r.reply, r.resolution FROM ticket_dashboard_rollups r
      WHERE r.grain = ${p.grain} AND r.kind = 'group' AND r.period BETWEEN ${p.from}::date AND ${p.to}::date ${deskFilter("r", desks)}`,
  );
  return parts.length ? Prisma.join(parts, " UNION ALL ") : null;
}

type Raw = { desk_id: number; key: string; tickets: number; reopened: number; good: number; bad: number; offered: number; reply: Histogram; resolution: Histogram };

const toRow = (r: Raw): TeamRow => {
  const row: TeamRow = { ...zeroCounts(), deskId: r.desk_id, key: r.key };
  addCounts(row, r);
  return row;
};

/** Monthly agent rows of these months (first days), one per desk, agent and month. */
export async function agentMonths(months: string[], desks: number[]): Promise<TeamRow[]> {
  if (months.length === 0) return [];
  const rows = await db().$queryRaw<Raw[]>`
    SELECT r.desk_id, r.key, r.tickets, r.reopened, r.good, r.bad, r.offered, r.reply, r.resolution FROM ticket_dashboard_rollups r
    WHERE r.grain = 'month' AND r.kind = 'agent' AND r.period = ANY(${months}::date[]) AND r.tickets <> 0 ${deskFilter("r", desks)}`;
  return rows.map(toRow);
}

export type GroupTotals = { deskId: number; key: string; tickets: number; good: number; bad: number; offered: number };

/** Group totals over the range, one per desk and group (groups without tickets left out). */
export async function groupTotals(range: DayRange, desks: number[]): Promise<GroupTotals[]> {
  const rows = groupRows(range, desks, "total");
  if (rows === null) return [];
  const result = await db().$queryRaw<{ desk_id: number; key: string; tickets: bigint; good: bigint; bad: bigint; offered: bigint }[]>`
    SELECT s.desk_id, s.key, sum(s.tickets)::bigint AS tickets, sum(s.good)::bigint AS good, sum(s.bad)::bigint AS bad, sum(s.offered)::bigint AS offered
    FROM (${rows}) s GROUP BY 1, 2 HAVING sum(s.tickets) <> 0`;
  return result.map((r) => ({ deskId: r.desk_id, key: r.key, tickets: Number(r.tickets), good: Number(r.good), bad: Number(r.bad), offered: Number(r.offered) }));
}
