import "server-only";
// The SLA dashboard: of the tickets created in the period, how many went over their desk's targets
// (desks.sla_*_minutes). Over the first-reply target: replied later than it, or still unanswered,
// unsolved and older than it. Over the resolution target: solved in a longer time, or still unsolved
// and older than it. Calendar minutes, as Zendesk's metrics give them. One index-only scan
// (zendesk_tickets_dashboards_idx) counted per desk, group and period (one hash aggregate of a few
// hundred groups), then added up here by group and by period.
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { listSlaTargets, type DeskSlaTargets } from "@/lib/data/desk-sla";
import { groupNames, scopedKey } from "@/lib/data/labels";
import { bucketStart, buckets, type DayRange, type Period } from "@/lib/validations/period";
import { OPEN_STATUSES } from "@/lib/validations/ticket-search";

export type SlaCounts = { tickets: number; replyOver: number; resolutionOver: number };
type SlaGroup = SlaCounts & { deskId: number; groupId: string | null; label: string };
export type SlaReport = { totals: SlaCounts; byGroup: SlaGroup[]; overTime: (DayRange & SlaCounts)[]; targets: DeskSlaTargets[] };

const UNSOLVED = Prisma.raw(OPEN_STATUSES.map((s) => `'${s}'`).join(", "));

type Row = { desk_id: number; group_id: bigint | null; bucket: string; tickets: bigint; reply_over: bigint; resolution_over: bigint };

export async function getSlaReport(scope: { desk: number[]; period: Period }, now = new Date()): Promise<SlaReport> {
  const { period, desk } = scope;
  const deskFilter = desk.length ? Prisma.sql`AND t.desk_id = ANY(${desk}::int[])` : Prisma.empty;
  const [rows, targets] = await Promise.all([
    db().$queryRaw<Row[]>`
      WITH t AS (
        SELECT t.desk_id, t.group_id, date_trunc(${period.grain}::text, t.created_at AT TIME ZONE 'UTC')::date AS bucket,
               CASE WHEN t.first_reply_time_in_minutes IS NOT NULL THEN t.first_reply_time_in_minutes > d.sla_first_reply_minutes
                    ELSE t.status IN (${UNSOLVED}) AND t.created_at < ${now}::timestamptz - make_interval(mins => d.sla_first_reply_minutes) END AS reply_over,
               CASE WHEN t.status IN ('solved', 'closed') THEN coalesce(t.full_resolution_time_in_minutes > d.sla_resolution_minutes, false)
                    ELSE t.created_at < ${now}::timestamptz - make_interval(mins => d.sla_resolution_minutes) END AS resolution_over
        FROM zendesk_tickets t JOIN desks d ON d.id = t.desk_id
        WHERE t.deleted_at IS NULL
          AND t.created_at >= ((${period.from}::date)::timestamp AT TIME ZONE 'UTC')
          AND t.created_at < ((${period.to}::date + 1)::timestamp AT TIME ZONE 'UTC') ${deskFilter})
      SELECT desk_id, group_id, bucket::text AS bucket, count(*) AS tickets,
             count(*) FILTER (WHERE reply_over) AS reply_over, count(*) FILTER (WHERE resolution_over) AS resolution_over
      FROM t GROUP BY 1, 2, 3`,
    listSlaTargets(desk),
  ]);
  const zero = (): SlaCounts => ({ tickets: 0, replyOver: 0, resolutionOver: 0 });
  const add = (sum: SlaCounts, r: Row) => {
    sum.tickets += Number(r.tickets);
    sum.replyOver += Number(r.reply_over);
    sum.resolutionOver += Number(r.resolution_over);
  };
  const perGroup = new Map<string, { deskId: number; groupId: bigint | null; counts: SlaCounts }>();
  const perPeriod = new Map<string, SlaCounts>();
  for (const r of rows) {
    const key = `${r.desk_id}:${r.group_id}`;
    const group = perGroup.get(key) ?? { deskId: r.desk_id, groupId: r.group_id, counts: zero() };
    add(group.counts, r);
    perGroup.set(key, group);
    const point = perPeriod.get(r.bucket) ?? zero();
    add(point, r);
    perPeriod.set(r.bucket, point);
  }
  const groupRows = [...perGroup.values()];
  const names = await groupNames(groupRows.filter((g) => g.groupId !== null).map((g) => ({ deskId: g.deskId, id: String(g.groupId) })));
  const byGroup = groupRows
    .map((g) => ({
      ...g.counts,
      deskId: g.deskId,
      groupId: g.groupId === null ? null : String(g.groupId),
      label: g.groupId === null ? "No group" : (names.get(scopedKey(g.deskId, String(g.groupId))) ?? `Group ${g.groupId}`),
    }))
    .sort((a, b) => b.replyOver + b.resolutionOver - (a.replyOver + a.resolutionOver) || b.tickets - a.tickets || a.label.localeCompare(b.label));
  const totals = byGroup.reduce((sum, g) => ({ tickets: sum.tickets + g.tickets, replyOver: sum.replyOver + g.replyOver, resolutionOver: sum.resolutionOver + g.resolutionOver }), zero());
  const overTime = buckets(period).map((range) => ({ ...range, ...(perPeriod.get(bucketStart(range.from, period.grain)) ?? zero()) }));
  return { totals, byGroup, overTime, targets };
}
