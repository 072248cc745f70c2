import "server-only";
// The satisfaction dashboard, of the tickets created in the period: CSAT = good / (good + bad) with
// its counts, per period (from the rollups) and per group (one index-only scan of
// zendesk_tickets_dashboards_idx). Offered-but-unanswered and unoffered surveys are counted apart:
// they are not in the percentage.
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { groupNames, scopedKey } from "@/lib/data/labels";
import { seriesRollups } from "@/lib/data/rollups";
import { bucketStart, buckets, type DayRange, type Period } from "@/lib/validations/period";
import { BAD_SCORES, GOOD_SCORES, isBad, isGood } from "@/lib/validations/satisfaction";

type Ratings = { good: number; bad: number; offered: number; other: number; tickets: number; csat: number | null };
type GroupRatings = Ratings & { deskId: number; groupId: string | null; label: string };
export type SatisfactionReport = { totals: Ratings; overTime: (DayRange & Ratings)[]; byGroup: GroupRatings[] };

function ratings(good: number, bad: number, offered: number, tickets: number): Ratings {
  return { good, bad, offered, other: tickets - good - bad - offered, tickets, csat: good + bad === 0 ? null : good / (good + bad) };
}

export async function getSatisfactionReport(scope: { desk: number[]; period: Period }): Promise<SatisfactionReport> {
  const { period, desk } = scope;
  const deskFilter = desk.length ? Prisma.sql`AND t.desk_id = ANY(${desk}::int[])` : Prisma.empty;
  const [points, groups] = await Promise.all([
    seriesRollups(["satisfaction"], period, desk),
    db().$queryRaw<{ desk_id: number; group_id: bigint | null; tickets: bigint; good: bigint; bad: bigint; offered: bigint }[]>`
      SELECT t.desk_id, t.group_id, count(*) AS tickets,
             count(*) FILTER (WHERE t.satisfaction_score = ANY(${[...GOOD_SCORES]}::text[])) AS good,
             count(*) FILTER (WHERE t.satisfaction_score = ANY(${[...BAD_SCORES]}::text[])) AS bad,
             count(*) FILTER (WHERE t.satisfaction_score = 'offered') AS offered
      FROM zendesk_tickets t
      WHERE t.deleted_at IS NULL
        AND t.created_at >= ((${period.from}::date)::timestamp AT TIME ZONE 'UTC')
        AND t.created_at < ((${period.to}::date + 1)::timestamp AT TIME ZONE 'UTC') ${deskFilter}
      GROUP BY 1, 2`,
  ]);
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
