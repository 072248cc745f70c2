import "server-only";
// The charts' numbers, read from the rollups (lib/data/rollups.ts), so a chart costs the same at 3,000
// tickets and at millions. Definitions, the same on every page:
//   Created   tickets created in the period;
//   Solved    tickets solved in the period whose status is solved or closed;
//   Unsolved  at the end of a day: created by then and not solved by then (today: status new, open,
//             pending or hold);
//   the breakdowns count the tickets created in the period; first reply times are those of tickets
//   created in the period, full resolution times those of tickets solved in it.
import { summarizeHistogram, type DurationSummary } from "@/lib/data/duration-buckets";
import { deskNames, groupNames, scopedKey, userNames } from "@/lib/data/labels";
import { durationTotals, seriesRollups, sumRollups, type DurationTotals, type Measure, type RollupSum } from "@/lib/data/rollups";
import type { Dimension } from "@/lib/validations/dashboard-filter";
import { addDays, bucketStart, buckets, type DayRange, type Period } from "@/lib/validations/period";

export type ChartScope = { desk: number[]; period: Period };

export type { Dimension };
/** `key` null: the tickets without a value (Unassigned, no priority…), which the list filters as "none". */
export type Slice = { key: string | null; label: string; count: number };
export type Counts = { created: number; by: Record<Dimension, Slice[]> };

const NONE_LABEL: Record<Exclude<Dimension, "desk">, string> = {
  status: "none",
  priority: "none",
  via: "unknown",
  assignee: "Unassigned",
  group: "No group",
  satisfaction: "not rated",
};

const byCount = (a: Slice, b: Slice) => b.count - a.count || a.label.localeCompare(b.label);

function totals(rows: RollupSum[], measure: Measure): Map<string, { count: number; deskId: number }> {
  const result = new Map<string, { count: number; deskId: number }>();
  for (const row of rows.filter((r) => r.measure === measure)) {
    const seen = result.get(row.key);
    result.set(row.key, { count: (seen?.count ?? 0) + row.tickets, deskId: seen?.deskId ?? row.deskId });
  }
  return result;
}

/** Tickets created in the period per value of every dimension, largest first, all values (the page shows the top). */
export async function getCounts(scope: ChartScope): Promise<Counts> {
  const rows = await sumRollups(["status", "priority", "via", "assignee", "group", "satisfaction"], scope.period, scope.desk);
  const byKey = Object.fromEntries((["status", "priority", "via", "assignee", "group", "satisfaction"] as const).map((m) => [m, totals(rows, m)]));
  const ids = (measure: "assignee" | "group") => [...byKey[measure]!].filter(([key]) => key !== "").map(([key, v]) => ({ deskId: v.deskId, id: key }));
  const perDesk = new Map<number, number>();
  for (const row of rows.filter((r) => r.measure === "status")) perDesk.set(row.deskId, (perDesk.get(row.deskId) ?? 0) + row.tickets);
  const [users, groups, desks] = await Promise.all([userNames(ids("assignee")), groupNames(ids("group")), deskNames([...perDesk.keys()])]);
  const label = (measure: Exclude<Dimension, "desk">, key: string, deskId: number) => {
    if (key === "") return NONE_LABEL[measure];
    if (measure === "assignee") return users.get(scopedKey(deskId, key)) ?? `User ${key}`;
    if (measure === "group") return groups.get(scopedKey(deskId, key)) ?? `Group ${key}`;
    return key;
  };
  const by = {} as Record<Dimension, Slice[]>;
  for (const measure of ["status", "priority", "via", "assignee", "group", "satisfaction"] as const) {
    by[measure] = [...byKey[measure]!]
      .map(([key, v]) => ({ key: key === "" ? null : key, label: label(measure, key, v.deskId), count: v.count }))
      .sort(byCount);
  }
  by.desk = [...perDesk].map(([id, count]) => ({ key: String(id), label: desks.get(id) ?? `Desk ${id}`, count })).sort(byCount);
  return { created: by.status.reduce((n, s) => n + s.count, 0), by };
}

export type SeriesPoint = DayRange & { created: number; solved: number; unsolved: number };

/**
 * Created, solved and unsolved at the end of each bucket (day, week, month or year by the period's
 * length). Unsolved starts from everything created and not solved before the period.
 */
export async function getTicketSeries(scope: ChartScope): Promise<SeriesPoint[]> {
  const { period, desk } = scope;
  const [points, before] = await Promise.all([
    seriesRollups(["status", "solved"], period, desk),
    sumRollups(["status", "solved"], { from: "0001-01-01", to: addDays(period.from, -1) }, desk),
  ]);
  const created = new Map<string, number>();
  const solved = new Map<string, number>();
  for (const p of points) {
    const target = p.measure === "solved" ? solved : created;
    target.set(p.bucket, (target.get(p.bucket) ?? 0) + p.tickets);
  }
  let unsolved = before.reduce((n, r) => n + (r.measure === "solved" ? -r.tickets : r.tickets), 0);
  return buckets(period).map((range) => {
    const start = bucketStart(range.from, period.grain);
    const point = { ...range, created: created.get(start) ?? 0, solved: solved.get(start) ?? 0, unsolved: 0 };
    unsolved += point.created - point.solved;
    return { ...point, unsolved };
  });
}

export type DurationMetric = "reply" | "resolution";
export type DurationSeries = DurationSummary & { metric: DurationMetric; points: (DayRange & DurationSummary)[] };

/** First reply (tickets created in the period) and full resolution (tickets solved in it): medians overall and per bucket. */
export async function getDurations(scope: ChartScope): Promise<DurationSeries[]> {
  const totals = await durationTotals(scope.period, scope.desk);
  const summary = (t: DurationTotals | undefined) => (t ? summarizeHistogram(t.histogram, t.tickets, t.minutes) : summarizeHistogram([], 0, 0));
  return (["reply", "resolution"] as const).map((metric) => {
    const mine = totals.filter((t) => t.measure === metric);
    const perPoint = new Map(mine.filter((t) => t.bucket !== null).map((t) => [t.bucket!, t]));
    return {
      metric,
      ...summary(mine.find((t) => t.bucket === null)),
      points: buckets(scope.period).map((range) => ({ ...range, ...summary(perPoint.get(bucketStart(range.from, scope.period.grain))) })),
    };
  });
}
