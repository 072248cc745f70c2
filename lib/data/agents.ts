import "server-only";
// The agents dashboard: one row per agent (every agent of the desks, with or without tickets, and
// "Unassigned"), over the tickets solved in the period (status solved or closed, on the day they were
// solved, as the rollups count them): how many, median first reply and full resolution (from the
// rollups' duration buckets: within 5 %, lib/data/duration-buckets.ts), how many had been reopened,
// CSAT; and the load now: tickets new, open, pending or on hold assigned to them. All from
// ticket_dashboard_rollups: a few rows per agent whatever the number of tickets.
import { sumDashboardRollups, type Histogram, type KeyTotals } from "@/lib/data/dashboard-rollups";
import { medianOf } from "@/lib/data/duration-buckets";
import { userNames, scopedKey } from "@/lib/data/labels";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import type { AgentSort } from "@/lib/validations/agents-view";
import type { DayRange } from "@/lib/validations/period";

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

/** One agent's (or Unassigned's) numbers, added up from the rollups. */
type Raw = { deskId: number | null; agentId: string | null; name: string | null; counts: Map<string, number>; reply: Histogram; resolution: Histogram };

const ALL_TIME = { from: "0001-01-01", to: "9999-12-31" };

/** Every agent of the desks (all desks when none given) with their numbers, unsorted. */
export async function listAgentStats(range: DayRange, desks: number[]): Promise<AgentRow[]> {
  const desk = desks.length ? Prisma.sql`AND u.desk_id = ANY(${desks}::int[])` : Prisma.empty;
  const [solved, open, agents] = await Promise.all([
    sumDashboardRollups(["agent_solved", "agent_reopened", "agent_good", "agent_bad", "agent_reply", "agent_resolution"], range, desks),
    sumDashboardRollups(["agent_open"], ALL_TIME, desks),
    db().$queryRaw<{ desk_id: number; agent_id: bigint; name: string | null }[]>`
      SELECT u.desk_id, u.zendesk_id AS agent_id, coalesce(u.name, u.email) AS name FROM zendesk_users u
      WHERE u.role IN ('agent', 'admin') ${desk}`,
  ]);
  // Unassigned is one row across desks: its histograms are added up, so its medians are true medians.
  const byAgent = new Map<string, Raw>();
  const entry = (deskId: number, key: string): Raw => {
    const id = key === "" ? "unassigned" : scopedKey(deskId, key);
    const seen = byAgent.get(id) ?? { deskId: key === "" ? null : deskId, agentId: key === "" ? null : key, name: null, counts: new Map(), reply: new Map(), resolution: new Map() };
    byAgent.set(id, seen);
    return seen;
  };
  for (const a of agents) entry(a.desk_id, String(a.agent_id)).name = a.name;
  const add = (row: KeyTotals) => {
    const raw = entry(row.deskId, row.key);
    raw.counts.set(row.measure, (raw.counts.get(row.measure) ?? 0) + row.tickets);
    const histogram = row.measure === "agent_reply" ? raw.reply : row.measure === "agent_resolution" ? raw.resolution : null;
    for (const [bucket, n] of histogram ? (row.histogram ?? []) : []) histogram!.set(bucket, (histogram!.get(bucket) ?? 0) + n);
  };
  solved.forEach(add);
  open.forEach(add);
  const raws = [...byAgent.values()];
  const missing = raws.filter((r) => r.agentId !== null && r.name === null).map((r) => ({ deskId: r.deskId!, id: r.agentId! }));
  const names = await userNames(missing);
  return raws
    .map((r) => toRow(r, r.agentId === null ? "Unassigned" : (r.name ?? names.get(scopedKey(r.deskId!, r.agentId)) ?? `User ${r.agentId}`)))
    .sort((a, b) => Number(a.agentId === null) - Number(b.agentId === null));
}

function toRow(r: Raw, name: string): AgentRow {
  const count = (measure: string) => r.counts.get(measure) ?? 0;
  const good = count("agent_good");
  const bad = count("agent_bad");
  return {
    deskId: r.deskId,
    agentId: r.agentId,
    name,
    solved: count("agent_solved"),
    replyMedianMinutes: medianOf(r.reply),
    resolutionMedianMinutes: medianOf(r.resolution),
    reopened: count("agent_reopened"),
    good,
    bad,
    csat: good + bad === 0 ? null : good / (good + bad),
    open: count("agent_open"),
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
