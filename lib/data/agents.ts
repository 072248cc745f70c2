import "server-only";
// The agents dashboard: one row per agent (every agent of the desks, with or without tickets, and
// "Unassigned"), over the tickets solved in the period (status solved or closed, on the day they were
// solved, as the rollups count them): how many, exact median first reply and full resolution, how
// many had been reopened, CSAT; and the load now: tickets new, open, pending or on hold assigned to
// them. Two index scans (zendesk_tickets_solved_dashboards_idx, zendesk_tickets_unsolved_idx).
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { userNames, scopedKey } from "@/lib/data/labels";
import type { AgentSort } from "@/lib/validations/agents-view";
import type { DayRange } from "@/lib/validations/period";
import { BAD_SCORES, GOOD_SCORES } from "@/lib/validations/satisfaction";
import { OPEN_STATUSES } from "@/lib/validations/ticket-search";

export type AgentRow = {
  deskId: number | null;
  /** Zendesk user id; null for the Unassigned row. */
  agentId: string | null;
  name: string;
  solved: number;
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


/** Written out, not a parameter, so the planner can use the partial index on unsolved tickets. */
const UNSOLVED_LIST = Prisma.raw(OPEN_STATUSES.map((s) => `'${s}'`).join(", "));

const dayStart = (day: string) => Prisma.sql`((${day}::date)::timestamp AT TIME ZONE 'UTC')`;
const dayEnd = (day: string) => Prisma.sql`((${day}::date + 1)::timestamp AT TIME ZONE 'UTC')`;

type Raw = {
  desk_id: number | null;
  agent_id: bigint | null;
  name: string | null;
  solved: bigint | null;
  reply: number | null;
  resolution: number | null;
  reopened: bigint | null;
  good: bigint | null;
  bad: bigint | null;
  open: bigint | null;
};

/** Every agent of the desks (all desks when none given) with their numbers, unsorted. */
export async function listAgentStats(range: DayRange, desks: number[]): Promise<AgentRow[]> {
  const desk = (alias: string) => (desks.length ? Prisma.sql`AND ${Prisma.raw(alias)}.desk_id = ANY(${desks}::int[])` : Prisma.empty);
  // The medians sort every solved ticket of the period by agent: in memory, not in temporary files.
  const [, rows] = await db().$transaction([
    db().$executeRaw`SET LOCAL work_mem = '64MB'`,
    db().$queryRaw<Raw[]>`
    WITH solved AS (
      SELECT t.desk_id, t.assignee_id, count(*) AS solved,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY t.first_reply_time_in_minutes) AS reply,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY t.full_resolution_time_in_minutes) AS resolution,
             count(*) FILTER (WHERE t.reopens > 0) AS reopened,
             count(*) FILTER (WHERE t.satisfaction_score = ANY(${[...GOOD_SCORES]}::text[])) AS good,
             count(*) FILTER (WHERE t.satisfaction_score = ANY(${[...BAD_SCORES]}::text[])) AS bad
      FROM zendesk_tickets t
      WHERE t.deleted_at IS NULL AND t.created_at IS NOT NULL AND t.status IN ('solved', 'closed')
        AND coalesce(t.solved_at, t.updated_at, t.created_at) >= ${dayStart(range.from)}
        AND coalesce(t.solved_at, t.updated_at, t.created_at) < ${dayEnd(range.to)} ${desk("t")}
      GROUP BY 1, 2),
    open AS (
      SELECT t.desk_id, t.assignee_id, count(*) AS open FROM zendesk_tickets t
      WHERE t.deleted_at IS NULL AND t.status IN (${UNSOLVED_LIST}) ${desk("t")}
      GROUP BY 1, 2),
    agents AS (
      SELECT u.desk_id, u.zendesk_id AS assignee_id, coalesce(u.name, u.email) AS name FROM zendesk_users u
      WHERE u.role IN ('agent', 'admin') ${desk("u")}),
    numbers AS (
      SELECT coalesce(s.desk_id, o.desk_id) AS desk_id, coalesce(s.assignee_id, o.assignee_id) AS assignee_id,
             s.solved, s.reply, s.resolution, s.reopened, s.good, s.bad, o.open
      FROM solved s FULL JOIN open o ON o.desk_id = s.desk_id AND o.assignee_id IS NOT DISTINCT FROM s.assignee_id)
    SELECT coalesce(n.desk_id, a.desk_id) AS desk_id,
           coalesce(n.assignee_id, a.assignee_id) AS agent_id, a.name,
           sum(n.solved)::bigint AS solved, max(n.reply) AS reply, max(n.resolution) AS resolution, sum(n.reopened)::bigint AS reopened,
           sum(n.good)::bigint AS good, sum(n.bad)::bigint AS bad, sum(n.open)::bigint AS open
    FROM numbers n FULL JOIN agents a ON a.desk_id = n.desk_id AND a.assignee_id = n.assignee_id
    GROUP BY 1, 2, 3`,
  ]);
  const missing = rows.filter((r) => r.agent_id !== null && r.name === null).map((r) => ({ deskId: r.desk_id!, id: String(r.agent_id) }));
  const names = await userNames(missing);
  const unassigned = rows.filter((r) => r.agent_id === null);
  const result = rows.filter((r) => r.agent_id !== null).map((r) => toRow(r, r.name ?? names.get(scopedKey(r.desk_id!, String(r.agent_id))) ?? `User ${r.agent_id}`));
  if (unassigned.length > 0) result.push(unassignedRow(unassigned));
  return result;
}

function toRow(r: Raw, name: string): AgentRow {
  const good = Number(r.good ?? 0);
  const bad = Number(r.bad ?? 0);
  return {
    deskId: r.desk_id,
    agentId: r.agent_id === null ? null : String(r.agent_id),
    name,
    solved: Number(r.solved ?? 0),
    replyMedianMinutes: r.reply,
    resolutionMedianMinutes: r.resolution,
    reopened: Number(r.reopened ?? 0),
    good,
    bad,
    csat: good + bad === 0 ? null : good / (good + bad),
    open: Number(r.open ?? 0),
  };
}

/** The Unassigned row; across several desks its medians are the solved-weighted mean of the desks' medians. */
function unassignedRow(rows: Raw[]): AgentRow {
  const parts = rows.map((r) => toRow(r, "Unassigned"));
  const solved = parts.reduce((n, p) => n + p.solved, 0);
  const weighted = (pick: (p: AgentRow) => number | null) => {
    const known = parts.filter((p) => pick(p) !== null && p.solved > 0);
    const weight = known.reduce((n, p) => n + p.solved, 0);
    return weight === 0 ? null : known.reduce((n, p) => n + pick(p)! * p.solved, 0) / weight;
  };
  const good = parts.reduce((n, p) => n + p.good, 0);
  const bad = parts.reduce((n, p) => n + p.bad, 0);
  return {
    deskId: null,
    agentId: null,
    name: "Unassigned",
    solved,
    replyMedianMinutes: parts.length === 1 ? parts[0]!.replyMedianMinutes : weighted((p) => p.replyMedianMinutes),
    resolutionMedianMinutes: parts.length === 1 ? parts[0]!.resolutionMedianMinutes : weighted((p) => p.resolutionMedianMinutes),
    reopened: parts.reduce((n, p) => n + p.reopened, 0),
    good,
    bad,
    csat: good + bad === 0 ? null : good / (good + bad),
    open: parts.reduce((n, p) => n + p.open, 0),
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
