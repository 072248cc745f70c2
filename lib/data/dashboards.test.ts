// The overview, agents, SLA and satisfaction dashboards against the synced fake account: each number
// recounted here from the tickets Zendesk sent, with the definitions the pages state.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAgentStats, sortAgents } from "@/lib/data/agents";
import { MEDIAN_ERROR } from "@/lib/data/duration-buckets";
import { ForbiddenError } from "@/lib/data/errors";
import { getOverview } from "@/lib/data/overview";
import { getSatisfactionReport } from "@/lib/data/satisfaction";
import { getSlaReport } from "@/lib/data/sla";
import { setDeskSla } from "@/lib/desks";
import { syncDesk } from "@/lib/sync/run";
import { inlineSteps } from "@/lib/sync/steps";
import { admin, testCaller, viewer } from "@/lib/testing/callers";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { addFakeDesk } from "@/lib/testing/fake-zendesk/desk";
import type { FakeTicket } from "@/lib/testing/fake-zendesk/factory";
import { FakeZendesk } from "@/lib/testing/fake-zendesk/server";
import { deskSlaSchema } from "@/lib/validations/desk-sla";
import { resolvePeriod, type Period, type PeriodChoice } from "@/lib/validations/period";

let database: TestDatabase;
let fake: FakeZendesk;
let deskId: number;
// 37 s apart: 1,500 tickets from 2026-03-01 12:00 to 2026-03-02 03:24 UTC.
const START = Date.parse("2026-03-01T12:00:00Z") / 1000;
const TODAY = "2026-03-02";

beforeAll(async () => {
  database = await createTestDatabase();
  fake = await FakeZendesk.start({ tickets: 1500, seed: 5, startTime: START, commentsPerTicket: [0, 0] });
  deskId = (await addFakeDesk(fake)).id;
  const summary = await syncDesk(deskId, { steps: inlineSteps, trigger: "cli" });
  if (summary.error) throw new Error(summary.error);
});
afterAll(async () => {
  await fake.close();
  await database.drop();
});

const tickets = () => fake.state.account.tickets;
const metrics = (t: FakeTicket) => fake.state.account.metricSets.get(t.id) as { solved_at: string | null; reopens: number };
const solved = (t: FakeTicket) => t.status === "solved" || t.status === "closed";
const unsolved = (t: FakeTicket) => ["new", "open", "pending", "hold"].includes(t.status);
const score = (t: FakeTicket) => (t.satisfaction_rating as { score: string }).score;
const day = (iso: string | null) => (iso ?? "").slice(0, 10);

function period(choice: PeriodChoice): Period {
  const result = resolvePeriod(choice, TODAY, "2026-03-01");
  if (!result.ok) throw new Error(result.error);
  return result.period;
}

describe("overview", () => {
  it("counts created, solved and unsolved for the period and the one before, and CSAT and first reply", async () => {
    const { current, previous } = await getOverview({ desk: [], period: period({ range: "today" }) });
    const createdToday = tickets().filter((t) => day(t.created_at as string) === TODAY);
    expect(current.created).toBe(createdToday.length);
    expect(current.solved).toBe(tickets().filter((t) => solved(t) && day(metrics(t).solved_at) === TODAY).length);
    expect(current.unsolved).toBe(tickets().filter(unsolved).length);
    expect(current.good).toBe(createdToday.filter((t) => score(t) === "good").length);
    expect(current.bad).toBe(createdToday.filter((t) => score(t) === "bad").length);
    expect(current.replyTickets).toBe(createdToday.length);
    expect(current.replyMedianMinutes).toBeGreaterThan(0);
    // Yesterday: everything created on 2026-03-01, and the backlog at its end.
    const yesterday = tickets().filter((t) => day(t.created_at as string) === "2026-03-01");
    expect(previous?.created).toBe(yesterday.length);
    expect(previous?.unsolved).toBe(yesterday.length - yesterday.filter((t) => solved(t) && day(metrics(t).solved_at) === "2026-03-01").length);
  });
});

describe("agents", () => {
  it("lists every agent, Unassigned too, with what they solved in the period, medians, reopens, CSAT and load", async () => {
    const rows = await listAgentStats(period({ range: "all" }), []);
    const agents = fake.state.account.users.filter((u) => u.role === "agent");
    expect(rows.filter((r) => r.agentId !== null).map((r) => r.agentId).sort()).toEqual(agents.map((a) => String(a.id)).sort());
    for (const agent of agents) {
      const row = rows.find((r) => r.agentId === String(agent.id))!;
      const theirs = tickets().filter((t) => t.assignee_id === agent.id);
      const done = theirs.filter(solved);
      expect(row.name).toBe(agent.name);
      expect(row.solved).toBe(done.length);
      expect(row.open).toBe(theirs.filter(unsolved).length);
      expect(row.reopened).toBe(done.filter((t) => metrics(t).reopens > 0).length);
      expect([row.good, row.bad]).toEqual([done.filter((t) => score(t) === "good").length, done.filter((t) => score(t) === "bad").length]);
    }
    const [exact] = await database.prisma.$queryRaw<{ reply: number; resolution: number }[]>`
      SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY first_reply_time_in_minutes) AS reply,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY full_resolution_time_in_minutes) AS resolution
      FROM zendesk_tickets WHERE assignee_id = 5000 AND status IN ('solved', 'closed')`;
    // Medians come from duration buckets: within 5 % of the exact ones, or half a minute.
    const agent = rows.find((r) => r.agentId === "5000")!;
    expect(Math.abs(agent.replyMedianMinutes! - exact!.reply)).toBeLessThanOrEqual(MEDIAN_ERROR.relative * exact!.reply + MEDIAN_ERROR.minutes);
    expect(Math.abs(agent.resolutionMedianMinutes! - exact!.resolution)).toBeLessThanOrEqual(MEDIAN_ERROR.relative * exact!.resolution + MEDIAN_ERROR.minutes);
    const nobody = rows.find((r) => r.agentId === null)!;
    expect(nobody).toMatchObject({ name: "Unassigned", solved: tickets().filter((t) => t.assignee_id === null && solved(t)).length });
    expect(nobody.open).toBe(tickets().filter((t) => t.assignee_id === null && unsolved(t)).length);
  });

  it("counts a ticket in the period it was solved in, and sorts by any column with the empty ones last", async () => {
    const today = await listAgentStats(period({ range: "today" }), [deskId]);
    const solvedToday = tickets().filter((t) => solved(t) && day(metrics(t).solved_at) === TODAY).length;
    expect(today.reduce((n, r) => n + r.solved, 0)).toBe(solvedToday);
    const rows = [
      { name: "b", solved: 3, csat: null },
      { name: "a", solved: 3, csat: 0.5 },
      { name: "c", solved: 9, csat: 0.9 },
    ].map((r) => ({ deskId: 1, agentId: r.name, replyMedianMinutes: null, resolutionMedianMinutes: null, reopened: 0, good: 0, bad: 0, open: 0, ...r }));
    expect(sortAgents(rows, "solved", "desc").map((r) => r.name)).toEqual(["c", "a", "b"]);
    expect(sortAgents(rows, "csat", "asc").map((r) => r.name)).toEqual(["a", "c", "b"]);
    expect(sortAgents(rows, "csat", "desc").map((r) => r.name)).toEqual(["c", "a", "b"]);
    expect(sortAgents(rows, "name", "asc").map((r) => r.name)).toEqual(["a", "b", "c"]);
  });
});

describe("SLA", () => {
  it("lets admins set a desk's targets, and refuses viewers and nonsense", async () => {
    await expect(setDeskSla(testCaller(viewer()), deskId, { firstReplyMinutes: 60, resolutionMinutes: 600 })).rejects.toBeInstanceOf(ForbiddenError);
    expect(deskSlaSchema.safeParse({ deskId, firstReplyHours: "0", resolutionHours: "10" }).success).toBe(false);
    expect(deskSlaSchema.safeParse({ deskId, firstReplyHours: "soon", resolutionHours: "10" }).success).toBe(false);
    expect(deskSlaSchema.parse({ deskId, firstReplyHours: "1.5", resolutionHours: "72" })).toMatchObject({ firstReplyHours: 90, resolutionHours: 4320 });
    const { message } = await setDeskSla(testCaller(admin()), deskId, { firstReplyMinutes: 120, resolutionMinutes: 3000 });
    expect(message).toMatch(/first reply 2 h, full resolution 50 h/);
  });

  it("counts the tickets over each target, by group and per day, waiting tickets included", async () => {
    const now = new Date("2026-03-02T12:00:00Z");
    const report = await getSlaReport({ desk: [deskId], period: period({ range: "all" }) }, now);
    expect(report.targets).toEqual([{ deskId, name: fake.host, firstReplyMinutes: 120, resolutionMinutes: 3000 }]);
    const rows = await database.prisma.zendeskTicket.findMany({
      where: { deskId },
      select: { status: true, groupId: true, createdAt: true, firstReplyTimeInMinutes: true, fullResolutionTimeInMinutes: true },
    });
    const age = (t: (typeof rows)[number]) => (now.getTime() - t.createdAt!.getTime()) / 60_000;
    const replyOver = (t: (typeof rows)[number]) =>
      t.firstReplyTimeInMinutes !== null ? t.firstReplyTimeInMinutes > 120 : ["new", "open", "pending", "hold"].includes(t.status!) && age(t) > 120;
    const resolutionOver = (t: (typeof rows)[number]) =>
      ["solved", "closed"].includes(t.status!) ? (t.fullResolutionTimeInMinutes ?? 0) > 3000 : age(t) > 3000;
    expect(report.totals).toEqual({ tickets: 1500, replyOver: rows.filter(replyOver).length, resolutionOver: rows.filter(resolutionOver).length });
    expect(report.totals.replyOver).toBeGreaterThan(0);
    const group = report.byGroup.find((g) => g.groupId === "7001")!;
    expect(group.replyOver).toBe(rows.filter((t) => t.groupId === BigInt(7001) && replyOver(t)).length);
    expect(report.byGroup.find((g) => g.groupId === null)?.label).toBe("No group");
    expect(report.overTime.map((p) => p.from)).toEqual(["2026-03-01", "2026-03-02"]);
    expect(report.overTime.reduce((n, p) => n + p.replyOver, 0)).toBe(report.totals.replyOver);
  });
});

describe("satisfaction", () => {
  it("gives CSAT as good / (good + bad) with its counts, per day and per group", async () => {
    const report = await getSatisfactionReport({ desk: [], period: period({ range: "all" }) });
    const good = tickets().filter((t) => score(t) === "good").length;
    const bad = tickets().filter((t) => score(t) === "bad").length;
    expect(report.totals).toMatchObject({ good, bad, tickets: 1500, csat: good / (good + bad) });
    expect(report.overTime.reduce((n, p) => n + p.good, 0)).toBe(good);
    const inGroup = tickets().filter((t) => t.group_id === 7002);
    const row = report.byGroup.find((g) => g.groupId === "7002")!;
    expect(row).toMatchObject({ tickets: inGroup.length, good: inGroup.filter((t) => score(t) === "good").length, bad: inGroup.filter((t) => score(t) === "bad").length });
    expect(row.label).toMatch(/^Group 2 /);
  });
});
