// ticket_dashboard_rollups are kept by triggers on zendesk_tickets; whatever writes the tickets they
// must equal a recount, and the agents, SLA and satisfaction dashboards read from them must give what
// a direct scan of the tickets gives (the queries these pages ran before the rollups, kept here).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAgentStats, solvedPlan } from "@/lib/data/agents";
import { decompose } from "@/lib/data/dashboard-rollups";
import { bucketMinutes, bucketValue, MEDIAN_ERROR } from "@/lib/data/duration-buckets";
import { getSatisfactionReport } from "@/lib/data/satisfaction";
import { getSlaReport } from "@/lib/data/sla";
import { removeDesk, setDeskSla } from "@/lib/desks";
import { syncDesk } from "@/lib/sync/run";
import { inlineSteps } from "@/lib/sync/steps";
import { admin, testCaller } from "@/lib/testing/callers";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { addFakeDesk } from "@/lib/testing/fake-zendesk/desk";
import { FakeZendesk } from "@/lib/testing/fake-zendesk/server";
import { addDays, bucketStart, resolvePeriod, type Period, type PeriodChoice } from "@/lib/validations/period";

let database: TestDatabase;
const fakes: FakeZendesk[] = [];
let deskA: number;
let deskB: number;
const TODAY = "2026-03-02";
const NOW = new Date("2026-03-02T12:00:00Z");

beforeAll(async () => {
  database = await createTestDatabase({ DB_STATEMENT_TIMEOUT_MS: "0" });
  for (const seed of [7, 8]) fakes.push(await FakeZendesk.start({ tickets: 700, seed, startTime: Date.parse("2026-03-01T00:00:00Z") / 1000, commentsPerTicket: [0, 0] }));
  deskA = (await addFakeDesk(fakes[0]!)).id;
  deskB = (await addFakeDesk(fakes[1]!)).id;
  for (const id of [deskA, deskB]) {
    const summary = await syncDesk(id, { steps: inlineSteps, trigger: "cli", tuning: { pageSize: 250 } });
    if (summary.error) throw new Error(summary.error);
  }
  // Spread the tickets over two years and give them varied durations, reopens and solve days (one
  // statement moving every ticket: longer than a page's statement limit).
  await database.prisma.$executeRaw`
    UPDATE zendesk_tickets SET created_at = created_at - zendesk_id * interval '25 hours',
      solved_at = CASE WHEN status IN ('solved', 'closed') THEN created_at - zendesk_id * interval '25 hours' + (zendesk_id % 9) * interval '1 day' END,
      first_reply_time_in_minutes = CASE WHEN zendesk_id % 6 = 0 THEN NULL ELSE (zendesk_id * 7919) % 5000 END,
      full_resolution_time_in_minutes = CASE WHEN status IN ('solved', 'closed') THEN (zendesk_id * 104729) % 40000 END,
      reopens = zendesk_id % 4`;
});
afterAll(async () => {
  await Promise.all(fakes.map((f) => f.close()));
  await database.drop();
});

/** A rollup as comparable rows: its counts (measure 'counts', bucket -1), then one row per duration bucket with tickets. */
type Rollup = { grain: string; kind: string; period: string; desk_id: number; key: string; measure: string; bucket: number; tickets: number; reopened: number; good: number; bad: number; offered: number };
const order = (rows: Rollup[]) => rows.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

/** The definitions recounted with plain GROUP BYs, written apart from the migration's function. */
async function recount(): Promise<Rollup[]> {
  const rows = await database.prisma.$queryRaw<Rollup[]>`
    WITH live AS (
      SELECT t.*, (t.created_at AT TIME ZONE 'UTC')::date AS created_day,
             CASE WHEN t.status IN ('solved', 'closed') THEN (coalesce(t.solved_at, t.updated_at, t.created_at) AT TIME ZONE 'UTC')::date END AS solved_day,
             coalesce(t.assignee_id::text, '') AS agent, coalesce(t.group_id::text, '') AS grp,
             (t.satisfaction_score IN ('good', 'good_with_comment'))::int AS is_good, (t.satisfaction_score IN ('bad', 'bad_with_comment'))::int AS is_bad
      FROM zendesk_tickets t WHERE t.deleted_at IS NULL AND t.created_at IS NOT NULL),
    facts AS (
      SELECT 'agent' AS kind, desk_id, solved_day AS day, agent AS key, 'counts' AS measure, -1 AS bucket,
             1 AS tickets, (reopens > 0)::int AS reopened, is_good AS good, is_bad AS bad, 0 AS offered
      FROM live WHERE solved_day IS NOT NULL
      UNION ALL SELECT 'agent', desk_id, solved_day, agent, 'reply', floor(10 * ln(1 + first_reply_time_in_minutes))::int, 1, 0, 0, 0, 0 FROM live
        WHERE solved_day IS NOT NULL AND first_reply_time_in_minutes IS NOT NULL
      UNION ALL SELECT 'agent', desk_id, solved_day, agent, 'resolution', floor(10 * ln(1 + full_resolution_time_in_minutes))::int, 1, 0, 0, 0, 0 FROM live
        WHERE solved_day IS NOT NULL AND full_resolution_time_in_minutes IS NOT NULL
      UNION ALL SELECT 'group', desk_id, created_day, grp, 'counts', -1, 1, 0, is_good, is_bad, (satisfaction_score = 'offered')::int FROM live
      UNION ALL SELECT 'group', desk_id, created_day, grp, 'reply', floor(10 * ln(1 + first_reply_time_in_minutes))::int, 1, 0, 0, 0, 0 FROM live
        WHERE first_reply_time_in_minutes IS NOT NULL
      UNION ALL SELECT 'group', desk_id, created_day, grp, 'resolution', floor(10 * ln(1 + full_resolution_time_in_minutes))::int, 1, 0, 0, 0, 0 FROM live
        WHERE solved_day IS NOT NULL AND full_resolution_time_in_minutes IS NOT NULL)
    SELECT g.grain, kind, g.period::text AS period, desk_id, key, measure, bucket, count(*)::int AS tickets,
           sum(coalesce(reopened, 0))::int AS reopened, sum(coalesce(good, 0))::int AS good, sum(coalesce(bad, 0))::int AS bad, sum(coalesce(offered, 0))::int AS offered
    FROM facts CROSS JOIN LATERAL (VALUES ('day', day), ('month', date_trunc('month', day)::date)) g(grain, period)
    WHERE g.grain = 'month' OR kind = 'group'
    GROUP BY 1, 2, 3, 4, 5, 6, 7`;
  return order(rows);
}

async function stored(): Promise<Rollup[]> {
  return order(
    await database.prisma.$queryRaw<Rollup[]>`
      SELECT grain, kind, period::text AS period, desk_id, key, 'counts' AS measure, -1 AS bucket, tickets, reopened, good, bad, offered
      FROM ticket_dashboard_rollups WHERE tickets <> 0
      UNION ALL
      SELECT r.grain, r.kind, r.period::text, r.desk_id, r.key, h.measure, (h.i - 1)::int, h.n, 0, 0, 0, 0
      FROM ticket_dashboard_rollups r
      CROSS JOIN LATERAL (SELECT 'reply' AS measure, x.n, x.i FROM unnest(r.reply) WITH ORDINALITY AS x(n, i)
                          UNION ALL SELECT 'resolution', x.n, x.i FROM unnest(r.resolution) WITH ORDINALITY AS x(n, i)) h
      WHERE coalesce(h.n, 0) <> 0`,
  );
}

async function expectConsistent() {
  const [want, have] = await Promise.all([recount(), stored()]);
  expect(have.length).toBeGreaterThan(1000);
  expect(have).toEqual(want);
}

function period(choice: PeriodChoice): Period {
  const result = resolvePeriod(choice, TODAY, "2024-01-01");
  if (!result.ok) throw new Error(result.error);
  return result.period;
}

const PERIODS: PeriodChoice[] = [{ range: "all" }, { range: "90d" }, { range: "7d" }, { range: "custom", from: "2024-11-17", to: "2025-08-03" }];
const dayStart = (day: string) => `${day}T00:00:00Z`;

/** The agents dashboard's numbers as it computed them from the tickets before the rollups. */
async function agentsByScan(range: { from: string; to: string }) {
  return database.prisma.$queryRaw<{ desk_id: number; agent_id: string | null; solved: number; reply: number | null; resolution: number | null; reopened: number; good: number; bad: number }[]>`
    SELECT t.desk_id, t.assignee_id::text AS agent_id, count(*)::int AS solved,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY t.first_reply_time_in_minutes) AS reply,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY t.full_resolution_time_in_minutes) AS resolution,
           (count(*) FILTER (WHERE t.reopens > 0))::int AS reopened,
           (count(*) FILTER (WHERE t.satisfaction_score IN ('good', 'good_with_comment')))::int AS good,
           (count(*) FILTER (WHERE t.satisfaction_score IN ('bad', 'bad_with_comment')))::int AS bad
    FROM zendesk_tickets t
    WHERE t.deleted_at IS NULL AND t.created_at IS NOT NULL AND t.status IN ('solved', 'closed') AND t.assignee_id IS NOT NULL
      AND coalesce(t.solved_at, t.updated_at, t.created_at) >= ${dayStart(range.from)}::timestamptz
      AND coalesce(t.solved_at, t.updated_at, t.created_at) < ${dayStart(addDays(range.to, 1))}::timestamptz
    GROUP BY 1, 2`;
}

async function expectAgentsMatchScan() {
  for (const choice of PERIODS) {
    const p = period(choice);
    const [rows, scan] = await Promise.all([listAgentStats(p, []), agentsByScan(p)]);
    expect(scan.length).toBeGreaterThan(0);
    for (const want of scan) {
      const row = rows.find((r) => r.deskId === want.desk_id && r.agentId === want.agent_id)!;
      expect(row).toMatchObject({ solved: want.solved, reopened: want.reopened, good: want.good, bad: want.bad });
      for (const [have, exact] of [
        [row.replyMedianMinutes, want.reply],
        [row.resolutionMedianMinutes, want.resolution],
      ] as const) {
        if (exact === null) expect(have).toBeNull();
        else expect(Math.abs(have! - exact)).toBeLessThanOrEqual(MEDIAN_ERROR.relative * exact + MEDIAN_ERROR.minutes + 1e-9);
      }
    }
    const solvedBy = (rs: { solved: number }[]) => rs.reduce((n, r) => n + r.solved, 0);
    const [unassigned] = await database.prisma.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM zendesk_tickets t WHERE t.deleted_at IS NULL AND t.created_at IS NOT NULL AND t.status IN ('solved', 'closed')
        AND t.assignee_id IS NULL AND coalesce(t.solved_at, t.updated_at, t.created_at) >= ${dayStart(p.from)}::timestamptz
        AND coalesce(t.solved_at, t.updated_at, t.created_at) < ${dayStart(addDays(p.to, 1))}::timestamptz`;
    expect(solvedBy(rows)).toBe(solvedBy(scan) + unassigned!.n);
  }
  const open = await database.prisma.$queryRaw<{ desk_id: number; agent_id: string | null; n: number }[]>`
    SELECT desk_id, assignee_id::text AS agent_id, count(*)::int AS n FROM zendesk_tickets
    WHERE deleted_at IS NULL AND status IN ('new', 'open', 'pending', 'hold') GROUP BY 1, 2`;
  const rows = await listAgentStats(period({ range: "7d" }), []);
  for (const want of open.filter((o) => o.agent_id !== null)) expect(rows.find((r) => r.deskId === want.desk_id && r.agentId === want.agent_id)?.open).toBe(want.n);
  expect(rows.find((r) => r.agentId === null)?.open ?? 0).toBe(open.filter((o) => o.agent_id === null).reduce((n, o) => n + o.n, 0));
}

/** The SLA dashboard's query before the rollups, per desk, group and series point. */
async function slaByScan(p: Period) {
  return database.prisma.$queryRaw<{ desk_id: number; group_id: string | null; bucket: string; tickets: number; reply_over: number; resolution_over: number }[]>`
    WITH t AS (
      SELECT t.desk_id, t.group_id, date_trunc(${p.grain}::text, t.created_at AT TIME ZONE 'UTC')::date AS bucket,
             CASE WHEN t.first_reply_time_in_minutes IS NOT NULL THEN t.first_reply_time_in_minutes > d.sla_first_reply_minutes
                  ELSE t.status IN ('new', 'open', 'pending', 'hold') AND t.created_at < ${NOW}::timestamptz - make_interval(mins => d.sla_first_reply_minutes) END AS reply_over,
             CASE WHEN t.status IN ('solved', 'closed') THEN coalesce(t.full_resolution_time_in_minutes > d.sla_resolution_minutes, false)
                  ELSE t.created_at < ${NOW}::timestamptz - make_interval(mins => d.sla_resolution_minutes) END AS resolution_over
      FROM zendesk_tickets t JOIN desks d ON d.id = t.desk_id
      WHERE t.deleted_at IS NULL AND t.created_at >= ${dayStart(p.from)}::timestamptz AND t.created_at < ${dayStart(addDays(p.to, 1))}::timestamptz)
    SELECT desk_id, group_id::text, bucket::text AS bucket, count(*)::int AS tickets,
           (count(*) FILTER (WHERE reply_over))::int AS reply_over, (count(*) FILTER (WHERE resolution_over))::int AS resolution_over
    FROM t GROUP BY 1, 2, 3`;
}

async function expectSlaMatchesScan() {
  for (const choice of PERIODS) {
    const p = period(choice);
    const [report, scan] = await Promise.all([getSlaReport({ desk: [], period: p }, NOW), slaByScan(p)]);
    const sum = (rows: typeof scan) => ({
      tickets: rows.reduce((n, r) => n + r.tickets, 0),
      replyOver: rows.reduce((n, r) => n + r.reply_over, 0),
      resolutionOver: rows.reduce((n, r) => n + r.resolution_over, 0),
    });
    expect(report.totals).toEqual(sum(scan));
    expect(report.totals.replyOver).toBeGreaterThan(0);
    for (const g of report.byGroup) {
      const { tickets, replyOver, resolutionOver } = g;
      expect({ tickets, replyOver, resolutionOver }).toEqual(sum(scan.filter((r) => r.desk_id === g.deskId && r.group_id === g.groupId)));
    }
    for (const point of report.overTime.filter((x) => x.tickets > 0)) {
      const { tickets, replyOver, resolutionOver } = point;
      expect({ tickets, replyOver, resolutionOver }).toEqual(sum(scan.filter((r) => r.bucket === bucketStart(point.from, p.grain))));
    }
  }
}

async function expectSatisfactionMatchesScan() {
  const p = period({ range: "all" });
  const report = await getSatisfactionReport({ desk: [], period: p });
  const scan = await database.prisma.$queryRaw<{ desk_id: number; group_id: string | null; tickets: number; good: number; bad: number; offered: number }[]>`
    SELECT desk_id, group_id::text, count(*)::int AS tickets,
           (count(*) FILTER (WHERE satisfaction_score IN ('good', 'good_with_comment')))::int AS good,
           (count(*) FILTER (WHERE satisfaction_score IN ('bad', 'bad_with_comment')))::int AS bad,
           (count(*) FILTER (WHERE satisfaction_score = 'offered'))::int AS offered
    FROM zendesk_tickets WHERE deleted_at IS NULL AND created_at IS NOT NULL GROUP BY 1, 2`;
  expect(report.byGroup.map(({ deskId, groupId, tickets, good, bad, offered }) => ({ desk_id: deskId, group_id: groupId, tickets, good, bad, offered })).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))).toEqual(
    scan.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
  );
}

describe("ticket dashboard rollups", () => {
  it("match a recount, and the dashboards match direct scans of the tickets", async () => {
    await expectConsistent();
    await expectAgentsMatchScan();
    await expectSlaMatchesScan();
    await expectSatisfactionMatchesScan();
  });

  it("follow tickets moved to another agent, group or desk, status and rating changes, reopens", async () => {
    await database.prisma.$executeRaw`UPDATE zendesk_tickets SET assignee_id = NULL WHERE desk_id = ${deskA} AND zendesk_id % 5 = 0`;
    await database.prisma.$executeRaw`UPDATE zendesk_tickets SET group_id = NULL, satisfaction_score = 'bad' WHERE desk_id = ${deskB} AND zendesk_id % 7 = 0`;
    await database.prisma.$executeRaw`UPDATE zendesk_tickets SET status = 'open', solved_at = NULL, full_resolution_time_in_minutes = NULL WHERE zendesk_id % 11 = 0`;
    await database.prisma.$executeRaw`UPDATE zendesk_tickets SET status = 'closed', solved_at = NULL, reopens = 2, first_reply_time_in_minutes = 480 WHERE zendesk_id % 13 = 0`;
    await database.prisma.$executeRaw`UPDATE zendesk_tickets SET updated_at = updated_at + interval '40 days' WHERE zendesk_id % 13 = 0`;
    await database.prisma.$executeRaw`UPDATE zendesk_tickets SET desk_id = ${deskB}, zendesk_id = zendesk_id + 100000 WHERE desk_id = ${deskA} AND zendesk_id % 17 = 0`;
    await expectConsistent();
    await expectAgentsMatchScan();
    await expectSlaMatchesScan();
    await expectSatisfactionMatchesScan();
  });

  it("need no recount when a desk's SLA targets change, even to a target inside a bucket", async () => {
    const before = await stored();
    // 481 minutes lies inside bucket [445, 491]: tickets at 482–491 are over, 445–481 are not.
    await database.prisma.$executeRaw`UPDATE zendesk_tickets SET first_reply_time_in_minutes = 445 + zendesk_id % 47 WHERE zendesk_id % 3 = 0`;
    await setDeskSla(testCaller(admin()), deskA, { firstReplyMinutes: 481, resolutionMinutes: 1000 });
    await setDeskSla(testCaller(admin()), deskB, { firstReplyMinutes: 30, resolutionMinutes: 20000 });
    expect(await stored()).not.toEqual(before);
    await expectConsistent();
    await expectSlaMatchesScan();
  });

  it("drop deleted tickets, marked deleted or removed, and go with their desk", async () => {
    await database.prisma.$executeRaw`UPDATE zendesk_tickets SET deleted_at = now(), status = 'deleted' WHERE desk_id = ${deskA} AND zendesk_id % 19 = 0`;
    await database.prisma.$executeRaw`DELETE FROM zendesk_tickets WHERE desk_id = ${deskB} AND zendesk_id % 23 = 0`;
    await expectConsistent();
    await expectAgentsMatchScan();
    await expectSlaMatchesScan();
    await database.prisma.$executeRaw`SELECT ticket_rollups_rebuild()`;
    await expectConsistent();
    await removeDesk(testCaller(), deskB);
    const [left] = await database.prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM ticket_dashboard_rollups WHERE desk_id = ${deskB}`;
    expect(left!.n).toBe(0);
    await expectConsistent();
    await expectAgentsMatchScan();
  });
});

describe("reading ranges and buckets", () => {
  it("covers a range with whole months and days, each day once", () => {
    expect(decompose({ from: "2023-11-17", to: "2026-02-03" }, true)).toEqual([
      { grain: "month", from: "2023-12-01", to: "2026-01-31" },
      { grain: "day", from: "2023-11-17", to: "2023-11-30" },
      { grain: "day", from: "2026-02-01", to: "2026-02-03" },
    ]);
    expect(decompose({ from: "2026-03-01", to: "2026-03-31" }, false)).toEqual([{ grain: "day", from: "2026-03-01", to: "2026-03-31" }]);
    expect(decompose({ from: "2026-03-05", to: "2026-03-20" }, true)).toEqual([{ grain: "day", from: "2026-03-05", to: "2026-03-20" }]);
  });

  it("reads an agent's partial months from at most half a month of tickets", () => {
    expect(solvedPlan({ from: "2026-01-03", to: "2026-03-10" })).toEqual({
      months: ["2026-01-01", "2026-02-01"],
      days: [
        { from: "2026-01-01", to: "2026-01-02", sign: -1 },
        { from: "2026-03-01", to: "2026-03-10", sign: 1 },
      ],
    });
    expect(solvedPlan({ from: "2026-04-02", to: "2026-04-29" })).toEqual({
      months: ["2026-04-01"],
      days: [
        { from: "2026-04-01", to: "2026-04-01", sign: -1 },
        { from: "2026-04-30", to: "2026-04-30", sign: -1 },
      ],
    });
  });

  it("stands each bucket for its minutes within the stated error", () => {
    for (let bucket = 0; bucket < 140; bucket++) {
      const [first, last] = bucketMinutes(bucket);
      for (const m of [first, last]) expect(Math.abs(bucketValue(bucket) - m)).toBeLessThanOrEqual(MEDIAN_ERROR.relative * m + MEDIAN_ERROR.minutes);
    }
  });
});
