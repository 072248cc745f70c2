import "server-only";
// The agents dashboard: one row per agent (every agent of the desks, with or without tickets, and
// "Unassigned"), over the tickets solved in the period (status solved or closed, on the day they were
// solved, as the rollups count them): how many, median first reply and full resolution (from the
// rollups' duration buckets: within 5 %, lib/data/duration-buckets.ts), how many had been reopened,
// CSAT; and the load now: tickets new, open, pending or on hold assigned to them. Whole months from
// ticket_dashboard_rollups (a row per agent and month), the ends of the range from the tickets (at most
// half a month at either end, see solvedPlan), the load from the index of unsolved tickets.
import { addCounts, agentMonths, deskFilter, nextMonth, zeroCounts, type TeamCounts } from "@/lib/data/dashboard-rollups";
import { medianOf } from "@/lib/data/duration-buckets";
import { userNames, scopedKey } from "@/lib/data/labels";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import type { AgentSort } from "@/lib/validations/agents-view";
import { addDays, bucketStart, type DayRange } from "@/lib/validations/period";

const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);

export type AgentRow = {
  deskId: number | null;
  /** Zendesk user id; null for the Unassigned row. */
  agentId: string | null;
  name: string;
  solved: number;
  /** Medians from duration buckets (within 5 %, or half a minute). */
  replyMedianMinutes: number | null;
  resolutionMedianMinutes: number | null;
  /** Solved tickets that had been reopened at least once. */
  reopened: number;
  good: number;
  bad: number;
  /** good / (good + bad); null without ratings. */
  csat: number | null;
  /** Unsolved tickets assigned now. */
  open: number;
};

/** One agent's (or Unassigned's) numbers, added up. */
type Raw = { deskId: number | null; agentId: string | null; name: string | null; listed: boolean; counts: TeamCounts; open: number };

/**
 * What to read for a range of solved days: the agent rollups are monthly, so a month the range covers
 * only in part is read either from the tickets of its days inside the range, or (when the range covers
 * most of it) as the whole month minus the tickets of its days outside: at most half a month of tickets
 * at either end.
 */
export function solvedPlan(range: DayRange): { months: string[]; days: (DayRange & { sign: 1 | -1 })[] } {
  const months: string[] = [];
  const days: (DayRange & { sign: 1 | -1 })[] = [];
  for (let month = bucketStart(range.from, "month"); month <= range.to; month = nextMonth(month)) {
    const end = addDays(nextMonth(month), -1);
    const inside = { from: range.from > month ? range.from : month, to: range.to < end ? range.to : end };
    const covered = daysBetween(inside.from, inside.to) + 1;
    const length = daysBetween(month, end) + 1;
    if (covered === length) months.push(month);
    else if (covered <= length - covered) days.push({ ...inside, sign: 1 });
    else {
      months.push(month);
      if (month < inside.from) days.push({ from: month, to: addDays(inside.from, -1), sign: -1 });
      if (inside.to < end) days.push({ from: addDays(inside.to, 1), to: end, sign: -1 });
    }
  }
  return { months, days };
}

type TicketCounts = { desk_id: number; key: string; tickets: number; reopened: number; good: number; bad: number; reply: number[] | null; resolution: number[] | null };

/** Solved tickets of these day ranges per desk and agent, each range's counts times its sign (zendesk_tickets_solved_dashboards_idx). */
async function solvedTickets(days: (DayRange & { sign: 1 | -1 })[], desks: number[]): Promise<TicketCounts[]> {
  if (days.length === 0) return [];
  return db().$queryRaw<TicketCounts[]>`
    SELECT t.desk_id, coalesce(t.assignee_id::text, '') AS key, sum(s.sign)::int AS tickets,
           sum(s.sign) FILTER (WHERE t.reopens > 0)::int AS reopened,
           sum(s.sign) FILTER (WHERE t.satisfaction_score IN ('good', 'good_with_comment'))::int AS good,
           sum(s.sign) FILTER (WHERE t.satisfaction_score IN ('bad', 'bad_with_comment'))::int AS bad,
           array_agg(s.sign * (ticket_duration_bucket(t.first_reply_time_in_minutes) + 1)) FILTER (WHERE t.first_reply_time_in_minutes IS NOT NULL) AS reply,
           array_agg(s.sign * (ticket_duration_bucket(t.full_resolution_time_in_minutes) + 1)) FILTER (WHERE t.full_resolution_time_in_minutes IS NOT NULL) AS resolution
    FROM unnest(${days.map((d) => d.from)}::date[], ${days.map((d) => d.to)}::date[], ${days.map((d) => d.sign)}::int[]) AS s("from", "to", sign)
    JOIN zendesk_tickets t
      ON coalesce(t.solved_at, t.updated_at, t.created_at) >= (s.from::timestamp AT TIME ZONE 'UTC')
     AND coalesce(t.solved_at, t.updated_at, t.created_at) < ((s.to + 1)::timestamp AT TIME ZONE 'UTC')
    WHERE t.deleted_at IS NULL AND t.created_at IS NOT NULL AND t.status IN ('solved', 'closed') ${deskFilter("t", desks)}
    GROUP BY 1, 2`;
}

/** Bucket numbers (+ 1, signed) as a histogram. */
function histogramOf(signedBuckets: number[] | null): number[] {
  const histogram: number[] = [];
  for (const x of signedBuckets ?? []) {
    const b = Math.abs(x) - 1;
    histogram[b] = (histogram[b] ?? 0) + Math.sign(x);
  }
  return histogram;
}

/** Every agent of the desks (all desks when none given) with their numbers, unsorted. */
export async function listAgentStats(range: DayRange, desks: number[]): Promise<AgentRow[]> {
  const desk = desks.length ? Prisma.sql`AND u.desk_id = ANY(${desks}::int[])` : Prisma.empty;
  const plan = range.from > range.to ? { months: [], days: [] } : solvedPlan(range);
  const [months, edges, open, agents] = await Promise.all([
    agentMonths(plan.months, desks),
    solvedTickets(plan.days, desks),
    // The load now, from zendesk_tickets_unsettled_idx (only tickets not yet solved).
    db().$queryRaw<{ desk_id: number; key: string; n: number }[]>`
      SELECT t.desk_id, coalesce(t.assignee_id::text, '') AS key, count(*)::int AS n FROM zendesk_tickets t
      WHERE t.deleted_at IS NULL AND coalesce(t.status, '') NOT IN ('solved', 'closed') AND t.status IN ('new', 'open', 'pending', 'hold') ${deskFilter("t", desks)}
      GROUP BY 1, 2`,
    db().$queryRaw<{ desk_id: number; agent_id: bigint; name: string | null }[]>`
      SELECT u.desk_id, u.zendesk_id AS agent_id, coalesce(u.name, u.email) AS name FROM zendesk_users u
      WHERE u.role IN ('agent', 'admin') ${desk}`,
  ]);
  // Unassigned is one row across desks: its histograms are added up, so its medians are true medians.
  const byAgent = new Map<string, Raw>();
  const entry = (deskId: number, key: string): Raw => {
    const id = key === "" ? "unassigned" : scopedKey(deskId, key);
    const seen = byAgent.get(id) ?? { deskId: key === "" ? null : deskId, agentId: key === "" ? null : key, name: null, listed: false, counts: zeroCounts(), open: 0 };
    byAgent.set(id, seen);
    return seen;
  };
  for (const a of agents) Object.assign(entry(a.desk_id, String(a.agent_id)), { name: a.name, listed: true });
  for (const m of months) addCounts(entry(m.deskId, m.key).counts, m);
  for (const e of edges) {
    addCounts(entry(e.desk_id, e.key).counts, {
      tickets: e.tickets,
      reopened: e.reopened ?? 0,
      good: e.good ?? 0,
      bad: e.bad ?? 0,
      offered: 0,
      reply: histogramOf(e.reply),
      resolution: histogramOf(e.resolution),
    });
  }
  for (const o of open) entry(o.desk_id, o.key).open += o.n;
  // Every agent; anyone else (Unassigned, a former agent) only with tickets in the period or open now.
  const raws = [...byAgent.values()].filter((r) => r.listed || r.counts.tickets !== 0 || r.open !== 0);
  const missing = raws.filter((r) => r.agentId !== null && r.name === null).map((r) => ({ deskId: r.deskId!, id: r.agentId! }));
  const names = await userNames(missing);
  return raws
    .map((r) => toRow(r, r.agentId === null ? "Unassigned" : (r.name ?? names.get(scopedKey(r.deskId!, r.agentId)) ?? `User ${r.agentId}`)))
    .sort((a, b) => Number(a.agentId === null) - Number(b.agentId === null));
}

function toRow(r: Raw, name: string): AgentRow {
  const { tickets, reopened, good, bad, reply, resolution } = r.counts;
  // Histograms are sparse arrays (element b counts bucket b).
  const histogram = (h: number[]) => Object.entries(h).map(([bucket, n]) => [Number(bucket), n] as [number, number]);
  return {
    deskId: r.deskId,
    agentId: r.agentId,
    name,
    solved: tickets,
    replyMedianMinutes: medianOf(histogram(reply)),
    resolutionMedianMinutes: medianOf(histogram(resolution)),
    reopened,
    good,
    bad,
    csat: good + bad === 0 ? null : good / (good + bad),
    open: r.open,
  };
}

const VALUE: Record<AgentSort, (row: AgentRow) => number | string | null> = {
  name: (r) => r.name.toLowerCase(),
  solved: (r) => r.solved,
  reply: (r) => r.replyMedianMinutes,
  resolution: (r) => r.resolutionMedianMinutes,
  reopened: (r) => r.reopened,
  csat: (r) => r.csat,
  open: (r) => r.open,
};

/** Sorted by one column; rows without a value (no solved ticket, no rating) last either way; ties by name. */
export function sortAgents(rows: AgentRow[], sort: AgentSort, dir: "asc" | "desc"): AgentRow[] {
  const sign = dir === "asc" ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = VALUE[sort](a);
    const y = VALUE[sort](b);
    if (x === null || y === null) return x === y ? a.name.localeCompare(b.name) : x === null ? 1 : -1;
    if (x < y) return -sign;
    if (x > y) return sign;
    return a.name.localeCompare(b.name);
  });
}
