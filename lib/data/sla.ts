import "server-only";
// The SLA dashboard: of the tickets created in the period, how many went over their desk's targets
// (desks.sla_*_minutes). Over the first-reply target: replied later than it, or still unanswered,
// unsolved and older than it. Calendar minutes, as Zendesk's metrics give them. Exact counts in three reads:
//   settled tickets, from ticket_dashboard_rollups (a row per group and day or month, with first reply
//     and resolution histograms): the duration buckets wholly above the target;
//   the same, inside the target's own bucket (~10 % of minutes): tickets between the target and the
//     end of that bucket, from an index (zendesk_tickets_first_reply_idx / _resolution_idx);
//   tickets still waiting (not solved or closed), whose "over" depends on now: zendesk_tickets_unsettled_idx.
// So a changed target needs no recount, and none of the reads grows with all the tickets of the period.
// Each read is summed in the database per group (the table) and per desk and series point (the chart).
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { groupRows } from "@/lib/data/dashboard-rollups";
import { listSlaTargets, type DeskSlaTargets } from "@/lib/data/desk-sla";
import { groupNames, scopedKey } from "@/lib/data/labels";
import { bucketStart, buckets, type DayRange, type Period } from "@/lib/validations/period";
import { OPEN_STATUSES } from "@/lib/validations/ticket-search";

export type SlaCounts = { tickets: number; replyOver: number; resolutionOver: number };
type SlaGroup = SlaCounts & { deskId: number; groupId: string | null; label: string };
export type SlaReport = { totals: SlaCounts; byGroup: SlaGroup[]; overTime: (DayRange & SlaCounts)[]; targets: DeskSlaTargets[] };

const UNSOLVED = Prisma.raw(OPEN_STATUSES.map((s) => `'${s}'`).join(", "));

/** Partial counts for one desk and either a group ('' = none; bucket null) or a series point (key null). */
type Row = { desk_id: number; key: string | null; bucket: string | null; tickets: bigint; reply_over: bigint; resolution_over: bigint };

/** Per group (the table) and per desk and series point (the chart). */
const SETS = Prisma.sql`GROUPING SETS ((1, 2), (1, 3))`;

/** The part of a duration bucket above a target can hold at most this many minutes (buckets are < 10.6 % of 1 + their first minute). */
const withinBucket = (target: Prisma.Sql) => Prisma.sql`(${target} + ceil(0.106 * (${target} + 1))::int)`;

async function slaRows(period: Period, desk: number[], now: Date): Promise<Row[]> {
  const deskFilter = desk.length ? Prisma.sql`AND d.id = ANY(${desk}::int[])` : Prisma.empty;
  const created = Prisma.sql`t.created_at >= ((${period.from}::date)::timestamp AT TIME ZONE 'UTC') AND t.created_at < ((${period.to}::date + 1)::timestamp AT TIME ZONE 'UTC')`;
  const point = Prisma.sql`date_trunc(${period.grain}::text, t.created_at AT TIME ZONE 'UTC')::date::text`;
  const rollups = groupRows(period, desk, period.grain);
  // Elements after the target's bucket: a histogram's element b + 1 counts bucket b.
  const above = (histogram: string, target: string) =>
    Prisma.sql`(SELECT coalesce(sum(x), 0) FROM unnest(${Prisma.raw(histogram)}[ticket_duration_bucket(${Prisma.raw(target)}) + 2:]) AS x)`;
  const [settled, edges, waiting] = await Promise.all([
    rollups === null
      ? []
      : db().$queryRaw<Row[]>`
      SELECT s.desk_id, s.key, date_trunc(${period.grain}::text, s.period::timestamp)::date::text AS bucket,
             sum(s.tickets)::bigint AS tickets,
             sum(${above("s.reply", "d.sla_first_reply_minutes")})::bigint AS reply_over,
             sum(${above("s.resolution", "d.sla_resolution_minutes")})::bigint AS resolution_over
      FROM (${rollups}) s JOIN desks d ON d.id = s.desk_id
      WHERE s.tickets <> 0
      GROUP BY ${SETS}`,
    db().$queryRaw<Row[]>`
      SELECT t.desk_id, coalesce(t.group_id::text, '') AS key, ${point} AS bucket, 0::bigint AS tickets, count(*)::bigint AS reply_over, 0::bigint AS resolution_over
      FROM desks d JOIN zendesk_tickets t ON t.desk_id = d.id
      WHERE t.deleted_at IS NULL AND t.first_reply_time_in_minutes IS NOT NULL ${deskFilter}
        AND t.first_reply_time_in_minutes > d.sla_first_reply_minutes AND t.first_reply_time_in_minutes <= ${withinBucket(Prisma.sql`d.sla_first_reply_minutes`)}
        AND ticket_duration_bucket(t.first_reply_time_in_minutes) = ticket_duration_bucket(d.sla_first_reply_minutes) AND ${created}
      GROUP BY ${SETS}
      UNION ALL
      SELECT t.desk_id, coalesce(t.group_id::text, ''), ${point}, 0, 0, count(*)
      FROM desks d JOIN zendesk_tickets t ON t.desk_id = d.id
      WHERE t.deleted_at IS NULL AND t.status IN ('solved', 'closed') AND t.full_resolution_time_in_minutes IS NOT NULL ${deskFilter}
        AND t.full_resolution_time_in_minutes > d.sla_resolution_minutes AND t.full_resolution_time_in_minutes <= ${withinBucket(Prisma.sql`d.sla_resolution_minutes`)}
        AND ticket_duration_bucket(t.full_resolution_time_in_minutes) = ticket_duration_bucket(d.sla_resolution_minutes) AND ${created}
      GROUP BY ${SETS}`,
    db().$queryRaw<Row[]>`
      SELECT t.desk_id, coalesce(t.group_id::text, '') AS key, ${point} AS bucket, 0::bigint AS tickets,
             count(*) FILTER (WHERE t.first_reply_time_in_minutes IS NULL AND t.status IN (${UNSOLVED})
                                AND t.created_at < ${now}::timestamptz - make_interval(mins => d.sla_first_reply_minutes))::bigint AS reply_over,
             count(*) FILTER (WHERE t.created_at < ${now}::timestamptz - make_interval(mins => d.sla_resolution_minutes))::bigint AS resolution_over
      FROM zendesk_tickets t JOIN desks d ON d.id = t.desk_id
      WHERE t.deleted_at IS NULL AND coalesce(t.status, '') NOT IN ('solved', 'closed') AND ${created} ${deskFilter}
      GROUP BY ${SETS}`,
  ]);
  return [...settled, ...edges, ...waiting];
}

export async function getSlaReport(scope: { desk: number[]; period: Period }, now = new Date()): Promise<SlaReport> {
  const { period, desk } = scope;
  const [rows, targets] = await Promise.all([slaRows(period, desk, now), listSlaTargets(desk)]);
  const zero = (): SlaCounts => ({ tickets: 0, replyOver: 0, resolutionOver: 0 });
  const add = (sum: SlaCounts, r: Row) => {
    sum.tickets += Number(r.tickets ?? 0);
    sum.replyOver += Number(r.reply_over);
    sum.resolutionOver += Number(r.resolution_over);
  };
  const perGroup = new Map<string, { deskId: number; groupId: string | null; counts: SlaCounts }>();
  const perPeriod = new Map<string, SlaCounts>();
  for (const r of rows) {
    if (r.key !== null) {
      const key = `${r.desk_id}:${r.key}`;
      const group = perGroup.get(key) ?? { deskId: r.desk_id, groupId: r.key === "" ? null : r.key, counts: zero() };
      add(group.counts, r);
      perGroup.set(key, group);
    } else if (r.bucket !== null) {
      const point = perPeriod.get(r.bucket) ?? zero();
      add(point, r);
      perPeriod.set(r.bucket, point);
    }
  }
  for (const [key, group] of perGroup) if (group.counts.tickets === 0) perGroup.delete(key);
  const groupList = [...perGroup.values()];
  const names = await groupNames(groupList.filter((g) => g.groupId !== null).map((g) => ({ deskId: g.deskId, id: String(g.groupId) })));
  const byGroup = groupList
    .map((g) => ({
      ...g.counts,
      deskId: g.deskId,
      groupId: g.groupId,
      label: g.groupId === null ? "No group" : (names.get(scopedKey(g.deskId, String(g.groupId))) ?? `Group ${g.groupId}`),
    }))
    .sort((a, b) => b.replyOver + b.resolutionOver - (a.replyOver + a.resolutionOver) || b.tickets - a.tickets || a.label.localeCompare(b.label));
  const totals = byGroup.reduce((sum, g) => ({ tickets: sum.tickets + g.tickets, replyOver: sum.replyOver + g.replyOver, resolutionOver: sum.resolutionOver + g.resolutionOver }), zero());
  const overTime = buckets(period).map((range) => ({ ...range, ...(perPeriod.get(bucketStart(range.from, period.grain)) ?? zero()) }));
  return { totals, byGroup, overTime, targets };
}
