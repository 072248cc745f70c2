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

/** Counts of an agent or group; histograms are sparse arrays, element b counting duration bucket b (lib/data/duration-buckets.ts). */
export type TeamCounts = { tickets: number; reopened: number; good: number; bad: number; offered: number; reply: number[]; resolution: number[] };
export type TeamRow = TeamCounts & { deskId: number; key: string };

export const zeroCounts = (): TeamCounts => ({ tickets: 0, reopened: 0, good: 0, bad: 0, offered: 0, reply: [], resolution: [] });

function addHistogram(into: number[], more: number[]): void {
  more.forEach((n, b) => {
    into[b] = (into[b] ?? 0) + n;
  });
}

export function addCounts(into: TeamCounts, more: TeamCounts): void {
  into.tickets += more.tickets;
  into.reopened += more.reopened;
  into.good += more.good;
  into.bad += more.bad;
  into.offered += more.offered;
  addHistogram(into.reply, more.reply);
  addHistogram(into.resolution, more.resolution);
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

/** Histograms as PostgreSQL prints int[] ('{0,2,NULL,1}'), several joined by ';', added up. */
function parseHistograms(text: string | null): number[] {
  const histogram: number[] = [];
  for (const array of (text ?? "").split(";")) {
    const elements = array.slice(1, -1).split(",");
    for (let b = 0; b < elements.length; b++) {
      const n = Number(elements[b]);
      if (n) histogram[b] = (histogram[b] ?? 0) + n;
    }
  }
  return histogram;
}

/**
 * Monthly agent rows of these months (first days), added up per desk and agent. The histograms travel
 * as text: a few thousand int[] values through the client's own array conversion cost ten times more.
 */
export async function agentMonths(months: string[], desks: number[]): Promise<TeamRow[]> {
  if (months.length === 0) return [];
  const rows = await db().$queryRaw<{ desk_id: number; key: string; tickets: bigint; reopened: bigint; good: bigint; bad: bigint; reply: string | null; resolution: string | null }[]>`
    SELECT r.desk_id, r.key, sum(r.tickets)::bigint AS tickets, sum(r.reopened)::bigint AS reopened, sum(r.good)::bigint AS good, sum(r.bad)::bigint AS bad,
           string_agg(r.reply::text, ';') AS reply, string_agg(r.resolution::text, ';') AS resolution
    FROM ticket_dashboard_rollups r
    WHERE r.grain = 'month' AND r.kind = 'agent' AND r.period = ANY(${months}::date[]) AND r.tickets <> 0 ${deskFilter("r", desks)}
    GROUP BY 1, 2`;
  return rows.map((r) => ({
    deskId: r.desk_id,
    key: r.key,
    tickets: Number(r.tickets),
    reopened: Number(r.reopened),
    good: Number(r.good),
    bad: Number(r.bad),
    offered: 0,
    reply: parseHistograms(r.reply),
    resolution: parseHistograms(r.resolution),
  }));
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
