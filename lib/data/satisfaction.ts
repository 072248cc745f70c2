import "server-only";
// The satisfaction dashboard, of the tickets created in the period: CSAT = good / (good + bad) with
// its counts, per period (ticket_rollups) and per group (ticket_dashboard_rollups). Offered-but-unanswered
// and unoffered surveys are counted apart: they are not in the percentage.
import { groupTotals } from "@/lib/data/dashboard-rollups";
import { groupNames, scopedKey } from "@/lib/data/labels";
import { seriesRollups } from "@/lib/data/rollups";
import { bucketStart, buckets, type DayRange, type Period } from "@/lib/validations/period";
import { isBad, isGood } from "@/lib/validations/satisfaction";

type Ratings = { good: number; bad: number; offered: number; other: number; tickets: number; csat: number | null };
type GroupRatings = Ratings & { deskId: number; groupId: string | null; label: string };
export type SatisfactionReport = { totals: Ratings; overTime: (DayRange & Ratings)[]; byGroup: GroupRatings[] };

function ratings(good: number, bad: number, offered: number, tickets: number): Ratings {
  return { good, bad, offered, other: tickets - good - bad - offered, tickets, csat: good + bad === 0 ? null : good / (good + bad) };
}

export async function getSatisfactionReport(scope: { desk: number[]; period: Period }): Promise<SatisfactionReport> {
  const { period, desk } = scope;
  const [points, groupRows] = await Promise.all([
    seriesRollups(["satisfaction"], period, desk),
    groupTotals(period, desk),
  ]);
  const groups = groupRows.map((g) => ({ desk_id: g.deskId, group_id: g.key === "" ? null : g.key, tickets: g.tickets, good: g.good, bad: g.bad, offered: g.offered }));
  const perBucket = new Map<string, { good: number; bad: number; offered: number; tickets: number }>();
  for (const p of points) {
    const seen = perBucket.get(p.bucket) ?? { good: 0, bad: 0, offered: 0, tickets: 0 };
    seen.tickets += p.tickets;
    if (isGood(p.key)) seen.good += p.tickets;
    else if (isBad(p.key)) seen.bad += p.tickets;
    else if (p.key === "offered") seen.offered += p.tickets;
    perBucket.set(p.bucket, seen);
  }
  const overTime = buckets(period).map((range) => {
    const b = perBucket.get(bucketStart(range.from, period.grain));
    return { ...range, ...ratings(b?.good ?? 0, b?.bad ?? 0, b?.offered ?? 0, b?.tickets ?? 0) };
  });
  const names = await groupNames(groups.filter((g) => g.group_id !== null).map((g) => ({ deskId: g.desk_id, id: String(g.group_id) })));
  const byGroup = groups
    .map((g) => ({
      ...ratings(Number(g.good), Number(g.bad), Number(g.offered), Number(g.tickets)),
      deskId: g.desk_id,
      groupId: g.group_id === null ? null : String(g.group_id),
      label: g.group_id === null ? "No group" : (names.get(scopedKey(g.desk_id, String(g.group_id))) ?? `Group ${g.group_id}`),
    }))
    .sort((a, b) => b.good + b.bad - (a.good + a.bad) || a.label.localeCompare(b.label));
  const sum = (pick: (r: Ratings) => number) => overTime.reduce((n, r) => n + pick(r), 0);
  return { totals: ratings(sum((r) => r.good), sum((r) => r.bad), sum((r) => r.offered), sum((r) => r.tickets)), overTime, byGroup };
}
